package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Sorting three to six distinct numbers (two, too, in training from the forty-third edition on) ascending or descending
 * by repeatedly picking the smallest (or largest) of what is left, found by comparing the numbers one pair at a time. The
 * check confirms each neighbour pair is in order and none was lost.
 */
public final class SortingFamily implements TaskFamily {

    private static final Phrasings FIRST_ASCENDING = Phrasings.of(
            train("sort-smallest-to-largest-these", "Sort these numbers from smallest to largest: {list}."),
            train("put-in-ascending-order", "Put {list} in ascending order."),
            train("order-least-to-greatest", "Order from least to greatest: {list}"),
            train("can-you-sort-increasing", "Can you sort {list} in increasing order?"),
            train("arrange-smallest-to-biggest", "Arrange {list} from smallest to biggest."));
    private static final Phrasings FIRST_DESCENDING = Phrasings.of(
            train("sort-largest-to-smallest-these", "Sort these numbers from largest to smallest: {list}."),
            train("put-in-descending-order", "Put {list} in descending order."),
            train("order-greatest-to-least", "Order from greatest to least: {list}"),
            train("arrange-biggest-to-smallest", "Arrange {list} from biggest to smallest."));

    private static final Phrasings SECOND_ASCENDING = FIRST_ASCENDING.plus(
            train("ascending-order-colon", "Put these numbers in ascending order: {list}"),
            train("sort-smallest-to-largest-spaces", "Sort from smallest to largest: {spaced}"),
            train("sort-bare", "Sort {list}"),
            train("sort-bare-spaces", "sort {spaced}"),
            train("sort-and", "Sort {anded}."),
            train("sort-lines", "Sort these numbers:\n{lines}"),
            train("in-order", "Put {list} in order."),
            train("ascending-lines", "Put in ascending order:\n{lines}"),
            train("please-sort-ascending", "Please sort {list} in ascending order."),
            train("low-to-high", "order {spaced} from low to high"),
            train("typo-acending", "sort in acending order: {list}"),
            train("lowest-first", "List {anded} with the lowest first."),
            heldOut("arrange-ascending", "Arrange in ascending order: {list}"),
            heldOut("order-smallest-to-largest-these", "Order these from smallest to largest: {spaced}"),
            heldOut("can-you-sort-bare", "Can you sort {list}?"),
            heldOut("sort-spaces-please", "sort {spaced} please"),
            heldOut("increasing-lines", "Sort in increasing order:\n{lines}"),
            heldOut("ascending-and", "{anded} in ascending order"),
            heldOut("rank-smallest-first", "Rank these from smallest to largest - {list}"),
            heldOut("typo-smalest", "sort from smalest to largest {list}"));
    private static final Phrasings SECOND_DESCENDING = FIRST_DESCENDING.plus(
            train("descending-order-colon", "Put these numbers in descending order: {list}"),
            train("sort-largest-to-smallest-spaces", "Sort from largest to smallest: {spaced}"),
            train("sort-descending-bare", "Sort {list} in descending order"),
            train("descending-and", "Sort {anded} from biggest to smallest."),
            train("descending-lines", "Put in descending order:\n{lines}"),
            train("high-to-low", "order {spaced} from high to low"),
            train("please-sort-descending", "Please sort {list} in decreasing order."),
            train("typo-decending", "sort in decending order: {list}"),
            train("highest-first", "List {anded} with the highest first."),
            heldOut("arrange-descending", "Arrange in descending order: {list}"),
            heldOut("order-largest-to-smallest-spaces", "Order these from largest to smallest: {spaced}"),
            heldOut("can-you-sort-descending", "Can you sort {list} in descending order?"),
            heldOut("decreasing-lines", "Sort in decreasing order:\n{lines}"),
            heldOut("descending-and-bare", "{anded} in descending order"),
            heldOut("typo-bigest", "sort from bigest to smallest {spaced}"));

    /** The fourth edition's composed questions: orders, list forms and other families' cue words. */
    private static final Phrasings FOURTH_ASCENDING = SECOND_ASCENDING.withComposed("composed", List.of(
                    "Sort {op}", "Write {op}", "Who can sort {op}?", "Rearrange {op}.", "Put {op}."),
            List.of("{list} in order, smallest to largest", "{spaced} from low to high", "{anded} into ascending order",
                    "{list} with the smallest first"),
            List.of("Sort into ascending order: {list}", "Put {list} into order, smallest first.",
                    "{list} - sort them, lowest first", "Numbers: {spaced}. Sort them ascending.",
                    "Write these in order from small to big:\n{lines}"));
    private static final Phrasings FOURTH_DESCENDING = SECOND_DESCENDING.withComposed("composed", List.of(
                    "Sort {op}", "Write {op}", "Who can sort {op}?", "Rearrange {op}.", "Put {op}."),
            List.of("{list} in order, largest to smallest", "{spaced} from high to low", "{anded} into descending order",
                    "{list} with the largest first"),
            List.of("Sort into descending order: {list}", "Put {list} into order, largest first.",
                    "{list} - sort them, highest first", "Numbers: {spaced}. Sort them descending.",
                    "Write these in order from big to small:\n{lines}"));

