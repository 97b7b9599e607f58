package org.thinktrace.ui;

import org.thinktrace.chat.Importance;

/**
 * How a finished (or cancelled) resampling run went on a model: the basis of the next run's time estimate.
 *
 * @param tokensPerSecond new tokens per second of wall time, all continuations together (they decode several at a
 *                        time, so this is well above one sequence's rate)
 * @param shareOfMaximum  the share of its planned maximum of new tokens the run generated (continuations stop at
 *                        their answer), in (0, 1]
 */
record ResamplingPace(double tokensPerSecond, double shareOfMaximum) {

    ResamplingPace {
        if (!(tokensPerSecond > 0) || !(shareOfMaximum > 0 && shareOfMaximum <= 1)) {
            throw new IllegalArgumentException("pace " + tokensPerSecond + " tokens/s, share " + shareOfMaximum);
        }
    }

    /**
     * The pace of {@code run}, resampled by {@code settings} in {@code nanos} of wall time; null when it resampled no
     * step or generated nothing (nothing to judge by).
     */
    static ResamplingPace of(Importance run, ImportanceSettings settings, long nanos) {
        if (run == null || run.steps().isEmpty() || run.tokens() <= 0 || nanos <= 0) return null;
        long maximum = settings.maxTokens(run.steps().size());
        return new ResamplingPace(run.tokens() / (nanos / 1e9), Math.min(1.0, run.tokens() / (double) maximum));
    }

    /** The expected seconds for a run of at most {@code maxTokens} new tokens at this pace. */
    double expectedSeconds(long maxTokens) {
        return maxTokens * shareOfMaximum / tokensPerSecond;
    }
}
