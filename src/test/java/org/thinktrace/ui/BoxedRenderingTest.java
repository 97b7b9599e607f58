package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** {@code \boxed{…}} results as R1 writes them, rendered: as a highlighted label, never as private-use characters. */
@ExtendWith(ApplicationExtension.class)
class BoxedRenderingTest {

    private final List<String> copied = new ArrayList<>();
    private final MarkdownRenderer renderer = new MarkdownRenderer(copied::add);

    private List<Node> render(String markdown) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> renderer.render(markdown)).get(10, TimeUnit.SECONDS);
    }

    /** What the block shows: its texts, and each label as [text]. */
    private static String shown(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof Text t) out.append(t.getText());
        else if (node instanceof Label l) out.append('[').append(l.getText()).append(']');
        else if (node instanceof Parent p) p.getChildrenUnmodifiable().forEach(c -> out.append(shown(c)));
        return out.toString();
    }

    private static boolean hasMarkers(String s) {
        return s.indexOf(BoxedResults.START) >= 0 || s.indexOf(BoxedResults.END) >= 0;
    }

    @Test
    void aBoxedResultOnItsOwnDisplayMathLinesIsTheLabelAlone() throws Exception {
        // R1's usual ending: display math delimiters on the lines around the boxed result.
        assertEquals("[42]", shown(render("\\[\n\\boxed{42}\n\\]").getFirst()));
        assertEquals("[42]", shown(render("$$\n\\boxed{42}\n$$").getFirst()));
    }

    @Test
    void aBoxedResultWithMarkdownCharactersInsideIsOneLabelOfItsText() throws Exception {
        for (String content : List.of("2*3*4", "a_1 + a_2", "x < y", "`n`", "[0, 1)", "n \\cdot m")) {
            String shown = shown(render("So \\boxed{" + content + "}.").getFirst());
            assertFalse(hasMarkers(shown), content + " shows its markers: " + shown);
            assertEquals("So [" + content + "].", shown, content);
        }
    }

    @Test
    void boxedInCodeIsShownAndCopiedAsWritten() throws Exception {
        Node block = render("```latex\n$\\boxed{x^2}$\n```").getFirst();
        assertEquals("latex$\\boxed{x^2}$", shown(block).replace("Copy", ""));
        WaitForAsyncUtils.asyncFx(() -> ((Button) block.lookup(".md-code-copy")).fire()).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("$\\boxed{x^2}$"), copied);
        assertEquals("Write \\boxed{x} for it.", shown(render("Write `\\boxed{x}` for it.").getFirst()));
    }

    @Test
    void boxedInCodeStreamedCharacterByCharacterEndsAsTheWholeRendering() throws Exception {
        // While the fence is open, all after it is code (as CommonMark reads it); once closed, the result after it is one.
        String whole = "Code:\n\n```latex\n$\\boxed{x^2}$\n```\n\nSo `\\boxed{n}` gives \\boxed{4}.\n";
        WaitForAsyncUtils.asyncFx(() -> {
            IncrementalMarkdown incremental = new IncrementalMarkdown(renderer);
            List<Node> shown = new ArrayList<>();
            for (int at = 1; at <= whole.length(); at++) {
                String prefix = whole.substring(0, at);
                incremental.update(prefix).applyTo(shown);
                assertEquals(IncrementalMarkdownTest.describe(renderer.render(prefix)), IncrementalMarkdownTest.describe(shown),
                        "cut at " + at);
                assertFalse(hasMarkers(IncrementalMarkdownTest.describe(shown)), "cut at " + at);
            }
            assertEquals("latex$\\boxed{x^2}$", shown(shown.get(1)).replace("Copy", ""));
            assertEquals("So \\boxed{n} gives [4].", shown(shown.get(2)));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }
}
