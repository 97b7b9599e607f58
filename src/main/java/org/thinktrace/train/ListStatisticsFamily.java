package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The minimum, maximum or sum of a list of three to six numbers: a running best (or a running total
 * added column by column), one number per line, checked against every other number (or by the ones
 * digits).
 */
public final class ListStatisticsFamily implements TaskFamily {

    private enum Statistic { MIN, MAX, SUM }

    private static final List<String> MIN_PHRASINGS = List.of(
            "What is the smallest number in %s?",
            "Find the minimum of %s.",
            "Which is the lowest of %s?",
            "min(%s) = ?");
    private static final List<String> MAX_PHRASINGS = List.of(
            "What is the largest number in %s?",
            "Find the maximum of %s.",
            "Which is the highest of %s?",
            "max(%s) = ?");
    private static final List<String> SUM_PHRASINGS = List.of(
            "What is the sum of %s?",
            "Add up %s.",
            "What do %s add up to?",
            "Find the total of %s.",
            "sum(%s) = ?");

    @Override
    public String name() {
        return "list-statistics";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        Statistic statistic = Statistic.values()[rnd.nextInt(3)];
        int size = rnd.nextInt(3, 7);
        List<Integer> numbers = rnd.ints(size, 1, 100).boxed().toList();
        boolean slip = TaskFamily.drawSlip(rnd);
        Trace trace = new Trace();
        int result = statistic == Statistic.SUM ? sum(trace, numbers, slip) : best(trace, numbers, statistic, slip);
        String list = SortingFamily.join(numbers);
        List<String> phrasings = switch (statistic) {
            case MIN -> MIN_PHRASINGS;
            case MAX -> MAX_PHRASINGS;
            case SUM -> SUM_PHRASINGS;
        };
        String label = switch (statistic) {
            case MIN -> "The minimum is";
            case MAX -> "The maximum is";
            case SUM -> "The sum is";
        };
        String question = String.format(TaskFamily.pick(rnd, phrasings), list);
        return trace.toProblem(name(), statistic.name().toLowerCase() + ":" + list, question,
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

    private static int best(Trace trace, List<Integer> numbers, Statistic statistic, boolean slip) {
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
                    trace.slip(n + " is " + worse + ", keep " + best + ".",
                            "Wait, " + n + " is " + better + " than " + best + ".");
                    slipped = true;
                }
                trace.step(n + " is " + better + ", take " + n + ".");
                best = n;
            } else {
                trace.step(n + " is " + (n == best ? "the same" : worse) + ", keep " + best + ".");
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
}
