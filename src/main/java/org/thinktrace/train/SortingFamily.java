package org.thinktrace.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Sorting three to six distinct numbers ascending or descending by repeatedly picking the smallest
 * (or largest) of what is left, found by comparing the numbers one pair at a time. The check
 * confirms each neighbour pair is in order and none was lost.
 */
public final class SortingFamily implements TaskFamily {

    private static final List<String> ASCENDING = List.of(
            "Sort these numbers from smallest to largest: %s.",
            "Put %s in ascending order.",
            "Order from least to greatest: %s",
            "Can you sort %s in increasing order?",
            "Arrange %s from smallest to biggest.");
    private static final List<String> DESCENDING = List.of(
            "Sort these numbers from largest to smallest: %s.",
            "Put %s in descending order.",
            "Order from greatest to least: %s",
            "Arrange %s from biggest to smallest.");

    @Override
    public String name() {
        return "sorting";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        int size = rnd.nextInt(3, 7);
        int bound = rnd.nextBoolean() ? 100 : 1000;
        List<Integer> numbers = rnd.ints(0, bound).distinct().limit(size).boxed().toList();
        boolean ascending = rnd.nextInt(3) != 0;
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
            trace.step("From " + join(left) + ": " + scan(left, ascending) + ". The " + which + " is " + best + ".");
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
        String question = String.format(TaskFamily.pick(rnd, ascending ? ASCENDING : DESCENDING), join(numbers));
        return trace.toProblem(name(), "sort:" + (ascending ? "asc:" : "desc:") + join(numbers), question,
                "**" + result + "**", result);
    }

    /**
     * One pass that keeps the best number so far, one comparison at a time:
     * {@code start with 780; 706 is smaller, take 706; 905 is larger, keep 706}.
     */
    static String scan(List<Integer> numbers, boolean smallest) {
        int best = numbers.get(0);
        List<String> parts = new ArrayList<>();
        parts.add("start with " + best);
        for (int n : numbers.subList(1, numbers.size())) {
            boolean better = smallest ? n < best : n > best;
            if (better) {
                parts.add(n + " is " + (smallest ? "smaller" : "larger") + ", take " + n);
                best = n;
            } else {
                parts.add(n + " is " + (smallest ? "larger" : "smaller") + ", keep " + best);
            }
        }
        return String.join("; ", parts);
    }

    static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
