package org.thinktrace.generate;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.thinktrace.model.CausalLM;

/**
 * The token ids held in a model's KV cache, so that a new prompt sharing a prefix with the previous
 * sequence (the next turn of a chat) only runs its new tokens. Used on the generation thread only.
 */
final class CachedSequence implements TokenSequence {

    /** Prompt tokens run per forward call, so that a cancel is noticed between chunks of a long prefill. */
    static final int PREFILL_CHUNK = 256;

    /** The outcome of a prefill. */
    record Prefill(float[] logits, int reusedTokens, int computedTokens, boolean cancelled) {
    }

    private final CausalLM model;
    private int[] ids = new int[0];
    private int length;

    CachedSequence(CausalLM model) {
        this.model = model;
    }

    @Override
    public int length() {
        return length;
    }

    /**
     * Makes the cache hold exactly {@code prompt}, reusing the longest common prefix with what it holds
     * (at least the last prompt token is always run, to get its logits).
     *
     * @param cancelled checked between chunks; when it turns true the prefill stops with {@code cancelled}
     *                  set and null logits
     */
    @Override
    public Prefill prefill(int[] prompt, BooleanSupplier cancelled) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt has no tokens");
        if (model.position() != length) {
            forget(); // the model was used behind our back: trust nothing
        }
        int common = 0;
        while (common < length && common < prompt.length && ids[common] == prompt[common]) common++;
        int keep = Math.min(common, prompt.length - 1);
        model.truncate(keep);
        length = keep;
        float[] logits = null;
        for (int from = keep; from < prompt.length; from += PREFILL_CHUNK) {
            if (cancelled.getAsBoolean()) return new Prefill(null, keep, from - keep, true);
            logits = append(Arrays.copyOfRange(prompt, from, Math.min(prompt.length, from + PREFILL_CHUNK)));
        }
        return new Prefill(logits, keep, prompt.length - keep, false);
    }

    /** Runs {@code next} after the cached ids; returns the logits after the last of them. */
    @Override
    public float[] append(int[] next) {
        float[] logits = model.forward(next);
        if (length + next.length > ids.length) ids = Arrays.copyOf(ids, Math.max(2 * ids.length, length + next.length));
        System.arraycopy(next, 0, ids, length, next.length);
        length += next.length;
        return logits;
    }

    /** Drops cached tokens beyond {@code keep}. */
    void truncate(int keep) {
        if (keep < 0 || keep > length) throw new IllegalArgumentException("cannot keep " + keep + " of " + length + " cached tokens");
        model.truncate(keep);
        length = keep;
    }

    /** Empties the cache (after a failure nothing about its content can be trusted). */
    void forget() {
        length = 0;
        model.reset();
    }
}
