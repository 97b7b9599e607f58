package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/** The desktop app end to end, headless: typing, streaming, collapsing, stopping, regenerating, restarting. */
@ExtendWith(ApplicationExtension.class)
class DesktopEndToEndTest extends DesktopTestBase {

    private static final List<String> THINKING = List.of("First, ", "add ", "two ", "and ", "two.\n\n", "That ", "is ", "four.");
    private static final List<String> ANSWER = List.of("The ", "answer ", "is ", "\\boxed{4}", ".");

    private MainViewModel vm;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** Types the message key by key and presses Enter, as a user does. */
    private void typeAndSend(String text) {
        clickOn(".composer-input").write(text).type(KeyCode.ENTER);
    }

    private void send(String text) throws Exception {
        send(vm, text);
    }

    private Button header() {
        return from(lastResponse()).lookup(".thinking-header").queryButton();
    }

    private boolean thinkingOpen() {
        return from(lastResponse()).lookup(".thinking-scroll").query().isVisible();
    }

    @Test
    void sendingShowsTheThinkingStreamThenCollapsesItWhenTheAnswerAppears() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));

        typeAndSend("What is 2+2?");
        generator.release(THINKING.size());
        waitUntil(() -> textUnder(from(lastResponse()).lookup(".thinking-text").query()).contains("That is four."));

        assertTrue(fx(() -> header().getText().startsWith("Thinking… ")), fx(() -> header().getText()));
        assertTrue(fx(this::thinkingOpen), "the pane is open while the model thinks");
        assertEquals(AppState.GENERATING, fx(() -> vm.stateProperty().get()));

        generator.release(ANSWER.size());
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);

        assertFalse(fx(this::thinkingOpen), "the pane collapsed when the answer began");
        assertTrue(fx(() -> header().getText().startsWith("Thought for ")), fx(() -> header().getText()));
        assertTrue(fx(() -> header().getText().endsWith("· 8 tokens")), fx(() -> header().getText()));
        Node answer = fx(() -> from(lastResponse()).lookup(".answer").query());
        assertTrue(fx(() -> textUnder(answer)).contains("The answer is 4."), fx(() -> textUnder(answer)));
        assertEquals("4", fx(() -> from(answer).lookup(".md-boxed").queryAs(Label.class).getText()));

        clickOn(fx(this::header));
        assertTrue(fx(this::thinkingOpen), "clicking the header opens the pane again");
    }

    @Test
    void escapeStopsTheGenerationAndMarksTheThinkingCutShort() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));

        send("Think about it");
        generator.release(3);
        waitUntil(() -> textUnder(from(lastResponse()).lookup(".thinking-text").query()).contains("two "));
        type(KeyCode.ESCAPE);
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);

        assertTrue(fx(() -> header().getText().startsWith("Thinking stopped after ")), fx(() -> header().getText()));
        assertTrue(fx(() -> from(lastResponse()).lookup(".message-stopped").query().isVisible()));
        assertTrue(fx(() -> lastResponse().lookup(".thinking-pane").getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("cut-short"))));
    }

    @Test
    void regenerateKeepsTheEarlierVersion() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        send("Q");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);

        clickOn(fx(() -> from(lastResponse()).lookup(".regenerate").queryButton()));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY
                && "2/2".equals(from(lastResponse()).lookup(".version-label").queryAs(Label.class).getText()));

        clickOn(fx(() -> from(lastResponse()).lookup(".version-previous").queryButton()));
        waitUntil(() -> "1/2".equals(from(lastResponse()).lookup(".version-label").queryAs(Label.class).getText()));
        assertEquals(2, generator.requests().size());
    }

    @Test
    void aRestartedWindowFindsTheConversation() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        Stage first = fx(Stage::new);
        vm = fx(() -> openWindow(first, generator));
        send("Remember this conversation");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        fx(() -> {
            first.close();
            vm.close();
            return null;
        });

        Stage second = fx(Stage::new);
        fx(() -> openWindow(second, generator));

        ListView<?> list = fx(() -> from(second.getScene().getRoot()).lookup(".conversation-list .list-view").queryListView());
        assertEquals("Remember this conversation", fx(() -> ((ConversationItem) list.getItems().getFirst()).title()));
        assertTrue(fx(() -> textUnder(second.getScene().getRoot().lookup(".answer"))).contains("The answer is 4."));
    }

    @Test
    void withoutTheBundledModelTheWindowSaysSoAndOffersToOpenAFolder() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> {
            MainViewModel opened = openWindowWithoutModel(stage, generator);
            opened.openDefaultModel(home.resolve("models").resolve("thinktrace-r1-tiny"));
            return opened;
        });

        Node empty = fx(() -> lookup(".no-model").query());
        assertTrue(fx(empty::isVisible));
        assertTrue(fx(() -> textUnder(empty)).contains("thinktrace-r1-tiny"), fx(() -> textUnder(empty)));
        assertTrue(fx(() -> from(empty).lookup(".open-model").queryButton().isVisible()));
        assertTrue(fx(() -> lookup(".send").queryButton().isDisabled()));

        fx(() -> {
            vm.openModel(java.nio.file.Files.createDirectories(home.resolve("model")));
            return null;
        });
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && !lookup(".no-model").query().isVisible());
        assertEquals("scripted-test-model", fx(() -> lookup(".status-model").queryAs(Label.class).getText()));
        Label device = fx(() -> lookup(".status-device").queryAs(Label.class));
        assertFalse(fx(device::getText).isEmpty());
        assertEquals(fx(device::getText), fx(() -> device.getTooltip().getText()), "the whole device text, also where elided");
    }

    @Test
    void aLongTitleIsCutWithAnEllipsisInsteadOfScrollingTheList() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        String title = "Strawberries, raspberries and blueberries?";   // whole as a title, wider than the list
        send(title);
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);

        ListView<?> list = fx(() -> lookup(".conversation-list .list-view").queryListView());
        javafx.scene.control.ListCell<?> cell = fx(() -> lookup(".conversation-list .list-cell")
                .match(n -> n instanceof javafx.scene.control.ListCell<?> c && !c.isEmpty()).query());
        assertEquals(title, fx(cell::getText));
        assertTrue(fx(() -> cell.getWidth() <= list.getWidth()), "the cell fits the list");
        assertFalse(fx(() -> list.lookupAll(".scroll-bar").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ScrollBar bar
                        && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && bar.isVisible())),
                "no horizontal scroll bar");
        String shown = fx(() -> from(cell).lookup(".text").queryAs(javafx.scene.text.Text.class).getText());
        assertTrue(shown.endsWith(fx(cell::getEllipsisString)) && shown.length() < title.length(), "shown as '" + shown + "' in a cell " + fx(cell::getWidth) + " px wide");
        assertEquals(title, fx(() -> cell.getTooltip().getText()));
    }

    @Test
    void regenerateOpensThePaneWhileTheModelThinksWithNoScrollBarOfItsOwn() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        send("Q");
        generator.release(THINKING.size() + ANSWER.size());
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        assertFalse(fx(this::thinkingOpen), "auto-collapse closed the first version's pane");
        assertTrue(fx(() -> header().getGraphic() instanceof Label l && l.getText().equals("▸")),
                "a closed pane's header shows a chevron pointing right");

        fx(() -> {
            vm.regenerate(vm.transcript().getLast().id());
            return null;
        });
        generator.release(4);
        waitUntil(() -> textUnder(from(lastResponse()).lookup(".thinking-text").query()).contains("two "));
        assertTrue(fx(this::thinkingOpen), "the pane is open while the new version thinks");
        assertTrue(fx(() -> header().getGraphic() instanceof Label l && l.getText().equals("▾")));
        assertFalse(fx(() -> from(lastResponse()).lookup(".scroll-bar").queryAll().stream().anyMatch(Node::isVisible)),
                "the transcript is the only scroller: no scroll bar inside a response");
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
    }

    @Test
    void aNewChatTakesTheTypingAndTheStatusBarShowsTheOpenConversationsFigures() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        send("About cats");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        String context = fx(() -> lookup(".status-context").queryAs(Label.class).getText());
        assertTrue(context.matches("Context [1-9][0-9,]* / .*"), context);
        assertFalse(fx(() -> lookup(".status-speed").queryAs(Label.class).getText()).isEmpty());

        clickOn(".open-settings");
        type(KeyCode.ESCAPE);
        press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> vm.transcript().isEmpty());
        write("typed");
        waitUntil(() -> "typed".equals(vm.composerTextProperty().get()));
        assertTrue(fx(() -> lookup(".status-context").queryAs(Label.class).getText()).startsWith("Context 0 / "));
        assertEquals("", fx(() -> lookup(".status-speed").queryAs(Label.class).getText()));

        String catsId = fx(() -> vm.conversations().shown().stream().filter(c -> c.title().equals("About cats"))
                .findFirst().orElseThrow().id());
        fx(() -> {
            vm.openConversation(catsId);
            return null;
        });
        assertEquals(context, fx(() -> lookup(".status-context").queryAs(Label.class).getText()),
                "a reopened conversation shows its own context");
    }

    @Test
    void searchSaysNoMatchesEscapeClearsItAndTheOpenConversationStaysSelected() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        send("About cats");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        ListView<?> list = fx(() -> lookup(".conversation-list .list-view").queryListView());
        Object open = fx(() -> list.getSelectionModel().getSelectedItem());
        assertTrue(open != null);

        // Ctrl+F finds inside the open conversation; Ctrl+Shift+F searches the conversations
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        write("zebra");
        waitUntil(() -> vm.conversations().shown().isEmpty());
        assertEquals("No matches", fx(() -> ((Label) list.getPlaceholder()).getText()));

        type(KeyCode.ESCAPE);
        waitUntil(() -> vm.conversations().shown().size() == 1);
        assertEquals("", fx(() -> vm.conversations().searchTextProperty().get()));
        assertEquals(open, fx(() -> list.getSelectionModel().getSelectedItem()), "the open conversation is selected again");
        assertEquals("No conversations", fx(() -> ((Label) list.getPlaceholder()).getText()));
    }

    @Test
    void ctrlNStartsANewChatAndCtrlFSearches() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));
        send("About cats");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);

        press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> vm.transcript().isEmpty());
        assertEquals(2, fx(() -> vm.conversations().shown().size()));

        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        write("cats");
        waitUntil(() -> vm.conversations().shown().size() == 1);
        assertEquals("About cats", fx(() -> vm.conversations().shown().getFirst().title()));
    }

    @Test
    void settingsOpenWithCtrlCommaAndAreSaved() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(THINKING, ANSWER);
        vm = fx(() -> openWindow(stage, generator));

        press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> lookup(".settings-form").tryQuery().isPresent());
        javafx.scene.control.TextField temperature = fx(() -> lookup(".settings-form .text-field")
                .queryAs(javafx.scene.control.TextField.class));
        doubleClickOn(temperature).eraseText(3).write("0.3");
        clickOn(fx(() -> lookup(".button").match(n -> n instanceof Button b && "OK".equals(b.getText()))
                .queryButton()));

        waitUntil(() -> vm.settingsProperty().get().sampling().temperature() == 0.3);
        assertEquals(0.3, new org.thinktrace.chat.SettingsStore(home.resolve("config")).load().settings()
                .sampling().temperature());
    }
}
