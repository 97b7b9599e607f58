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
}
