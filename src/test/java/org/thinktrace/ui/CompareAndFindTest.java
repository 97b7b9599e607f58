package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * Compare and find, headless: the compare view opened from the inspector shows where two versions of a response
 * part ways and whether their answers agree; Ctrl+F finds a word that only a closed thinking pane holds, opens the
 * pane and scrolls to it; the conversation list's search shows where a conversation matched.
 */
@ExtendWith(ApplicationExtension.class)
class CompareAndFindTest extends DesktopTestBase {

    private static final List<String> THINKING_FOUR = List.of("I ", "add ", "two ", "and ", "two.\n\n", "Let ", "me ",
            "check: ", "two ", "plus ", "two ", "is ", "four.\n\n", "So ", "the ", "answer ", "is ", "four.");
    private static final List<String> ANSWER_FOUR = List.of("The ", "answer ", "is ", "**4**.");
    private static final List<String> THINKING_FIVE = List.of("I ", "add ", "two ", "and ", "three.\n\n", "Let ", "me ",
            "check: ", "two ", "plus ", "three ", "is ", "five.\n\n", "So ", "the ", "answer ", "is ", "five.");
    private static final List<String> ANSWER_FIVE = List.of("The ", "answer ", "is ", "**5**.");

    private MainViewModel vm;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** The first position where two scripts differ: the reference for the divergence. */
    private static int firstDifference(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) i++;
        return i;
    }

    /**
     * Asks "What is 2 + 2?", regenerates the answer (the generator's second script), and opens the compare window
     * from the inspector on the two versions.
     */
    private void compareTwoVersions(ScriptedGenerator generator) throws Exception {
        vm = InspectorPanelTest.open(() -> openWindow(stage, generator));
        send(vm, "What is 2 + 2?");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && !vm.transcript().isEmpty());
        clickOn(fx(() -> from(lastResponse()).lookup(".regenerate").queryButton()));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY
                && "2/2".equals(from(lastResponse()).lookup(".version-label").queryAs(Label.class).getText()));

        clickOn(fx(() -> from(lastResponse()).lookup(".inspect-thinking").queryButton()));
        waitUntil(() -> lookup(".inspector-compare").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        clickOn(".inspector-compare");
        waitUntil(() -> lookup(".compare").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals("Version 1 answers 4, version 2 answers 5.", labelText(".compare-verdict"));
    }

    /** A label's text, read on the FX thread (also from a condition {@link #waitUntil} runs there). */
    private String labelText(String query) {
        return onFxThread(() -> lookup(query).queryAs(Label.class).getText());
    }

    @Test
    void compareShowsWhereTwoVersionsPartAndWhetherTheirAnswersAgree() throws Exception {
        compareTwoVersions(ScriptedGenerator.unpaced(THINKING_FOUR, ANSWER_FOUR).then(THINKING_FIVE, ANSWER_FIVE));

        int token = firstDifference(THINKING_FOUR, THINKING_FIVE);
        assertTrue(fx(() -> lookup(".compare-divergence").queryAs(Label.class).getText())
                .startsWith("First divergence at token " + token + " (thinking)"));
        // the diverging tokens, marked in the row that shows them, one on each side
        waitUntil(() -> lookup(".compare-mark").queryAll().size() == 2);
        List<String> marked = fx(() -> lookup(".compare-mark").queryAll().stream()
                .map(n -> ((Text) n).getText().strip()).collect(Collectors.toList()));
        assertEquals(List.of(THINKING_FOUR.get(token).strip(), THINKING_FIVE.get(token).strip()), marked);
        AssistantMessage stored = fx(() -> (AssistantMessage) vm.currentMessages().getLast());
        assertEquals(stored.versions().get(0).tokens().ids()[token - 1], stored.versions().get(1).tokens().ids()[token - 1]);
        // the answers are the last row, side by side
        CompareView view = fx(() -> lookup(".compare").queryAs(CompareView.class));
        CompareViewModel.Row answers = fx(() -> view.rowList().getItems().getLast());
        assertEquals(String.join("", ANSWER_FOUR), answers.textA());
        assertEquals(String.join("", ANSWER_FIVE), answers.textB());

        // Esc closes the compare window
        type(KeyCode.ESCAPE);
        waitUntil(() -> !vm.inspector().compare().openProperty().get() && lookup(".compare").tryQuery().isEmpty());
    }

    @Test
    void theCompareWindowOffersAVersionAddedWhileOpenAndSaysWhenItsResponseIsDeleted() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(THINKING_FOUR, ANSWER_FOUR).then(THINKING_FIVE, ANSWER_FIVE)
                .then(THINKING_FOUR, ANSWER_FOUR);
        int perResponse = THINKING_FOUR.size() + ANSWER_FOUR.size();
        generator.release(2 * perResponse); // the first answer and its regeneration; the third waits
        compareTwoVersions(generator);
        CompareView view = fx(() -> lookup(".compare").queryAs(CompareView.class));
        @SuppressWarnings("unchecked")
        ComboBox<String> right = fx(() -> (ComboBox<String>) lookup(".compare-pick-b").query());

        // Regenerate again (pressed in the main window, which the compare window covers)
        String response = fx(() -> vm.transcript().getLast().id());
        fx(() -> {
            vm.regenerate(response);
            return null;
        });
        waitUntil(() -> lookup(".compare-notice").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals("Version 3 is being generated: it can be picked here once it has finished.",
                labelText(".compare-notice"));
        assertEquals(2, (int) fx(() -> right.getItems().size()));
        generator.release(perResponse);
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && right.getItems().size() == 3);
        assertEquals("Version 3 was added: pick it above to compare it.", labelText(".compare-notice"));
        assertEquals("Version 1 answers 4, version 2 answers 5.", labelText(".compare-verdict"), "the pair stays");
        fx(() -> {
            right.getSelectionModel().select(2);
            return null;
        });
        waitUntil(() -> "Both answer 4.".equals(labelText(".compare-verdict")));
        assertFalse(fx(() -> lookup(".compare-notice").query().isVisible()), "the pick answered the note");

        // the user deletes the exchange in the main window: the window stays, empty, and says why
        String question = fx(() -> vm.transcript().getFirst().id());
        fx(() -> {
            vm.deleteMessage(question);
            return null;
        });
        waitUntil(() -> "This response was deleted, so there is nothing left to compare."
                .equals(labelText(".compare-notice")));
        assertTrue(fx(() -> view.rowList().getItems().isEmpty() && right.getItems().isEmpty() && right.isDisabled()
                && lookup(".compare-pick-a").query().isDisabled() && lookup(".compare-jump").query().isDisabled()));
        assertEquals("", labelText(".compare-verdict"));
        assertTrue(fx(() -> view.getScene().getWindow().isShowing()));
    }

    @Test
    void ctrlFFindsAWordOnlyAClosedThinkingPaneHoldsOpensItAndScrollsToIt() throws Exception {
        List<String> thinking = new ArrayList<>(List.of("The ", "zebra ", "has ", "stripes.\n\n"));
        List<String> plain = List.of("Nothing ", "striking ", "here.");
        List<String> longAnswer = new ArrayList<>();
        for (int i = 1; i <= 30; i++) longAnswer.add("Line " + i + " of a long answer.\n\n");
        ScriptedGenerator generator = ScriptedGenerator.unpaced(thinking, List.of("Stripes.")).then(plain, longAnswer);
        vm = InspectorPanelTest.open(() -> openWindow(stage, generator));
        send(vm, "Tell me about zebras");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == 2);
        send(vm, "And more");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == 4);
        AssistantMessageViewModel first = fx(() -> (AssistantMessageViewModel) vm.transcript().get(1));
        assertFalse(fx(() -> first.thinkingExpandedProperty().get()), "the pane closed when the answer began");

        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> lookup(".find-field").tryQuery().map(Node::isFocused).orElse(false));
        write("ZEBRA");
        waitUntil(() -> "1 of 1".equals(lookup(".find-status").queryAs(Label.class).getText()));
        assertTrue(fx(() -> first.thinkingExpandedProperty().get()), "the pane holding the match opened");

        TraceTextView text = fx(() -> (TraceTextView) lookup(".thinking-text").queryAll().iterator().next());
        int at = String.join("", thinking).indexOf("zebra");
        waitUntil(() -> text.markAt(at + 1) == TextMarks.Kind.CURRENT);
        // the match is inside the transcript's viewport
        ScrollPane transcript = fx(() -> lookup(".transcript").queryAs(ScrollPane.class));
        waitUntil(() -> {
            Bounds port = transcript.localToScreen(transcript.getLayoutBounds());
            return text.charBoundsOnScreen(at, at + 5)
                    .map(b -> b.getMinY() >= port.getMinY() && b.getMaxY() <= port.getMaxY()).orElse(false);
        });

        type(KeyCode.ENTER);
        assertEquals("1 of 1", fx(() -> lookup(".find-status").queryAs(Label.class).getText()), "Enter wraps round");
        type(KeyCode.ESCAPE);
        waitUntil(() -> !vm.find().openProperty().get() && text.markAt(at + 1) == TextMarks.Kind.NONE);

        // the conversation list's search shows where the conversation matched
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        write("striking");
        waitUntil(() -> lookup(".search-snippet-match").tryQuery().isPresent());
        String snippet = fx(() -> textUnder(lookup(".search-snippet").query()));
        assertEquals("Nothing striking here.", snippet);
    }
}
