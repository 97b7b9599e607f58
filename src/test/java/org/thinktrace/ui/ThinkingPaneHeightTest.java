package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/** The thinking pane grows with its text (every line visible) until its bound, then scrolls inside. */
@ExtendWith(ApplicationExtension.class)
class ThinkingPaneHeightTest extends DesktopTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private static List<String> lines(int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) tokens.add("line " + i + "\n");
        return tokens;
    }

    private double paneTextHeight() {
        Node scroll = lookup(".thinking-scroll").query();
        return scroll.getLayoutBounds().getHeight();
    }

    @Test
    void shortThinkingShowsEveryLineAndLongThinkingStopsAtTheBound() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(lines(400), List.of("ok"));
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        fx(() -> {
            vm.composerTextProperty().set("Q");
            vm.send();
            return null;
        });
        generator.release(6);
        waitUntil(() -> ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get().contains("line 5"));
        Thread.sleep(300);
        double lineHeight = fx(() -> lookup(".thinking-text .text").queryAs(javafx.scene.text.Text.class)
                .getLayoutBounds().getHeight());
        double six = fx(this::paneTextHeight);
        assertTrue(six >= 6 * lineHeight, "six lines need " + 6 * lineHeight + " px, the pane has " + six);

        generator.release(394);
        waitUntil(() -> ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get().contains("line 399"));
        Thread.sleep(300);
        double many = fx(this::paneTextHeight);
        assertTrue(many <= ThinkingPaneView.MAX_TEXT_HEIGHT + 1 && many >= ThinkingPaneView.MAX_TEXT_HEIGHT - 1,
                "the pane stops at its bound, has " + many);
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
    }

    @Test
    void aLongWrappedParagraphIsShownWhole() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 120; i++) words.add("word" + i + " ");
        ScriptedGenerator generator = new ScriptedGenerator(words, List.of("ok"));
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        fx(() -> {
            vm.composerTextProperty().set("Q");
            vm.send();
            return null;
        });
        for (int i = 0; i < 120; i += 10) {
            generator.release(10);
            int upTo = i + 9;
            waitUntil(() -> ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get()
                    .contains("word" + upTo + " "));
        }
        Thread.sleep(300);
        double shown = fx(this::paneTextHeight);
        double needed = fx(() -> lookup(".thinking-text").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class)
                .getParagraphBoundsOnScreen(0).map(javafx.geometry.Bounds::getHeight).orElse(0.0));
        assertTrue(needed > 48, "the paragraph wraps over several lines: " + needed);
        assertTrue(shown >= Math.min(needed, ThinkingPaneView.MAX_TEXT_HEIGHT),
                "the wrapped paragraph needs " + needed + " px, the pane has " + shown);
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
    }
}
