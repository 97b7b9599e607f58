package org.thinktrace.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * One response of an evaluation run reduced to what comparing two runs needs: the part its question belongs to,
 * whether it was judged correct (for an out-of-scope question: recognised), and the token ids the model generated,
 * thinking and answer together, without the prompt. Holding these instead of whole outcomes keeps a run of many
 * responses small.
 *
 * @param ids the generated token ids, copied on the way in and out
 */
public record ResponseTokens(EvaluationPart part, boolean correct, int[] ids) {

    public ResponseTokens {
        Objects.requireNonNull(part, "part");
        ids = ids.clone();
    }

    /** The part, judgement and generated tokens of {@code outcome}. */
    public static ResponseTokens of(Evaluator.Outcome outcome) {
        return new ResponseTokens(outcome.part(), outcome.correct(), outcome.tokenIds());
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** How many tokens the model generated. */
    public int length() {
        return ids.length;
    }

    /** How many leading tokens this response and {@code other} have in common. */
    public int sharedPrefix(ResponseTokens other) {
        int mismatch = Arrays.mismatch(ids, other.ids);
        return mismatch < 0 ? ids.length : mismatch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseTokens r && part == r.part && correct == r.correct && Arrays.equals(ids, r.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(part, correct, Arrays.hashCode(ids));
    }

    @Override
    public String toString() {
        return "ResponseTokens[" + part + ", correct=" + correct + ", " + ids.length + " tokens]";
    }
}
