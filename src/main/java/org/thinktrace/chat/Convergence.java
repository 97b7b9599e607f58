package org.thinktrace.chat;

import java.util.List;
import java.util.Objects;

/**
 * "When did it know?": the interim answer after each step and where it settled on the final answer.
 *
 * @param steps             the interim answer at each probed step boundary, in order
 * @param finalAnswer       the normalised final answer of the response
 * @param settledStep       the first step from which every interim answer equals the final answer; −1 if none
 * @param afterSettledShare the share of thinking tokens that came after the settled step's end (0 to 1); NaN
 *                          when it never settled
 * @param complete          false when the probes were cancelled before the last step
 */
public record Convergence(List<InterimAnswer> steps, String finalAnswer, int settledStep, double afterSettledShare,
                          boolean complete) {

    public Convergence {
        steps = List.copyOf(steps);
        Objects.requireNonNull(finalAnswer, "finalAnswer");
    }

    /**
     * Finds where a list of interim answers settles on {@code finalAnswer}.
     *
     * @param thinkingTokens the thinking's length in tokens, to the end of its last step (the end-of-thinking tag after
     *                       it is not thinking)
     */
    public static Convergence of(List<InterimAnswer> steps, String finalAnswer, int thinkingTokens, boolean complete) {
        int settledAt = -1;
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (finalAnswer.isEmpty() || !steps.get(i).answer().equals(finalAnswer)) break;
            settledAt = i;
        }
        if (!complete || settledAt < 0) return new Convergence(steps, finalAnswer, -1, Double.NaN, complete);
        InterimAnswer settled = steps.get(settledAt);
        double after = thinkingTokens == 0 ? 0 : (thinkingTokens - settled.tokenIndex()) / (double) thinkingTokens;
        return new Convergence(steps, finalAnswer, settled.step(), after, true);
    }

    /** A sentence for people, e.g. "The answer settled at step 7 of 19; 62 % of the thinking came after it." */
    public String summary(int stepCount) {
        if (!complete) return "The probes were stopped after " + steps.size() + " of " + stepCount + " steps.";
        if (settledStep < 0) {
            return finalAnswer.isEmpty() ? "The response has no answer to compare with."
                    : "The interim answer never settled on the final answer before the thinking ended.";
        }
        return String.format(java.util.Locale.ROOT, "The answer settled at step %d of %d; %.0f %% of the thinking came after it.",
                settledStep + 1, stepCount, 100 * afterSettledShare);
    }
}
