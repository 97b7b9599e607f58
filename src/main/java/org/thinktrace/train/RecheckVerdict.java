package org.thinktrace.train;

import java.util.Optional;
import org.thinktrace.text.R1Response;

/**
 * The verdict an "are you sure?" answer opens with: the earlier answer kept ({@value #KEPT_OPENING}) or corrected
 * ({@value #CORRECTED_OPENING}). A re-check is right only when its verdict is the teacher's as well as its answer: one that
 * finds the same answer again and still says it made a mistake (or keeps a wrong one) has not checked anything.
 */
public enum RecheckVerdict {
    /** The earlier answer stands. */
    KEPT,
    /** The earlier answer was wrong and is replaced. */
    CORRECTED;

    /** How a teacher's re-check answer opens when it keeps the earlier answer. */
    static final String KEPT_OPENING = "Yes. ";
    /** How a teacher's re-check answer opens when it corrects the earlier answer. */
    static final String CORRECTED_OPENING = "No, I made a mistake. ";

    /** The opening the teacher writes for this verdict. */
    String opening() {
        return this == KEPT ? KEPT_OPENING : CORRECTED_OPENING;
    }

    /** The verdict a final answer (the text after the thinking) opens with, if it opens with one. */
    static Optional<RecheckVerdict> of(String finalAnswer) {
        String answer = finalAnswer.strip();
        if (answer.startsWith(KEPT_OPENING.strip())) return Optional.of(KEPT);
        if (answer.startsWith(CORRECTED_OPENING.strip())) return Optional.of(CORRECTED);
        return Optional.empty();
    }

    /**
     * Whether {@code modelAnswer} (the text after the thinking) gives the verdict the teacher's {@code response} gives;
     * true for any problem whose teacher answer opens with no verdict (every problem but a re-check).
     */
    public static boolean agrees(Problem problem, String modelAnswer) {
        Optional<RecheckVerdict> expected = of(R1Response.parse(problem.response()).answer());
        return expected.isEmpty() || expected.equals(of(modelAnswer));
    }
}
