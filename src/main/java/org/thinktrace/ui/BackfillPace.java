package org.thinktrace.ui;

/**
 * How many views a backfill (placeholders replaced by their views, from the end of the conversation backwards)
 * builds in one frame: up to {@link #MOST}, but no other once the frame's views took {@link #BUILD_BUDGET_NANOS} to
 * construct. A view's styling and layout in the same frame cost about three times its construction, so a frame
 * stays near 16 ms of the FX thread with ordinary messages, and no view follows a long answer in its frame.
 */
final class BackfillPace {

    /** The most views built in one frame. */
    static final int MOST = 2;
    /** The construction time after which a frame builds no other view. */
    static final long BUILD_BUDGET_NANOS = 4_000_000L;

    private BackfillPace() {
    }

    /** Whether a frame that has built {@code built} views, constructing them in {@code spentNanos}, builds another. */
    static boolean buildsAnother(int built, long spentNanos) {
        return built == 0 || built < MOST && spentNanos < BUILD_BUDGET_NANOS;
    }
}
