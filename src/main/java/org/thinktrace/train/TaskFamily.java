package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A family of problems the teacher can pose and solve step by step.
 *
 * <p>Contract: {@link #generate} draws one problem from {@code rnd} only (same generator state, same
 * problem), and the problem's response reaches the correct answer, ends its thinking with a check,
 * and, with probability {@link #SLIP_RATE}, contains a plausible slip that is noticed and corrected.
 */
public sealed interface TaskFamily permits AdditionFamily, SubtractionFamily, MultiplicationFamily,
        DecimalComparisonFamily, LetterCountFamily, SortingFamily, ListStatisticsFamily, PrimalityFamily,
        WordProblemFamily, WeekdayFamily {

    /** Share of traces that contain a self-corrected slip. */
    double SLIP_RATE = 0.15;

    /** Short identifier, also the {@link Problem#family()} of what it generates. */
    String name();

    /** Draws one problem with its solution. */
    Problem generate(RandomGenerator rnd);

    /** Whether the next trace should contain a slip. */
    static boolean drawSlip(RandomGenerator rnd) {
        return rnd.nextDouble() < SLIP_RATE;
    }

    /** One element of {@code options}, drawn uniformly. */
    static <T> T pick(RandomGenerator rnd, List<T> options) {
        return options.get(rnd.nextInt(options.size()));
    }

    /** A number with {@code digits} digits (no leading zero; 0..9 for one digit). */
    static int withDigits(RandomGenerator rnd, int digits) {
        if (digits == 1) {
            return rnd.nextInt(10);
        }
        int low = (int) Math.pow(10, digits - 1);
        return rnd.nextInt(low, low * 10);
    }
}
