package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The minimum, maximum or sum of a list of three to six numbers: a running best (or a running total
 * added column by column), one number per line, checked against every other number (or by the ones
 * digits).
 */
public final class ListStatisticsFamily implements TaskFamily {

    /** What is asked of the list. */
    enum Statistic { MIN, MAX, SUM }

    private static final Phrasings FIRST_MIN = Phrasings.of(
            train("smallest-number-in", "What is the smallest number in {list}?"),
            train("find-the-minimum-of", "Find the minimum of {list}."),
            train("which-is-the-lowest", "Which is the lowest of {list}?"),
            train("min-call", "min({list}) = ?"));
    private static final Phrasings FIRST_MAX = Phrasings.of(
            train("largest-number-in", "What is the largest number in {list}?"),
            train("find-the-maximum-of", "Find the maximum of {list}."),
            train("which-is-the-highest", "Which is the highest of {list}?"),
            train("max-call", "max({list}) = ?"));
    private static final Phrasings FIRST_SUM = Phrasings.of(
            train("what-is-the-sum-of-list", "What is the sum of {list}?"),
            train("add-up", "Add up {list}."),
            train("what-do-add-up-to", "What do {list} add up to?"),
            train("find-the-total-of", "Find the total of {list}."),
            train("sum-call", "sum({list}) = ?"));

    private static final Phrasings SECOND_MIN = FIRST_MIN.plus(
            train("smallest-of-spaces", "smallest of {spaced}"),
            train("which-is-smallest-and", "Which is the smallest: {anded}?"),
            train("minimum-lines", "What is the minimum of these numbers?\n{lines}"),
            train("can-you-find-smallest", "Can you find the smallest number in {list}?"),
            train("typo-smalest", "whats the smalest of {list}"),
            heldOut("lowest-value-spaces", "Give me the lowest value in {spaced}"),
            heldOut("which-smallest-and", "{anded}: which one is the smallest?"),
            heldOut("minimum-of-list-lines", "Find the minimum:\n{lines}"),
            heldOut("typo-minimun", "minimun of {list}?"));
    private static final Phrasings SECOND_MAX = FIRST_MAX.plus(
            train("largest-of-spaces", "largest of {spaced}"),
            train("which-is-biggest-and", "Which is the biggest: {anded}?"),
            train("maximum-lines", "What is the maximum of these numbers?\n{lines}"),
            train("can-you-find-largest", "Can you find the largest number in {list}?"),
            train("typo-largst", "whats the largst of {list}"),
            heldOut("highest-value-spaces", "Give me the highest value in {spaced}"),
            heldOut("which-largest-and", "{anded}: which one is the largest?"),
            heldOut("maximum-of-list-lines", "Find the maximum:\n{lines}"),
            heldOut("typo-maxium", "maxium of {list}?"));
    private static final Phrasings SECOND_SUM = FIRST_SUM.plus(
            train("sum-of-spaces", "sum of {spaced}"),
            train("add-and-list", "Add {anded}."),
            train("total-lines", "What is the total of these numbers?\n{lines}"),
            train("please-add-up", "Please add up {list}."),
            train("plus-chain", "What is {plus}?"),
            train("typo-ad-up", "ad up {spaced}"),
            heldOut("work-out-the-sum-of-list", "Work out the sum of {anded}."),
            heldOut("total-of-spaces", "total of {spaced}?"),
            heldOut("add-lines", "Add these up:\n{lines}"),
            heldOut("plus-chain-bare", "{plus} ="),
            heldOut("could-you-sum", "Could you sum {list} for me?"));

