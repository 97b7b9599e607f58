package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The start-up warm-up streams its samples through the real views, styled and laid out, once per process. */
@ExtendWith(ApplicationExtension.class)
class RenderWarmUpTest {

    private static final List<String> STYLES = List.of(MainWindow.class.getResource("thinktrace.css").toExternalForm());

    @Start
    void start(Stage stage) {
    }

    @Test
    void theSamplesAreStreamedStyledAndLaidOutThroughTheRealViews() throws Exception {
        VBox root = WaitForAsyncUtils.asyncFx(() -> RenderWarmUp.render(STYLES)).get();
        TraceTextView thinking = (TraceTextView) root.getChildren().get(0);
        MarkdownColumn answer = (MarkdownColumn) root.getChildren().get(1);
        assertEquals(RenderWarmUp.THINKING, thinking.text());
        assertEquals(5, thinking.paragraphCount());
        assertTrue(thinking.heatAt(RenderWarmUp.THINKING.length() - 1) > 0, "the thinking is shaded to its end");
        // heading, paragraph, ordered list, bullet list, quote, table, code block, rule, paragraph
        assertEquals(9, answer.getChildren().size(), answer.getChildren().toString());
        assertTrue(answer.getChildren().stream().anyMatch(n -> n instanceof GridPane), "a table");
        assertTrue(answer.getChildren().stream().anyMatch(n -> n instanceof Separator), "a rule");
        assertTrue(answer.lookup(".md-code-copy") instanceof Button, "a code block with its copy button");
        assertTrue(answer.getHeight() > 100 && thinking.getHeight() > 0, "laid out: " + answer.getHeight());
        WaitForAsyncUtils.asyncFx(() -> RenderWarmUp.runOnce(STYLES)).get(); // the first call of this process, or not
        assertFalse(WaitForAsyncUtils.asyncFx(() -> RenderWarmUp.runOnce(STYLES)).get(), "once per process");
    }
}
