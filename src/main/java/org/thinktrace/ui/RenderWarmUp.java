package org.thinktrace.ui;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the code that shows a response once, on a small sample, when the first window of the process has opened:
 * a thinking text streamed into a {@link TraceTextView} and shaded, and a Markdown answer streamed through
 * {@link IncrementalMarkdown} into a {@link MarkdownColumn} with every kind of block the renderer makes, each step
 * styled and laid out, in a scene of its own that is never shown and is dropped afterwards. Without it the first
 * response of a session pays for loading and first running that code in its first frames (the answer's first frame
 * took 47–63 ms against about 20 for the next ones); with it the user pays once, while the model loads. Once per
 * process; on the FX thread.
 */
final class RenderWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(RenderWarmUp.class);
    private static final AtomicBoolean DONE = new AtomicBoolean();

    /** A thinking trace of a few paragraphs, as a model streams it. */
    static final String THINKING = """
            Okay, the question asks for 17 × 24. Let me break it down: 17 × 20 = 340 and 17 × 4 = 68.

            So 340 + 68 = 408. Wait, let me check that another way: 24 × 17 = 24 × 10 + 24 × 7 = 240 + 168 = 408.

            Both ways give 408, so the answer is 408.""";

    /** An answer with every kind of block {@link MarkdownRenderer} makes. */
    static final String ANSWER = """
            ## Result

            **17 × 24 = 408**, found in *two* ways with `17 × 20 + 17 × 4`.

            1. 17 × 20 = 340
            2. 17 × 4 = 68

            - check: 24 × 17
            - same result

            > Multiplying in parts keeps each step small.

            | part | value |
            |---|---:|
            | 17 × 20 | 340 |
            | 17 × 4 | 68 |

            ```java
            int product = 17 * 24;
            ```

            ---

            The answer is $\\boxed{408}$.""";

    /** Characters added per streamed step of the samples. */
    private static final int STEP = 24;

    private RenderWarmUp() {
    }

    /**
     * Streams the samples once in a scene with {@code stylesheets} (the window's own), styling and laying them out
     * after every step. Does nothing after its first call in this process. A failure is logged and changes
     * nothing else: the warm-up only saves time.
     *
     * @return whether it ran
     */
    static boolean runOnce(List<String> stylesheets) {
        if (!DONE.compareAndSet(false, true)) return false;
        try {
            render(stylesheets);
        } catch (RuntimeException e) {
            LOG.warn("The start-up warm-up of the response views failed; the first response may stall briefly", e);
        }
        return true;
    }

    /** Streams the samples in a new scene with {@code stylesheets} and returns that scene's root: the thinking view, then the answer. */
    static VBox render(List<String> stylesheets) {
        TraceTextView thinking = new TraceTextView();
        MarkdownColumn answer = new MarkdownColumn();
        answer.getStyleClass().add("answer");
        IncrementalMarkdown markdown = new IncrementalMarkdown(new MarkdownRenderer(text -> { }));
        VBox root = new VBox(thinking, answer);
        root.getStyleClass().add("assistant-message");
        thinking.setPrefHeight(160);
        Scene scene = new Scene(root, 640, 640);
        scene.getStylesheets().setAll(stylesheets);
        for (int end = STEP; end < THINKING.length() + STEP; end += STEP) {
            thinking.append(THINKING.substring(end - STEP, Math.min(end, THINKING.length())));
            layOut(root);
        }
        for (int from = 0, k = 0; from < THINKING.length(); from += 6, k++) {
            // every shaded bin in turn (bin 0 is drawn unshaded)
            thinking.paintHeat(from, Math.min(from + 6, THINKING.length()), (byte) (1 + k % (HeatScale.BINS - 1)));
        }
        layOut(root);
        for (int end = STEP; end < ANSWER.length() + STEP; end += STEP) {
            answer.apply(markdown.update(ANSWER.substring(0, Math.min(end, ANSWER.length())),
                    PacedMarkdown.CHARS_PER_FRAME, PacedMarkdown.COST_PER_FRAME));
            layOut(root);
        }
        while (markdown.behind()) {
            answer.apply(markdown.update(ANSWER, PacedMarkdown.CHARS_PER_FRAME, PacedMarkdown.COST_PER_FRAME));
            layOut(root);
        }
        return root;
    }

    private static void layOut(VBox root) {
        root.applyCss();
        root.resize(640, root.prefHeight(640));
        root.layout();
    }
}