    /** Frames of the fourth edition's composed list questions, with other families' cue words. */
    private static final List<String> FOURTH_FRAMES = List.of(
            "What is {op}?", "Write {op}.", "Tell me {op}.", "Who knows {op}?", "Give {op}");
    private static final Phrasings FOURTH_MIN = SECOND_MIN.withComposed("composed", FOURTH_FRAMES,
            List.of("the smallest of {list}", "the lowest number in {spaced}", "the minimum of {anded}"),
            List.of("Which number is the smallest: {list}?", "{list} - smallest one?", "Find the least of:\n{lines}"));
    private static final Phrasings FOURTH_MAX = SECOND_MAX.withComposed("composed", FOURTH_FRAMES,
            List.of("the biggest of {list}", "the highest number in {spaced}", "the maximum of {anded}"),
            List.of("Which number is the largest: {list}?", "{list} - largest one?", "Find the greatest of:\n{lines}"));
    private static final Phrasings FOURTH_SUM = SECOND_SUM.withComposed("composed", FOURTH_FRAMES,
            List.of("{plus}", "the sum of {spaced}", "{anded} added up"),
            List.of("Put {list} together: how much is that?", "Add all of these:\n{lines}", "{list} - total?"));

    /**
     * The seventeenth edition's requests: the frames sorting shares ({@link SortingFamily#REQUEST_FRAMES}) around what
     * is asked, so that the words for the statistic decide and neither the frame nor the list's layout does.
     */
    private static final Phrasings SEVENTEENTH_MIN = FOURTH_MIN.withComposed("requests", SortingFamily.REQUEST_FRAMES,
            List.of("the smallest number in {spaced}", "the least of {anded}", "the min of {list}",
                    "the lowest number among {list}", "the smallest one of these: {list}"),
            List.of("Smallest of these, please:\n{lines}", "Which one is lowest?\n{lines}",
                    "I need the smallest one here:\n{lines}"));
    private static final Phrasings SEVENTEENTH_MAX = FOURTH_MAX.withComposed("requests", SortingFamily.REQUEST_FRAMES,
            List.of("the largest number in {spaced}", "the greatest of {anded}", "the max of {list}",
                    "the highest number among {list}", "the biggest one of these: {list}"),
            List.of("Largest of these, please:\n{lines}", "Which one is highest?\n{lines}",
                    "I need the largest one here:\n{lines}"));
    private static final Phrasings SEVENTEENTH_SUM = FOURTH_SUM.withComposed("requests", SortingFamily.REQUEST_FRAMES,
            List.of("the sum of {spaced}", "the total of {anded}", "{list} added together", "what {plus} makes",
                    "the total of these: {list}"),
            List.of("Total of these, please:\n{lines}", "What do these make together?\n{lines}",
                    "I need the sum here:\n{lines}"));

    /**
     * The thirty-third edition's training templates: the seventeenth edition's, with a dash between the list and the
     * statistic's word and with the words misspelt, so that a misspelt minimum or maximum is not read as a sum.
     */
    private static final Phrasings THIRTY_THIRD_MIN = SEVENTEENTH_MIN.withComposed("dashed", List.of(
                    "{op} - the smallest?", "Minimum - {op}", "Lowest - {op}", "{op} -- which is the least?"),
            SortingFamily.DASHED_OPERANDS,
            List.of("whats the minumum in {list}", "find the mininum: {spaced}", "mimimum among {anded}?",
                    "the minimm here: {list}", "smallst one in {list}?", "lowst number in {spaced}"));
    private static final Phrasings THIRTY_THIRD_MAX = SEVENTEENTH_MAX.withComposed("dashed", List.of(
                    "{op} - the largest?", "Maximum - {op}", "Highest - {op}", "{op} -- which is the greatest?"),
            SortingFamily.DASHED_OPERANDS,
            List.of("whats the maximun in {list}", "find the maxmum: {spaced}", "maximim among {anded}?",
                    "the maxximum here: {list}", "largets one in {list}?", "highst number in {spaced}"));
    private static final Phrasings THIRTY_THIRD_SUM = SEVENTEENTH_SUM.withComposed("dashed", List.of(
                    "{op} - the sum?", "Sum - {op}", "Total - {op}", "{op} -- what do they add up to?"),
            SortingFamily.DASHED_OPERANDS,
            List.of("whats the summ of {list}", "find the totl: {spaced}", "ad these: {anded}",
                    "add up thes: {list}", "totel of {anded}?"));

    /** The templates evaluation problems are asked in. */
    private final Phrasings minPhrasings;
    private final Phrasings maxPhrasings;
    private final Phrasings sumPhrasings;
    /**
     * The templates training problems are asked in: the evaluation's, with the seventeenth edition's requests and the
     * thirty-third edition's dashed and misspelt ones.
     */
    private final Phrasings trainingMinPhrasings;
    private final Phrasings trainingMaxPhrasings;
    private final Phrasings trainingSumPhrasings;

