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

/**
 * The thinking pane grows with its text, every line visible; while the model thinks it stops at the live tail's
 * height and shows the newest lines; once the thinking ended it shows the whole text, however long. The
 * transcript scrolls; the pane never shows a scroll bar of its own.
 */
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
    void shortAndLongThinkingShowEveryLineWithoutAScrollBarOfTheirOwn() throws Exception {
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
        double lineHeight = fx(() -> lookup(".thinking-text .trace-paragraph-text").queryAs(javafx.scene.text.Text.class)
                .getLayoutBounds().getHeight());
        double six = fx(this::paneTextHeight);
        assertTrue(six >= 6 * lineHeight, "six lines need " + 6 * lineHeight + " px, the pane has " + six);

        generator.release(394);
        waitUntil(() -> ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get().contains("line 399"));
        Thread.sleep(300);
        double tail = fx(this::paneTextHeight);
        assertTrue(Math.abs(tail - ThinkingPaneView.LIVE_TAIL_HEIGHT) <= 1, "while thinking, the live tail: " + tail);
        assertTrue(fx(this::noScrollBarShows), "no scroll bar inside the thinking pane while it streams");

        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        fx(() -> {
            ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingExpandedProperty().set(true);
            return null;
        });
        Thread.sleep(300);
        double whole = fx(this::paneTextHeight);
        assertTrue(whole >= 400 * lineHeight, "400 lines need " + 400 * lineHeight + " px, the pane has " + whole);
        assertTrue(fx(this::noScrollBarShows), "no scroll bar inside the open thinking pane");
    }

    private boolean noScrollBarShows() {
        return lookup(".thinking-pane .scroll-bar").queryAll().stream().noneMatch(Node::isVisible);
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
        double needed = fx(() -> lookup(".thinking-text").queryAs(TraceTextView.class).visibleCells().stream()
                .filter(cell -> cell.item().index() == 0).findFirst().map(cell -> cell.getHeight()).orElse(0.0));
        assertTrue(needed > 48, "the paragraph wraps over several lines: " + needed);
        assertTrue(shown >= Math.min(needed, ThinkingPaneView.LIVE_TAIL_HEIGHT),
                "the wrapped paragraph needs " + needed + " px, the pane has " + shown);
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
    }
}
