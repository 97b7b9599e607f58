package org.thinktrace.ui;

import java.util.List;
import java.util.Locale;
import org.thinktrace.inspect.StepImportance.StepRange;

/**
 * What "Importance" will cost, shown for the user to confirm before it starts.
 *
 * @param steps           the steps to resample, with their thinking-token ranges
 * @param settings        how each step is resampled
 * @param tokensPerSecond the model's measured decode rate on this response, or NaN when unknown
 * @param lastRun         how the last resampling run on the same model went, or null when none ran
 */
record ImportancePlan(List<StepRange> steps, ImportanceSettings settings, double tokensPerSecond,
                      ResamplingPace lastRun) {

    ImportancePlan {
        steps = List.copyOf(steps);
    }

    int continuations() {
        return settings.continuations(steps.size());
    }

    long maxTokens() {
        return settings.maxTokens(steps.size());
    }

    /** The longest the run should take at the measured rate, in seconds; NaN when the rate is unknown. */
    double maxSeconds() {
        return tokensPerSecond > 0 ? maxTokens() / tokensPerSecond : Double.NaN;
    }

    /**
     * "Resampling 18 steps runs 144 continuations (4 from before and 4 from after each step), at most 43,776 new
     * tokens: about 40 s, judging by the last run on this model." Without a last run: "…: up to about 4 min at 180
     * tokens/s, this response's decode rate." (Continuations decode several at a time and may stop early, but each
     * also reads its prefix first, so one sequence's rate bounds neither way; a last run's pace includes both.)
     */
    String describe() {
        int n = steps.size();
        String cost = String.format(Locale.ROOT, "Resampling %d %s runs %,d continuations (%d from before and %d from"
                        + " after each step), at most %,d new tokens", n, n == 1 ? "step" : "steps", continuations(),
                settings.samples(), settings.samples(), maxTokens());
        if (lastRun != null) {
            return cost + ": about " + TimeLeft.duration(lastRun.expectedSeconds(maxTokens()))
                    + ", judging by the last run on this model.";
        }
        double seconds = maxSeconds();
        if (Double.isNaN(seconds)) return cost + ". No decode rate was measured for this response, so the time is unknown.";
        return cost + String.format(Locale.ROOT, ": up to about %s at %.0f tokens/s, this response's decode rate.",
                TimeLeft.duration(seconds), tokensPerSecond);
    }
}
