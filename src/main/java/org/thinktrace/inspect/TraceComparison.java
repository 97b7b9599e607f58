package org.thinktrace.inspect;

import java.util.List;
import java.util.Locale;

/**
 * How two versions of a response (A and B) differ.
 *
 * @param divergence   the first token where they differ; null when either has no token data or their tokens
 *                     are identical
 * @param steps        their steps aligned, in order
 * @param answerA      A's normalised final answer, or null when it states none
 * @param answerB      B's normalised final answer, or null when it states none
 * @param answersAgree both state an answer and the two are equal after normalisation
 */
public record TraceComparison(Divergence divergence, List<StepPair> steps, String answerA, String answerB,
                              boolean answersAgree) {

    public TraceComparison {
        steps = List.copyOf(steps);
    }

    /**
     * The first token index where the two versions differ (token ids compared).
     *
     * @param token the index, counted from the first generated token
     * @param textA A's token there, or null when A ended before it
     * @param pA    its probability (NaN when A ended)
     * @param textB B's token there, or null when B ended before it
     * @param pB    its probability (NaN when B ended)
     */
    public record Divergence(int token, String textA, float pA, String textB, float pB) {
    }

    /** How a step of one version relates to the other. */
    public enum Change {
        /** The same step text (after normalisation) in both. */
        KEPT,
        /** Aligned steps whose texts are similar but not the same. */
        CHANGED,
        /** A step only B has. */
        ADDED,
        /** A step only A has. */
        DROPPED;

        /** {@code kept}, {@code changed}, {@code added} or {@code dropped}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One row of the step alignment.
     *
     * @param change     how the step changed
     * @param stepA      the step index in A, or -1 for an added step
     * @param stepB      the step index in B, or -1 for a dropped step
     * @param similarity word similarity of the two steps (0 to 1; 0 for added and dropped)
     */
    public record StepPair(Change change, int stepA, int stepB, double similarity) {
    }
}
