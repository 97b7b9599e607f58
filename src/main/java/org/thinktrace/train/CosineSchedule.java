package org.thinktrace.train;

/**
 * Learning rate with linear warm-up then cosine decay: step {@code s} (0-based) gets
 * {@code peak·(s+1)/warmup} during warm-up, then {@code min + (peak-min)·(1+cos(π·p))/2} where
 * {@code p} goes from 0 after warm-up to 1 at the last step.
 */
record CosineSchedule(double peak, double min, int warmupSteps, int totalSteps) {

    CosineSchedule {
        if (peak <= 0 || min < 0 || min > peak || warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", min " + min + ", warm-up "
                    + warmupSteps + " of " + totalSteps + " steps");
        }
    }

    double rate(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = totalSteps - warmupSteps;
        double progress = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, decaySteps - 1));
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
