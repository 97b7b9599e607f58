package org.thinktrace.generate;

import java.util.function.BooleanSupplier;

/**
 * The tokens a generation runs on and the model behind them, as {@link GenerationRun} sees them: the model's own
 * cache ({@link CachedSequence}) or one branch of several decoded together ({@link BranchRuns}).
 */
interface TokenSequence {

    /**
     * Makes the sequence hold exactly {@code prompt}, running what is not held yet.
     *
     * @param cancelled checked between chunks; when it turns true the prefill stops with {@code cancelled} set and
     *                  null logits
     */
    CachedSequence.Prefill prefill(int[] prompt, BooleanSupplier cancelled);

    /** Runs {@code next} after the held tokens; returns the logits after the last of them. */
    float[] append(int[] next);

    /** How many tokens the sequence holds. */
    int length();
}
