package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The minimum, maximum or sum of a list of three to six numbers: a running best (or a running total
 * added column by column), one number per line, checked against every other number (or by the ones
 * digits). From the forty-fifth edition on, training also asks the mean of two to six numbers: their sum, divided by
 * their count by long division ({@link #mean}).
 */
public final class ListStatisticsFamily implements TaskFamily {

    /** What is asked of the list; the evaluation and follow-ups ask the first three. */
    enum Statistic { MIN, MAX, SUM, MEAN }

    /** One training problem in this many asks a mean, in {@link TeacherEdition#asksTheMean} editions. */
    static final int MEAN_ONE_IN = 4;

    /**
     * The forty-fifth edition's means, training templates only: asked as the minimum, maximum and sum are, and in the
     * requests' frames sorting shares ({@link SortingFamily#REQUEST_FRAMES}).
     */
    private static final Phrasings FORTY_FIFTH_MEAN = Phrasings.of(
                    train("mean-of-list", "What is the mean of {list}?"),
                    train("mean-find-the-average-of", "Find the average of {list}."),
                    train("mean-average-of-anded", "What is the average of {anded}?"),
                    train("mean-call", "mean({list}) = ?"),
                    train("mean-average-call", "average({list}) = ?"),
                    train("mean-average-of-spaces", "average of {spaced}"),
                    train("mean-lines", "What is the mean of these numbers?\n{lines}"),
                    train("mean-whats-the-mean", "what's the mean of {list}"),
                    train("mean-calculate", "Calculate the mean of {anded}."),
                    train("mean-can-you-average", "Can you find the average of {list}?"),
                    train("mean-typo-avarage", "whats the avarage of {list}"),
                    train("mean-dashed", "{list} - the average?"),
                    train("mean-average-these", "Average these numbers: {list}"))
            .withComposed("mean-requests", SortingFamily.REQUEST_FRAMES,
                    List.of("the mean of {list}", "the average of {spaced}", "the average of {anded}"),
                    List.of("Average of these, please:\n{lines}", "What is their mean?\n{lines}"));

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
    /** Whether one training problem in {@value #MEAN_ONE_IN} asks a mean ({@link TeacherEdition#asksTheMean}). */
    private final boolean asksMean;

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
        this.asksMean = edition.asksTheMean();
    }

    @Override
    public String name() {
        return "list-statistics";
    }

    @Override
    public List<Phrasing> phrasings() {
        List<Phrasing> all = Teacher.concat(Teacher.concat(trainingMinPhrasings.all(), trainingMaxPhrasings.all()),
                trainingSumPhrasings.all());
        return asksMean ? Teacher.concat(all, FORTY_FIFTH_MEAN.all()) : all;
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, minPhrasings, maxPhrasings, sumPhrasings);
    }

    /**
     * A problem asked in the training templates (from the seventeenth edition on, the evaluation's and the requests);
     * in {@link TeacherEdition#asksTheMean} editions, one in {@value #MEAN_ONE_IN} the mean of two to six numbers.
     */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        if (asksMean && rnd.nextInt(MEAN_ONE_IN) == 0) {
            List<Integer> numbers = rnd.ints(rnd.nextInt(2, 7), 1, 100).boxed().toList();
            Solution solution = solve(rnd, numbers, Statistic.MEAN);
            return solution.askedAs(FORTY_FIFTH_MEAN.ask(rnd, phrasing, values(numbers)));
        }
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
            case MEAN -> throw new IllegalStateException("only training asks a mean");
        };
        return solution.askedAs(phrasings.ask(rnd, phrasing, values(numbers)));
    }

    /** The ways a template writes {@code numbers}: the list layouts sorting shares, and {@code {plus}}. */
    private static Map<String, String> values(List<Integer> numbers) {
        Map<String, String> values = new HashMap<>(SortingFamily.listValues(numbers));
        values.put("plus", numbers.stream().map(String::valueOf).collect(Collectors.joining(" + ")));
        return values;
    }

    /** The minimum, maximum, sum or mean of {@code numbers}, one number per line. */
    Solution solve(RandomGenerator rnd, List<Integer> numbers, Statistic statistic) {
        boolean slip = TaskFamily.drawSlip(rnd);
        Trace trace = new Trace();
        String key = statistic.name().toLowerCase() + ":" + SortingFamily.join(numbers);
        return switch (statistic) {
            case MIN -> solved(key, trace, "The minimum is", best(trace, numbers, statistic, slip));
            case MAX -> solved(key, trace, "The maximum is", best(trace, numbers, statistic, slip));
            case SUM -> solved(key, trace, "The sum is", sum(trace, numbers, slip));
            case MEAN -> {
                Mean mean = mean(trace, numbers, slip);
                yield new Solution(name(), key, trace, "The mean is " + (mean.rounded() ? "about " : "") + "**"
                        + mean.value() + "**.", mean.value());
            }
        };
    }

    /** A solution whose answer is {@code label} and the whole number {@code result} in bold. */
    private Solution solved(String key, Trace trace, String label, int result) {
        return new Solution(name(), key, trace, label + " **" + result + "**.", String.valueOf(result));
    }

    /** A mean as written in an answer ({@code 7}, {@code 12.5}, {@code 16.33}), and whether it was rounded. */
    record Mean(String value, boolean rounded) {
    }

    /**
     * The mean of {@code numbers}: their sum ({@link #sum}), then the sum divided by their count by long division, a
     * remainder written as a decimal of two places, rounded half up ({@code 1 ÷ 3 = 0.33}), and a check that the count
     * times the quotient plus the remainder gives the sum back:
     * {@code The mean is 49 ÷ 3. 49 ÷ 3, digit by digit. … So 49 ÷ 3 = 16 remainder 1.} /
     * {@code 1 ÷ 3 = 0.33, rounded. So the mean is 16 + 0.33 = 16.33.} /
     * {@code Check: 3 × 16 = 48, 48 + 1 = 49. Correct.}
     */
    private static Mean mean(Trace trace, List<Integer> numbers, boolean slip) {
        int count = numbers.size();
        trace.step("The mean is the sum of the " + count + " numbers divided by " + count + ".");
        int total = sum(trace, numbers, slip);
        Division division = new Division(total, count);
        trace.step("The mean is " + total + " ÷ " + count + ". "
                + division.longDivision(true, Division.DigitSearch.COUNTED_BY_DIGITS));
        int quotient = division.quotient();
        int remainder = division.remainder();
        BigDecimal exact = BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        boolean rounded = remainder * 100 % count != 0;
        String value = exact.stripTrailingZeros().toPlainString();
        if (remainder == 0) {
            trace.step("So the mean is " + quotient + ".");
            trace.step("Check: " + count + " × " + quotient + " = " + total + ". Correct.");
        } else {
            String fraction = BigDecimal.valueOf(remainder).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
            trace.step(remainder + " ÷ " + count + " = " + fraction + (rounded ? ", rounded." : ".")
                    + " So the mean is " + quotient + " + " + fraction + " = " + value + ".");
            trace.step("Check: " + count + " × " + quotient + " = " + count * quotient + ", " + count * quotient
                    + " + " + remainder + " = " + total + ". Correct.");
        }
        return new Mean(value, rounded);
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
