package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Answers as a strange model or a hostile server may send them: rendering, styling and laying them out on the FX thread
 * must neither throw nor overflow its stack, and the incremental rendering must still equal the whole one.
 */
@ExtendWith(ApplicationExtension.class)
class HostileMarkdownTest {

    private final List<String> copied = new ArrayList<>();
    private final MarkdownRenderer renderer = new MarkdownRenderer(copied::add);

    /** The answer's blocks in a styled scene, styled and laid out as in a frame. */
    private static MarkdownColumn shown(List<Node> blocks) {
        MarkdownColumn column = new MarkdownColumn();
        column.getStyleClass().add("answer");
        Group root = new Group(column);
        root.setAutoSizeChildren(false);
        Scene scene = new Scene(new Pane(root), 900, 2000);
        scene.getStylesheets().add(MainWindow.class.getResource("thinktrace.css").toExternalForm());
        column.getChildren().addAll(blocks);
        root.applyCss();
        column.resize(600, column.prefHeight(600));
        root.layout();
        return column;
    }

    private static int depth(Node node) {
        int deepest = 0;
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) deepest = Math.max(deepest, depth(child));
        return deepest + 1;
    }

    private static String texts(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof Text t) out.append(t.getText());
        if (node instanceof Parent p) p.getChildrenUnmodifiable().forEach(c -> out.append(texts(c)));
        return out.toString();
    }

    @Test
    void deeplyNestedQuotesAndListsAreShownWithoutOverflowingTheFxStack() throws Exception {
        for (String nested : List.of(">".repeat(1_500) + " deep", "- ".repeat(1_500) + "deep", "1. ".repeat(1_000) + "deep",
                "> - ".repeat(700) + "deep")) {
            WaitForAsyncUtils.asyncFx(() -> {
                MarkdownColumn column = shown(renderer.render(nested));
                assertTrue(texts(column).endsWith("deep"), nested.substring(0, 8));
                // Styled and laid out recursively by JavaFX: the nodes nest a bounded number of levels.
                assertTrue(depth(column) < 50, "levels: " + depth(column));
                return null;
            }).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void blocksAndSpansNestedTensOfThousandsDeepAreRenderedIncrementallyWithoutOverflowingTheStack() throws Exception {
        // Quotes: the renderer's and the cost's recursion overflowed from about 2,000 levels. Spans: commonmark's inline
        // parser overflows at about 20,000 (fewer, and whether it does depends on how much of it the JIT compiled).
        for (String nested : List.of(">".repeat(5_000) + " deep", "*a ".repeat(20_000) + "deep" + " a*".repeat(20_000))) {
            WaitForAsyncUtils.asyncFx(() -> {
                List<Node> whole = renderer.render(nested);
                assertTrue(texts(whole.getFirst()).contains("deep"), nested.substring(0, 8));
                IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
                List<Node> shown = new ArrayList<>();
                incremental.update(nested, Integer.MAX_VALUE, PacedMarkdown.COST_PER_FRAME).applyTo(shown);
                assertEquals(IncrementalMarkdownTest.describe(whole), IncrementalMarkdownTest.describe(shown));
                return null;
            }).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeeplyNestedListStreamedLineByLineEndsAsItsWholeRendering() throws Exception {
        // Nested a few levels past MAX_NESTING, with quotes in the lists laid flat.
        int levels = MarkdownRenderer.MAX_NESTING + 4;
        StringBuilder text = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            text.append("  ".repeat(level)).append("- item ").append(level).append("\n");
            if (level % 5 == 0) text.append("\n").append("  ".repeat(level + 1)).append("> quoted ").append(level).append("\n\n");
        }
        text.append("\nAfter.\n");
        String whole = text.toString();
        WaitForAsyncUtils.asyncFx(() -> {
            IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
            List<Node> shown = new ArrayList<>();
            for (int at = 1; at <= whole.length(); at += 13) {
                String prefix = whole.substring(0, at);
                incremental.update(prefix).applyTo(shown);
                assertEquals(IncrementalMarkdownTest.describe(renderer.render(prefix)), IncrementalMarkdownTest.describe(shown),
                        "cut at " + at);
            }
            String all = texts(shown(renderer.render(whole)));
            for (int level = 0; level < levels; level++) {
                assertTrue(all.contains("item " + level), "item " + level + " in " + all);
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    /** The longest run of combining marks in {@code text}. */
    private static int longestRunOfMarks(String text) {
        int longest = 0;
        int run = 0;
        for (int c : text.codePoints().toArray()) {
            run = CombiningMarks.isMark(c) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void aFloodOfCombiningMarksIsShownCutToAFewPerCharacter() throws Exception {
        // Zalgo text: JavaFX lays out a letter under a run of combining marks in time growing with the square of the run
        // (10,000 marks: seconds), so a run is shown cut; the answer's text (Copy answer) stays as written.
        String flood = "a" + "\u0301".repeat(10_000);
        for (String answer : List.of(flood, "In `" + flood + "` code", "```\n" + flood + "\n```", "So \\boxed{" + flood + "}.",
                "| " + flood + " |\n|---|\n| " + flood + " |", "x" + "\uD834\uDD67".repeat(1_000) + "\u20DD".repeat(1_000))) {
            String shown = WaitForAsyncUtils.asyncFx(() -> IncrementalMarkdownTest.describe(renderer.render(answer)))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(CombiningMarks.MAX_RUN, longestRunOfMarks(shown), answer.substring(0, 5));
        }
        String shown = WaitForAsyncUtils.asyncFx(() -> texts(shown(renderer.render(flood)))).get(30, TimeUnit.SECONDS);
        assertEquals("a" + "\u0301".repeat(CombiningMarks.MAX_RUN), shown);
    }

    @Test
    void writingWithCombiningMarksIsShownAsWritten() throws Exception {
        // Vietnamese composed and decomposed, Devanagari, Hebrew with points, Thai: a few marks on a letter at most.
        for (String text : List.of("Tiếng Việt", Normalizer.normalize("Tiếng Việt có dấu: ặ ẫ ỗ", Normalizer.Form.NFD),
                "नमस्ते दुनिया", "שָׁלוֹם עֲלֵיכֶם", "ภาษาไทย ที่นี่", "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308")) {
            String shown = WaitForAsyncUtils.asyncFx(() -> texts(shown(renderer.render(text)))).get(30, TimeUnit.SECONDS);
            assertEquals(text, shown);
        }
    }
}