    /**
     * Whether each comparison of a minimum or maximum scan writes both numbers ({@code 61 < 65, keep
     * 65.}) instead of a word about one of them ({@code 61 is smaller, take 61.}), fifth edition: the
     * number kept so far is then copied beside the new one before the two are compared.
     */
    private final boolean sideBySide;
    /** Whether a comparison of two close numbers first compares their digits ({@link #compared}; fourteenth edition on). */
    private final boolean comparesDigits;

    public ListStatisticsFamily(TeacherEdition edition) {
        this.sideBySide = edition.atLeast(TeacherEdition.FIFTH);
        this.comparesDigits = edition.atLeast(TeacherEdition.FOURTEENTH);
        boolean first = edition == TeacherEdition.FIRST;
        boolean fourth = edition.atLeast(TeacherEdition.FOURTH);
        this.minPhrasings = first ? FIRST_MIN : fourth ? FOURTH_MIN : SECOND_MIN;
        this.maxPhrasings = first ? FIRST_MAX : fourth ? FOURTH_MAX : SECOND_MAX;
        this.sumPhrasings = first ? FIRST_SUM : fourth ? FOURTH_SUM : SECOND_SUM;
        boolean requests = edition.atLeast(TeacherEdition.SEVENTEENTH);
        boolean dashed = edition.asksWithDashesAndMisspellings();
        this.trainingMinPhrasings = dashed ? THIRTY_THIRD_MIN : requests ? SEVENTEENTH_MIN : minPhrasings;
        this.trainingMaxPhrasings = dashed ? THIRTY_THIRD_MAX : requests ? SEVENTEENTH_MAX : maxPhrasings;
        this.trainingSumPhrasings = dashed ? THIRTY_THIRD_SUM : requests ? SEVENTEENTH_SUM : sumPhrasings;
    }

    @Override
    public String name() {
        return "list-statistics";
    }

