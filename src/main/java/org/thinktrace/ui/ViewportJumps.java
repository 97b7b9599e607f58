package org.thinktrace.ui;

/**
 * Whether one of the window's scroll views jumped since the last layout pass: its viewport moved by more than its
 * own height (a dragged scroll bar, a click on the outline, a find match, a jump to the start), so that the coming
 * layout pass lays out everything it shows anew. The frame's streamed work ({@link FramePump}, {@link PacedMarkdown})
 * asks before it runs and takes a smaller share of that frame when a jump is pending, so that the layout of what came
 * into view and the new text together stay within a frame; the rest of the text follows in the next frames.
 *
 * <p>FX thread only. Views report moves with {@link #moved}; the frame pump clears the jump once a layout pass has
 * run ({@link #laidOut}).
 */
final class ViewportJumps {

    private boolean pending;

    /**
     * The share of its usual budget (characters, Markdown cost) that a frame with a pending jump takes: a quarter,
     * at least 1.
     */
    static int crowdedShare(int usualBudget) {
        return Math.max(1, usualBudget / 4);
    }

    /** Records a move of a viewport by {@code pixels} (either way); a jump when it is more than {@code viewportHeight}. */
    void moved(double pixels, double viewportHeight) {
        if (viewportHeight > 0 && Math.abs(pixels) > viewportHeight) pending = true;
    }

    /** Records a jump (a view that knows that what it shows is all new, such as a paragraph off screen brought to the top). */
    void jumped() {
        pending = true;
    }

    /** Whether a view jumped since the last layout pass. */
    boolean pending() {
        return pending;
    }

    /** Called after a layout pass: the jumps reported before it are laid out. */
    void laidOut() {
        pending = false;
    }
}
