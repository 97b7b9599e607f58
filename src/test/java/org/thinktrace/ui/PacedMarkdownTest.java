package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@link PacedMarkdown} against independent expectations: an answer of many code blocks arriving at once is built a
 * bounded number of blocks at a time, one step a frame, and ends as {@link MarkdownRenderer#render} of the whole
 * answer in one go.
 */
@ExtendWith(ApplicationExtension.class)
class PacedMarkdownTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer(text -> { });

    @Test
    void anAnswerArrivingAtOnceIsBuiltAFewBlocksAStepAndEndsAsItsOneShotRendering() throws Exception {
        int codeBlocks = 60;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codeBlocks; i++) text.append("```java\nint x = ").append(i).append(";\n```\n\n");
        String answer = text.toString();
        // Each code block costs the same: a step builds as many as fit the budget (the one shown before among them).
        int perStep = PacedMarkdown.COST_PER_FRAME / IncrementalMarkdown.CODE_BLOCK_COST;
        assertTrue(perStep >= 2, "the budget holds a block shown before and a new one");

        MarkdownColumn column = new MarkdownColumn();
        List<Integer> built = new ArrayList<>();
        PacedMarkdown paced = WaitForAsyncUtils.asyncFx(() -> {
            column.getChildren().addListener((ListChangeListener<Node>) change -> {
                while (change.next()) {
                    if (change.wasAdded()) built.add(change.getAddedSize());
                }
            });
            PacedMarkdown shown = new PacedMarkdown(renderer, column, () -> { });
            // The answer changes several times within one frame: one step is taken now, not one per change.
            for (int i = 1; i <= 5; i++) shown.show(answer.substring(0, answer.length() * i / 5), true);
            assertEquals(1, built.size(), "one step in the frame the answer arrived in");
            // The stream ends: the rest still follows a step a frame.
            shown.show(answer, false);
            return shown;
        }).get(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (WaitForAsyncUtils.asyncFx(paced::behind).get(10, TimeUnit.SECONDS)) {
            assertTrue(System.nanoTime() < deadline, "the answer is caught up with");
            Thread.sleep(10);
        }
        List<Integer> steps = WaitForAsyncUtils.asyncFx(() -> List.copyOf(built)).get(10, TimeUnit.SECONDS);
        for (int n : steps) assertTrue(n <= perStep, "a step built " + n + " blocks: " + steps);
        // Each step after the first builds the block shown before again, so at least this many steps.
        int least = 1 + (int) Math.ceil((codeBlocks - perStep) / (double) (perStep - 1));
        assertTrue(steps.size() >= least, steps.size() + " steps: " + steps);
        assertTrue(steps.size() <= least + 1, "no more steps than the budget needs: " + steps);
        assertEquals(IncrementalMarkdownTest.describe(renderer.render(answer)),
                WaitForAsyncUtils.asyncFx(() -> IncrementalMarkdownTest.describe(column.blocks())).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStepInACrowdedFrameBuildsAQuarterOfTheBudgetAndTheNextAFullOne() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) text.append("```java\nint x = ").append(i).append(";\n```\n\n");
        String answer = text.toString();
        int perStep = PacedMarkdown.COST_PER_FRAME / IncrementalMarkdown.CODE_BLOCK_COST;
        int perCrowdedStep = Math.max(1, PacedMarkdown.COST_PER_FRAME / 4 / IncrementalMarkdown.CODE_BLOCK_COST);
        assertTrue(perCrowdedStep < perStep);
        List<Integer> built = WaitForAsyncUtils.asyncFx(() -> {
            MarkdownColumn crowded = new MarkdownColumn();
            new PacedMarkdown(renderer, crowded, () -> { }, () -> true).show(answer, true);
            MarkdownColumn calm = new MarkdownColumn();
            new PacedMarkdown(renderer, calm, () -> { }, () -> false).show(answer, true);
            return List.of(crowded.blocks().size(), calm.blocks().size());
        }).get(10, TimeUnit.SECONDS);
        assertEquals(perCrowdedStep, built.get(0), "a crowded frame's step");
        assertEquals(perStep, built.get(1), "a calm frame's step");
    }
}
