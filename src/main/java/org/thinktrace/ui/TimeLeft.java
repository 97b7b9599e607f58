package org.thinktrace.ui;

import java.util.function.LongSupplier;

/**
 * How long a running probe still needs, estimated from how long its finished part took (the rest is assumed to go
 * at the same pace).
 */
final class TimeLeft {

    /** No estimate before this much time has passed: the first units' pace says little. */
    static final long MIN_ELAPSED_NANOS = 2_000_000_000L;

    private final LongSupplier clock;
    private final long start;

    /** Starts counting now; {@code clock} gives nanoseconds (for example {@code System::nanoTime}). */
    TimeLeft(LongSupplier clock) {
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** The nanoseconds since this started counting. */
    long elapsedNanos() {
        return clock.getAsLong() - start;
    }

    /**
     * ", about 40 s left" after {@code done} of {@code total} units, or empty while nothing is done, everything is,
     * or less than {@link #MIN_ELAPSED_NANOS} has passed.
     */
    String suffix(int done, int total) {
        if (done <= 0 || done >= total) return "";
        long elapsed = elapsedNanos();
        if (elapsed < MIN_ELAPSED_NANOS) return "";
        double left = elapsed / 1e9 * (total - done) / done;
        return ", about " + duration(left) + " left";
    }

    /** "40 s", "4 min", "1 h 20 min". */
    static String duration(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        if (s < 90) return s + " s";
        long minutes = Math.round(s / 60.0);
        if (minutes < 90) return minutes + " min";
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
