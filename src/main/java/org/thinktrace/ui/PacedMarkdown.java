package org.thinktrace.ui;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;

/**
 * Shows a streaming answer's Markdown in a list of nodes without building more than a bounded amount of it in one
 * frame: each update renders at most {@link #CHARS_PER_FRAME} characters more than the last
 * ({@link IncrementalMarkdown#update(String, int)}), and while some of the text is still to be shown, one more
 * such step runs each frame. So the nodes made in a frame do not grow with how much text arrived since the last
 * one (a slow frame on a busy machine is not followed by a slower one). A text shown unpaced is rendered whole at
 * once. Used on the FX thread only.
 */
final class PacedMarkdown {

    /** The most characters of new text rendered in one step. */
    static final int CHARS_PER_FRAME = 2_048;

    private final IncrementalMarkdown rendering;
    private final List<Node> shown;
    private String text = "";
    private final AnimationTimer catchUp = new AnimationTimer() {
        @Override
        public void handle(long now) {
            step();
        }
    };

    /** @param shown the list the nodes are shown in (a pane's children) */
    PacedMarkdown(MarkdownRenderer renderer, List<Node> shown) {
        this.rendering = new IncrementalMarkdown(renderer);
        this.shown = shown;
    }

    /**
     * Shows {@code markdown}: a step of it now and the rest a step a frame when {@code paced} (or while an earlier
     * paced text is still being caught up with), else all of it now.
     */
    void show(String markdown, boolean paced) {
        text = markdown;
        if (paced || rendering.behind()) {
            step();
        } else {
            catchUp.stop();
            rendering.update(markdown).applyTo(shown);
        }
    }

    /** Whether part of the text is still to be shown. */
    boolean behind() {
        return rendering.behind();
    }

    private void step() {
        rendering.update(text, CHARS_PER_FRAME).applyTo(shown);
        if (rendering.behind()) catchUp.start();
        else catchUp.stop();
    }
}