    @Override
    public List<Phrasing> phrasings() {
        return Teacher.concat(Teacher.concat(trainingMinPhrasings.all(), trainingMaxPhrasings.all()), trainingSumPhrasings.all());
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, minPhrasings, maxPhrasings, sumPhrasings);
    }

    /** A problem asked in the training templates (from the seventeenth edition on, the evaluation's and the requests). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, trainingMinPhrasings, trainingMaxPhrasings, trainingSumPhrasings);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings min, Phrasings max, Phrasings sum) {
        Statistic statistic = Statistic.values()[rnd.nextInt(3)];
        int size = rnd.nextInt(3, 7);
        List<Integer> numbers = rnd.ints(size, 1, 100).boxed().toList();
        Solution solution = solve(rnd, numbers, statistic);
        Phrasings phrasings = switch (statistic) {
            case MIN -> min;
            case MAX -> max;
            case SUM -> sum;
        };
        java.util.Map<String, String> values = new java.util.HashMap<>(SortingFamily.listValues(numbers));
        values.put("plus", numbers.stream().map(String::valueOf).collect(Collectors.joining(" + ")));
        return solution.askedAs(phrasings.ask(rnd, phrasing, values));
    }

    /** The minimum, maximum or sum of {@code numbers}, one number per line. */
    Solution solve(RandomGenerator rnd, List<Integer> numbers, Statistic statistic) {
        boolean slip = TaskFamily.drawSlip(rnd);
        Trace trace = new Trace();
        int result = statistic == Statistic.SUM ? sum(trace, numbers, slip) : best(trace, numbers, statistic, slip);
        String list = SortingFamily.join(numbers);
        String label = switch (statistic) {
            case MIN -> "The minimum is";
            case MAX -> "The maximum is";
            case SUM -> "The sum is";
        };
        return new Solution(name(), statistic.name().toLowerCase() + ":" + list, trace,
                label + " **" + result + "**.", String.valueOf(result));
    }

    /**
     * A running total, each addition written column by column on one line; the check adds the ones
     * digits again, which must end like the total.
     */
    private static int sum(Trace trace, List<Integer> numbers, boolean slip) {
        int total = numbers.get(0);
        trace.step("Start with " + total + ".");
        for (int i = 1; i < numbers.size(); i++) {
            int next = total + numbers.get(i);
            if (slip && i == numbers.size() - 1) {
                boolean carries = total % 10 + numbers.get(i) % 10 >= 10;
                int wrong = carries ? next - 10 : next + 10;
                trace.slip(total + " + " + numbers.get(i) + " = " + wrong + ".",
                        carries ? "Wait, that dropped the carry from the ones. Column by column:"
                                : "Wait, that is 10 too many. Column by column:");
            }
            trace.step(ColumnWork.addition(total, numbers.get(i)).inline());
            total = next;
        }
        trace.step("So the sum is " + total + ".");
        List<Integer> ones = numbers.stream().map(n -> n % 10).toList();
        int onesSum = ones.stream().mapToInt(Integer::intValue).sum();
        trace.step("Check: the ones digits " + ones.stream().map(String::valueOf).collect(Collectors.joining(" + "))
                + " = " + onesSum + " end in " + onesSum % 10 + ", and so does " + total + ". Correct.");
        return total;
    }

    private int best(Trace trace, List<Integer> numbers, Statistic statistic, boolean slip) {
        boolean max = statistic == Statistic.MAX;
        String better = max ? "larger" : "smaller";
        String worse = max ? "smaller" : "larger";
        int best = numbers.get(0);
        trace.step("Start with " + best + ".");
        boolean slipped = false;
        for (int i = 1; i < numbers.size(); i++) {
            int n = numbers.get(i);
            boolean improves = max ? n > best : n < best;
            if (improves) {
                if (slip && !slipped) {
                    trace.slip(sideBySide ? compared(n, best, comparesDigits) + ", keep " + best + "."
                                    : n + " is " + worse + ", keep " + best + ".",
                            "Wait, " + n + " is " + better + " than " + best + ".");
                    slipped = true;
                }
                trace.step(sideBySide ? compared(n, best, comparesDigits) + ", take " + n + "."
                        : n + " is " + better + ", take " + n + ".");
                best = n;
            } else {
                trace.step(sideBySide ? compared(n, best, comparesDigits) + ", keep " + best + "."
                        : n + " is " + (n == best ? "the same" : worse) + ", keep " + best + ".");
            }
        }
        String label = max ? "maximum" : "minimum";
        trace.step("The " + label + " is " + best + ".");
        final int chosen = best;
        List<Integer> others = numbers.stream().filter(n -> n != chosen).toList();
        trace.step(others.isEmpty()
                ? "Check: every number is " + chosen + ". Correct."
                : "Check: " + chosen + " is in the list and " + SortingFamily.join(others) + (others.size() == 1 ? " is " : " are all ") + worse
                + ". Correct.");
        return best;
    }

    /**
     * {@code n} compared with {@code other}, both written: {@code 61 < 65}. With {@code digits}, two different numbers
     * of the same length and leading digit are first compared digit by digit from the left up to the first that
     * differs: {@code 477 vs 465: 4 = 4, 7 > 6, so 477 > 465} (a comparison of such numbers is where the
     * thirteenth-edition model's sorting misses all were).
     */
    static String compared(int n, int other, boolean digits) {
        String verdict = n + " " + relation(n, other) + " " + other;
        String a = String.valueOf(n);
        String b = String.valueOf(other);
        if (!digits || n == other || a.length() != b.length() || a.charAt(0) != b.charAt(0)) {
            return verdict;
        }
        List<String> places = new ArrayList<>();
        int i = 0;
        while (a.charAt(i) == b.charAt(i)) {
            places.add(a.charAt(i) + " = " + b.charAt(i));
            i++;
        }
        places.add(a.charAt(i) + " " + relation(a.charAt(i), b.charAt(i)) + " " + b.charAt(i));
        return n + " vs " + other + ": " + String.join(", ", places) + ", so " + verdict;
    }

    /** {@code <}, {@code =} or {@code >}: how {@code n} compares with {@code other}. */
    static String relation(int n, int other) {
        return n < other ? "<" : n == other ? "=" : ">";
    }
}
