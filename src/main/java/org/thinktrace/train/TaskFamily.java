package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A family of problems the teacher can pose and solve step by step.
 *
 * <p>Contract: {@link #generate} draws one problem from {@code rnd} only (same generator state, same
 * problem) and asks it in a phrasing of the requested {@link PhrasingSplit}. An {@link #inScope()
 * in-scope} family's response reaches the correct answer, ends its thinking with a check, and, with
 * probability {@link #SLIP_RATE}, contains a plausible slip that is noticed and corrected; the
 * out-of-scope family's response is its refusal. A family built for the
 * {@link TeacherEdition#FIRST first edition} draws exactly the problems the first teacher drew.
 */
public sealed interface TaskFamily permits AdditionFamily, SubtractionFamily, MultiplicationFamily,
        DecimalComparisonFamily, LetterCountFamily, SortingFamily, ListStatisticsFamily, PrimalityFamily,
        WordProblemFamily, WeekdayFamily, OutOfScopeFamily {

    /** Share of traces that contain a self-corrected slip. */
    double SLIP_RATE = 0.15;

    /** Short identifier, also the {@link Problem#family()} of what it generates. */
    String name();

    /** Draws one problem with its solution, asked in a phrasing of {@code phrasing}. */
    Problem generate(RandomGenerator rnd, PhrasingSplit phrasing);

    /**
     * Draws one problem for a training set, asked in a phrasing of {@code phrasing}: {@link #generate} unless the
     * family trains some kinds of its problems more often than its evaluation asks them (the evaluation's draws
     * stay those of {@link #generate}).
     */
    default Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing);
    }

    /** Draws one problem asked in a training phrasing. */
    default Problem generate(RandomGenerator rnd) {
        return generate(rnd, PhrasingSplit.TRAINING);
    }

    /** Every phrasing template of the family, training and held out. */
    List<Phrasing> phrasings();

    /**
     * Whether the family's questions are ones the model should solve. The out-of-scope family's are
     * not: they have no problem behind them, so they are split by phrasing alone, not by key.
     */
    default boolean inScope() {
        return true;
    }

    /** Whether the next trace should contain a slip. */
    static boolean drawSlip(RandomGenerator rnd) {
        return rnd.nextDouble() < SLIP_RATE;
    }

    /**
     * One training addition or subtraction in this many is of two one-digit numbers, in editions that ask them
     * ({@link TeacherEdition#asksTheLowerEdges}).
     */
    int ONE_DIGIT_OPERANDS_ONE_IN = 10;

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
