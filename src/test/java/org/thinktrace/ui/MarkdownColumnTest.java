package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@link MarkdownColumn} lays its blocks out as the reference, a plain {@link VBox} with the same style class
 * holding the same Markdown rendered again, does: in a scene with the app's stylesheet, at several widths, after
 * the answer grew by {@link IncrementalMarkdown} updates, after a shown block's text changed and after the font size
 * changed (the heights the column remembers must follow every change).
 */
@ExtendWith(ApplicationExtension.class)
class MarkdownColumnTest {

    private static final String MARKDOWN = """
            ## A heading that is long enough to wrap at a narrow width of the answer column

            A paragraph with **bold**, *italic* and `code` words, long enough to wrap over several lines when the \
            column is narrow, and a [link](http://example.com) at its end.

            - an item
            - an item with `x + 1` and enough words to wrap over two lines at the narrower width
              1. nested

            ```java
            int x = 1;
            int y = x + 1;
            ```

            > a quote that wraps as well when the column is narrow enough, over a line or two

            | a | b |
            |---|---|
            | 1 | 2 |

            The sum is \\boxed{42}.
            """;

    private final MarkdownRenderer renderer = new MarkdownRenderer(text -> { });

    @Test
    void blocksAreLaidOutAsInAVBoxThroughGrowthWidthTextAndFontChanges() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            MarkdownColumn column = new MarkdownColumn();
            VBox reference = new VBox();
            for (VBox box : List.of(column, reference)) box.getStyleClass().add("answer");
            // A group that leaves its children at the size given here (a Pane would size them to their own width).
            Group root = new Group(column, reference);
            root.setAutoSizeChildren(false);
            Scene scene = new Scene(new Pane(root), 900, 2000);
            scene.getStylesheets().add(MainWindow.class.getResource("thinktrace.css").toExternalForm());

            // The answer grows in pieces, laid out after each, as while it streams.
            IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
            for (int at = 40; at < MARKDOWN.length(); at += 40) {
                column.apply(incremental.update(MARKDOWN.substring(0, at)));
                layOut(root, column, reference, 420);
            }
            column.apply(incremental.update(MARKDOWN));
            reference.getChildren().setAll(renderer.render(MARKDOWN));
            assertSameLayout(root, column, reference, 420, "grown in pieces");
            assertTrue(column.getChildren().size() >= 7, "blocks: " + column.getChildren().size());

            assertSameLayout(root, column, reference, 260, "narrower");
            assertSameLayout(root, column, reference, 700, "wider");
            assertSameLayout(root, column, reference, 420, "back to the first width");

            // A shown block's text grows: its height at the same width changes.
            for (VBox box : List.of(column, reference)) {
                TextFlow paragraph = (TextFlow) box.getChildren().stream()
                        .filter(n -> n.getStyleClass().contains("md-paragraph")).findFirst().orElseThrow();
                paragraph.getChildren().add(new Text(" and more words ".repeat(30)));
            }
            assertSameLayout(root, column, reference, 420, "a paragraph grew");

            scene.getRoot().setStyle("-fx-font-size: 19pt;");
            assertSameLayout(root, column, reference, 420, "larger font");
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    /** A block whose height depends on its width (as wrapped text's does), counting how often it is measured. */
    private static final class CountingBlock extends Pane {
        int measured;
        double area = 20_000;

        @Override
        public javafx.geometry.Orientation getContentBias() {
            return javafx.geometry.Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefHeight(double width) {
            measured++;
            return height(width);
        }

        @Override
        protected double computeMinHeight(double width) {
            return height(width);
        }

        private double height(double width) {
            return Math.ceil(area / (width <= 0 ? 400 : width));
        }
    }

    @Test
    void aBlockAwaitingItsLayoutIsMeasuredOncePerLayoutPassAndAgainAfterIt() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            CountingBlock block = new CountingBlock();
            MarkdownColumn column = columnOf(block);

            // One layout pass: the ancestors ask for the column's heights several times, then it lays its blocks out.
            double first = column.prefHeight(400) + column.minHeight(400) + column.prefHeight(400);
            column.resize(400, column.prefHeight(400));
            column.layout();
            assertEquals(1, block.measured, "measurements of a new block's preferred height in one pass");
            assertEquals(50 * 3, first, "its heights at 400 px: 20,000 / 400 each time");
            assertEquals(50, block.getHeight());

