package org.thinktrace.ui;

import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;

/**
 * Shows a streaming answer's Markdown in a {@link MarkdownColumn} without building more than a bounded amount of it in one
 * frame: each update renders at most {@link #CHARS_PER_FRAME} characters more than the last, and of its blocks only
 * those whose estimated cost fits {@link #COST_PER_FRAME} (but always the blocks shown before that may still change and
 * one new block; {@link IncrementalMarkdown#update(String, int, int)}), and while some of the text is still to be
 * shown, one such step runs each frame (however often the text changes meanwhile). So the nodes made in a frame do not grow with how much text arrived since the last
 * one (a slow frame on a busy machine is not followed by a slower one). In a frame whose layout pass has a scroll jump
 * to lay out ({@link ViewportJumps}), a step renders a quarter of both. A text shown unpaced is rendered whole at
 * once. Used on the FX thread only.
 */
final class PacedMarkdown {

    /** The most characters of new text rendered in one step. */
    static final int CHARS_PER_FRAME = 2_048;

    /**
     * The most estimated cost ({@link IncrementalMarkdown#cost}) of the blocks rendered in one step, unless a single
     * block costs more.
     */
    static final int COST_PER_FRAME = 60;

    private final IncrementalMarkdown rendering;
    private final MarkdownColumn shown;
    private final Runnable onChange;
    private final BooleanSupplier crowded;
    private String text = "";
    private final AnimationTimer catchUp = new AnimationTimer() {
        @Override
        public void handle(long now) {
            step();
        }
    };

    /**
     * @param shown    where the blocks are shown
     * @param onChange told after each change of the blocks shown
     */
    PacedMarkdown(MarkdownRenderer renderer, MarkdownColumn shown, Runnable onChange) {
        this(renderer, shown, onChange, () -> false);
    }

    /**
     * @param crowded whether the coming layout pass has more than usual to do (a scroll jump): a step then renders a
     *                quarter of its usual characters and cost
     */
    PacedMarkdown(MarkdownRenderer renderer, MarkdownColumn shown, Runnable onChange, BooleanSupplier crowded) {
        this.rendering = new IncrementalMarkdown(renderer);
        this.shown = shown;
        this.onChange = onChange;
        this.crowded = crowded;
    }

    /**
     * Shows {@code markdown}: a step of it now and the rest a step a frame when {@code paced} (or while an earlier
     * paced text is still being caught up with), else all of it now.
     */
    void show(String markdown, boolean paced) {
        text = markdown;
        if (rendering.behind()) {
            // The catch-up timer takes the next step this frame: one step a frame, not one more per new text.
            catchUp.start();
        } else if (paced) {
            step();
        } else {
            catchUp.stop();
            shown.apply(rendering.update(markdown));
            onChange.run();
        }
    }

    /** Whether part of the text is still to be shown. */
    boolean behind() {
        return rendering.behind();
    }

    private void step() {
        boolean lighter = crowded.getAsBoolean();
        shown.apply(rendering.update(text, lighter ? ViewportJumps.crowdedShare(CHARS_PER_FRAME) : CHARS_PER_FRAME,
                lighter ? ViewportJumps.crowdedShare(COST_PER_FRAME) : COST_PER_FRAME));
        onChange.run();
        if (rendering.behind()) catchUp.start();
        else catchUp.stop();
    }
}