    /**
     * Frames of requests that sorts, minimums, maximums and sums share (seventeenth edition), each around the words for
     * what is asked: the fourteenth-edition model sorted most of the lists whose held-out phrasing asked for their
     * largest or smallest number, so a frame or a list layout must not tell the kind.
     */
    static final List<String> REQUEST_FRAMES = List.of(
            "Give me {op}.", "I need {op}", "Show me {op}", "Can I get {op}?", "{op}, please.", "I'd like {op}.",
            "Just {op}");
    private static final Phrasings SEVENTEENTH_ASCENDING = FOURTH_ASCENDING.withComposed("requests", REQUEST_FRAMES,
            List.of("{list} sorted", "{spaced} sorted from smallest to largest", "{anded} in increasing order",
                    "{list} in order, lowest first", "these sorted ascending: {list}"),
            List.of("Sorted, smallest first, please:\n{lines}", "I need these sorted:\n{lines}",
                    "Lowest to highest, please:\n{lines}"));
    private static final Phrasings SEVENTEENTH_DESCENDING = FOURTH_DESCENDING.withComposed("requests", REQUEST_FRAMES,
            List.of("{list} sorted from largest to smallest", "{spaced} from highest to lowest",
                    "{anded} in decreasing order", "{list} in order, highest first", "these sorted descending: {list}"),
            List.of("Sorted, biggest first, please:\n{lines}", "I need these sorted, largest first:\n{lines}",
                    "Highest to lowest, please:\n{lines}"));

    /** The list layouts the thirty-third edition's dashed sorting and list-statistics templates ask in. */
    static final List<String> DASHED_OPERANDS = List.of("{list}", "{spaced}", "{anded}");
    /**
     * The thirty-third edition's training templates: the seventeenth edition's, with a dash between the order asked for
     * and the numbers and with the order's words misspelt.
     */
    private static final Phrasings THIRTY_THIRD_ASCENDING = SEVENTEENTH_ASCENDING.withComposed("dashed", List.of(
                    "Sort these - {op}", "{op} - sort ascending", "Ascending order - {op}", "Smallest to largest - {op}",
                    "In order, lowest first - {op}"),
            DASHED_OPERANDS,
            List.of("put {list} in assending order", "smallst to largst: {spaced}", "lowst first please: {list}",
                    "acsending: {list}", "order from lowst to highest {spaced}"));
    private static final Phrasings THIRTY_THIRD_DESCENDING = SEVENTEENTH_DESCENDING.withComposed("dashed", List.of(
                    "Sort these, largest first - {op}", "{op} - sort descending", "Descending order - {op}",
                    "Largest to smallest - {op}", "From high to low - {op}"),
            DASHED_OPERANDS,
            List.of("put {list} in decsending order", "largst to smallst: {spaced}", "biggist first please: {list}",
                    "descnding: {list}", "order from highst to lowest {spaced}"));

    /** The templates evaluation problems are asked in. */
    private final Phrasings ascendingPhrasings;
    private final Phrasings descendingPhrasings;
    /**
     * The templates training problems are asked in: the evaluation's, with the seventeenth edition's requests and the
     * thirty-third edition's dashed and misspelt ones.
     */
    private final Phrasings trainingAscendingPhrasings;
    private final Phrasings trainingDescendingPhrasings;
    private final TeacherEdition edition;
    /** Whether training also sorts two numbers ({@link TeacherEdition#asksTheLowerEdges}). */
    private final boolean asksTwoNumbers;

    /** One training request in this many sorts two numbers, in {@link TeacherEdition#asksTheLowerEdges} editions. */
    static final int TWO_NUMBERS_ONE_IN = 10;

    public SortingFamily(TeacherEdition edition) {
        this.edition = edition;
        this.asksTwoNumbers = edition.asksTheLowerEdges();
        boolean fourth = edition.atLeast(TeacherEdition.FOURTH);
        this.ascendingPhrasings = edition == TeacherEdition.FIRST ? FIRST_ASCENDING : fourth ? FOURTH_ASCENDING : SECOND_ASCENDING;
        this.descendingPhrasings = edition == TeacherEdition.FIRST ? FIRST_DESCENDING : fourth ? FOURTH_DESCENDING : SECOND_DESCENDING;
        boolean requests = edition.atLeast(TeacherEdition.SEVENTEENTH);
        boolean dashed = edition.asksWithDashesAndMisspellings();
        this.trainingAscendingPhrasings = dashed ? THIRTY_THIRD_ASCENDING : requests ? SEVENTEENTH_ASCENDING : ascendingPhrasings;
        this.trainingDescendingPhrasings = dashed ? THIRTY_THIRD_DESCENDING
                : requests ? SEVENTEENTH_DESCENDING : descendingPhrasings;
    }

    @Override
    public String name() {
        return "sorting";
    }

    @Override
    public List<Phrasing> phrasings() {
        return Teacher.concat(trainingAscendingPhrasings.all(), trainingDescendingPhrasings.all());
    }