            // Changed after that pass, before it was laid out again: measured anew, not taken from the last pass.
            block.area = 40_000;
            block.requestLayout();
            assertEquals(100, column.prefHeight(400), "the changed block's height");
            column.resize(400, column.prefHeight(400));
            column.layout();
            assertEquals(100, block.getHeight());
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aLaidOutBlockIsNotMeasuredAgainWhenEachPassAsksAtTwoWidths() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            CountingBlock block = new CountingBlock();
            MarkdownColumn column = columnOf(block);
            // As a scroll pane with a vertical scroll bar does in every layout pass: the content's heights at its
            // whole width, then at that width less the bar's, at which it is laid out.
            for (int pass = 0; pass < 4; pass++) {
                assertEquals(50, column.prefHeight(400), "at 400 px");
                assertEquals(53, column.prefHeight(380), "at 380 px");
                column.resize(380, column.prefHeight(380));
                column.layout();
            }
            int afterFirstPasses = block.measured;
            for (int pass = 0; pass < 10; pass++) {
                column.prefHeight(400);
                column.prefHeight(380);
                column.resize(380, column.prefHeight(380));
                column.layout();
            }
            assertEquals(afterFirstPasses, block.measured, "measurements in ten more passes at the same two widths");
            assertEquals(53, block.getHeight());
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aBlockTakenOutOfTheColumnIsForgottenAndOneMovedWithinItIsKept() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            // The transcript adds and removes its message views itself, not through Markdown updates.
            CountingBlock first = new CountingBlock();
            CountingBlock second = new CountingBlock();
            MeasuredColumn column = new MeasuredColumn();
            Group root = new Group(column);
            new Scene(new Pane(root), 900, 2000);
            column.getChildren().addAll(first, second);
            root.applyCss();
            for (int pass = 0; pass < 2; pass++) {
                column.resize(400, column.prefHeight(400));
                column.layout();
            }
            assertEquals(2, column.rememberedBlocks());
            column.getChildren().setAll(second, first); // moved: their heights stay
            assertEquals(2, column.rememberedBlocks());
            column.getChildren().remove(first);
            assertEquals(1, column.rememberedBlocks(), "the block taken out is forgotten");
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    /** A column of {@code block} alone, in a scene, styled. */
    private static MarkdownColumn columnOf(Node block) {
        MarkdownColumn column = new MarkdownColumn();
        Group root = new Group(column);
        root.setAutoSizeChildren(false);
        new Scene(new Pane(root), 900, 2000);
        column.getChildren().add(block);
        root.applyCss();
        return column;
    }

    private static void layOut(Group root, VBox column, VBox reference, double width) {
        root.applyCss();
        for (VBox box : List.of(column, reference)) box.resize(width, box.prefHeight(width));
        root.layout();
        // A block laid out for the first time is measured again in the next pass (as in the next frame).
        for (VBox box : List.of(column, reference)) box.resize(width, box.prefHeight(width));
        root.layout();
    }

    private static void assertSameLayout(Group root, VBox column, VBox reference, double width, String when) {
        layOut(root, column, reference, width);
        assertEquals(reference.prefHeight(width), column.prefHeight(width), when + ": preferred height");
        assertEquals(reference.minHeight(width), column.minHeight(width), when + ": minimum height");
        assertEquals(column.getChildren().size(), ((MarkdownColumn) column).rememberedBlocks(),
                when + ": the heights of blocks laid out are remembered");
        List<Node> shown = column.getChildren();
        List<Node> expected = reference.getChildren();
        assertEquals(expected.size(), shown.size(), when + ": blocks");
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(expected.get(i).getLayoutBounds(), shown.get(i).getLayoutBounds(), when + ": block " + i + " size");
            assertEquals(expected.get(i).getLayoutY(), shown.get(i).getLayoutY(), when + ": block " + i + " y");
            assertEquals(expected.get(i).getLayoutX(), shown.get(i).getLayoutX(), when + ": block " + i + " x");
        }
    }
}