    /**
     * Three to six distinct numbers below 100 or 1,000 (the second edition also below 10, single
     * digits), sorted ascending two times in three.
     */
    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, ascendingPhrasings, descendingPhrasings);
    }

    /** A problem asked in the training templates (from the seventeenth edition on, the evaluation's and the requests). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        boolean twoNumbers = asksTwoNumbers && rnd.nextInt(TWO_NUMBERS_ONE_IN) == 0;
        return generate(rnd, phrasing, trainingAscendingPhrasings, trainingDescendingPhrasings, twoNumbers);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings ascendingIn, Phrasings descendingIn) {
        return generate(rnd, phrasing, ascendingIn, descendingIn, false);
    }

    /** Three to six numbers to sort, or two when {@code twoNumbers}. */
    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings ascendingIn, Phrasings descendingIn,
                             boolean twoNumbers) {
        int size = twoNumbers ? 2 : rnd.nextInt(3, 7);
        int bound = edition == TeacherEdition.FIRST
                ? (rnd.nextBoolean() ? 100 : 1000)
                : List.of(10, 100, 100, 1000).get(rnd.nextInt(4));
        List<Integer> numbers = rnd.ints(0, bound).distinct().limit(size).boxed().toList();
        boolean ascending = rnd.nextInt(3) != 0;
        Solution solution = solve(rnd, numbers, ascending);
        return solution.askedAs((ascending ? ascendingIn : descendingIn).ask(rnd, phrasing, listValues(numbers)));
    }

    /** Sorts distinct {@code numbers} by picking the smallest (largest) of what is left each time. */
    Solution solve(RandomGenerator rnd, List<Integer> numbers, boolean ascending) {
        int size = numbers.size();
        String which = ascending ? "smallest" : "largest";
        Comparator<Integer> order = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        boolean slip = TaskFamily.drawSlip(rnd);

        Trace trace = new Trace().step("Pick the " + which + " number each time.");
        List<Integer> left = new ArrayList<>(numbers);
        List<Integer> sorted = new ArrayList<>();
        while (left.size() > 1) {
            int best = left.stream().min(order).orElseThrow();
            List<Integer> rest = new ArrayList<>(left);
            rest.remove(Integer.valueOf(best));
            if (slip && left.size() >= 3) {
                int runnerUp = rest.stream().min(order).orElseThrow();
                trace.slip("From " + join(left) + " the " + which + " is " + runnerUp + ".",
                        "Wait, " + best + " is " + (ascending ? "smaller" : "larger") + " than " + runnerUp
                                + ", so the " + which + " is " + best + ".");
                slip = false;
            }
            trace.step("From " + join(left) + ": " + scan(left, ascending, edition.atLeast(TeacherEdition.FIFTH),
                    edition.atLeast(TeacherEdition.FOURTEENTH))
                    + ". The " + which + " is " + best + ".");
            sorted.add(best);
            left = rest;
        }
        sorted.add(left.get(0));
        trace.step("Last: " + left.get(0) + ".");
        String result = join(sorted);
        String relation = ascending ? " < " : " > ";
        trace.step("Sorted: " + result + ".");
        trace.step("Check: " + sorted.stream().map(String::valueOf).collect(Collectors.joining(relation))
                + ", and " + size + " numbers went in and " + size + " came out. Correct.");
        return new Solution(name(), "sort:" + (ascending ? "asc:" : "desc:") + join(numbers), trace,
                "**" + result + "**", result);
    }

    /**
     * A list written the ways people write lists: {@code list} "29, 99, 14", {@code spaced}
     * "29 99 14", {@code anded} "29, 99 and 14", {@code lines} one number per line.
     */
    static Map<String, String> listValues(List<Integer> numbers) {
        List<String> text = numbers.stream().map(String::valueOf).toList();
        String anded = String.join(", ", text.subList(0, text.size() - 1)) + " and " + text.get(text.size() - 1);
        return Map.of("list", String.join(", ", text), "spaced", String.join(" ", text), "anded", anded,
                "lines", String.join("\n", text));
    }

    /**
     * One pass that keeps the best number so far, one comparison at a time:
     * {@code start with 780; 706 is smaller, take 706; 905 is larger, keep 706}, or with
     * {@code sideBySide} (fifth edition) both numbers of each comparison:
     * {@code start with 780; 706 < 780, take 706; 905 > 706, keep 706}; with {@code comparesDigits} too (fourteenth
     * edition), close numbers compared digit by digit first ({@link ListStatisticsFamily#compared}):
     * {@code 477 vs 465: 4 = 4, 7 > 6, so 477 > 465, keep 465}.
     */
    static String scan(List<Integer> numbers, boolean smallest, boolean sideBySide, boolean comparesDigits) {
        int best = numbers.get(0);
        List<String> parts = new ArrayList<>();
        parts.add("start with " + best);
        for (int n : numbers.subList(1, numbers.size())) {
            boolean better = smallest ? n < best : n > best;
            String comparison = sideBySide ? ListStatisticsFamily.compared(n, best, comparesDigits)
                    : n + " is " + (better == smallest ? "smaller" : "larger");
            parts.add(comparison + (better ? ", take " + n : ", keep " + best));
            if (better) {
                best = n;
            }
        }
        return String.join("; ", parts);
    }

    static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
