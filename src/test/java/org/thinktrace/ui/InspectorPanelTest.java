package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.inspect.InspectedResponse;
import org.thinktrace.inspect.TraceInspector;
import org.thinktrace.inspect.TraceStep;
import org.thinktrace.testing.ScriptedGenerator;

/** The inspector side panel, headless: opening, following, the outline, live growth, heat and hover. */
@ExtendWith(ApplicationExtension.class)
class InspectorPanelTest extends DesktopTestBase {

    private static final String QUESTION = "What is 2 + 2?";
    private static final String THINKING_TEXT = "The problem asks for 2 + 2.\n\nLet me add the two numbers.\n\n"
            + "2 + 2 = 4.\n\nWait, let me check that again: 4 - 2 = 2, so it is right.\n\nSo the answer is 4.";
    private static final String ANSWER_TEXT = "The answer is **4**.";

    private MainViewModel vm;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** Builds a window on the FX thread; the first one of a run loads many classes, slow on a busy machine. */
    static MainViewModel open(java.util.concurrent.Callable<MainViewModel> opening) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(opening).get(90, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Splits text into word tokens that keep their trailing whitespace. */
    private static List<String> words(String text) {
        List<String> tokens = new ArrayList<>();
        for (String piece : text.split("(?<=\\s)(?=\\S)")) tokens.add(piece);
        return tokens;
    }

    private void sendAndFinish() throws Exception {
        fx(() -> {
            vm.composerTextProperty().set(QUESTION);
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && !vm.transcript().isEmpty()
                && ((AssistantMessageViewModel) vm.transcript().getLast()).answerProperty().get().contains("**4**"));
    }

    private InspectorView panel() {
        return lookup(".inspector").queryAs(InspectorView.class);
    }

    private static List<TraceStep> referenceSteps(String thinking) {
        return TraceInspector.steps(new InspectedResponse(QUESTION, thinking, "", null));
    }

    @Test
    void opensFromThePaneHeaderShowsTheOutlineAndRemembersItsLayout() throws Exception {
        vm = open(() -> openWindow(stage, ScriptedGenerator.unpaced(words(THINKING_TEXT), words(ANSWER_TEXT))));
        sendAndFinish();
        assertTrue(fx(() -> lookup(".inspector").tryQuery().isEmpty()), "the panel starts closed");

        clickOn(".inspect-thinking");
        waitUntil(() -> lookup(".inspector").tryQuery().map(Node::isVisible).orElse(false));

        List<TraceStep> expected = referenceSteps(THINKING_TEXT);
        assertTrue(expected.size() >= 4, "the reference finds the steps: " + expected);
        List<String> markerTags = fx(() -> panel().outline().markers().stream()
                .map(m -> m.getStyleClass().stream().filter(c -> c.startsWith("tag-")).findFirst().orElse(""))
                .toList());
        assertEquals(expected.stream().map(s -> "tag-" + s.tag().jsonName()).toList(), markerTags);
        assertEquals(expected.size(), (int) fx(() -> lookup(".inspector-steps .list-view").queryListView().getItems().size()));

        TraceStep fourth = expected.get(3);
        Region marker = fx(() -> panel().outline().markers().get(3));
        clickOn(marker);
        waitUntil(() -> panel().textView().caretPosition() == fourth.chars().from());

        String layout = Files.readString(home.resolve("config").resolve("inspector.json"));
        assertTrue(layout.contains("\"open\" : true") || layout.contains("\"open\":true"), layout);

        // A new window over the same data opens with the panel open and the last response in it.
        fx(() -> {
            stage.close();
            vm.close();
            return null;
        });
        Stage second = fx(Stage::new);
        vm = open(() -> openWindow(second, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        assertEquals(THINKING_TEXT, fx(() -> vm.inspector().thinkingProperty().get()));
        fx(() -> {
            second.close();
            return null;
        });
    }

    @Test
    void theOutlineGrowsWhileTheModelThinks() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(words(THINKING_TEXT), words(ANSWER_TEXT));
        vm = open(() -> openWindow(stage, generator));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        fx(() -> {
            vm.composerTextProperty().set(QUESTION);
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);

        int firstTwoSteps = words("The problem asks for 2 + 2.\n\nLet me add the two numbers.\n\n").size();
        generator.release(firstTwoSteps);
        waitUntil(() -> panel().outline().markers().size() == 2);
        assertEquals(ResponsePhase.THINKING, fx(() -> ((AssistantMessageViewModel) vm.transcript().getLast())
                .phaseProperty().get()));
        generator.release(words("2 + 2 = 4.\n\n").size());
        waitUntil(() -> panel().outline().markers().size() == 3);
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY
                && panel().outline().markers().size() == referenceSteps(THINKING_TEXT).size());
    }

    /** The words shown in the step list's row {@code index}, or null while no cell shows that row. */
    private String stepRowWords(int index) {
        return lookup(".inspector-steps .list-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(cell -> cell.getIndex() == index && !cell.isEmpty() && cell.getGraphic() != null)
                .map(cell -> ((javafx.scene.control.Label) cell.getGraphic().lookup(".step-words")).getText())
                .findFirst().orElse(null);
    }

    @Test
    void aStepListRowKeptWhileTheTraceGrowsIsFlaggedOnceItsStepRepeats() throws Exception {
        String step = "Let me add the two numbers.\n\n";
        String between = "So 2 + 2 = 4.\n\n";
        ScriptedGenerator generator = new ScriptedGenerator(words(step + between + step + between + step
                + "The answer is 4.\n\n"), words(ANSWER_TEXT));
        vm = open(() -> openWindow(stage, generator));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        clickOn(".inspector-steps .title");
        fx(() -> {
            vm.composerTextProperty().set(QUESTION);
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);

        // Two occurrences are no loop yet: the first row is shown plain.
        generator.release(words(step + between + step + between).size());
        waitUntil(() -> "Let me add the two numbers.".equals(stepRowWords(0))
                && lookup(".inspector-steps .list-view").queryListView().getItems().size() == 4);
        // The third makes the step a loop: the rows kept from before show the flag too (the list's fifth row may be
        // below its viewport).
        generator.release(words(step).size());
        waitUntil(() -> lookup(".inspector-steps .list-view").queryListView().getItems().size() == 5);
        waitUntil(() -> "↻ Let me add the two numbers.".equals(stepRowWords(0))
                && "↻ Let me add the two numbers.".equals(stepRowWords(2)));
        assertEquals("So 2 + 2 = 4.", fx(() -> stepRowWords(1)));
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
    }

    /** The heat bin of a token of probability p, from the documented bounds (nats of surprisal). */
    private static int referenceHeat(double p) {
        double surprisal = -Math.log(p);
        double[] bounds = {0.1, 0.3, 0.7, 1.2, 2.0, 3.0, 4.5};
        int bin = 0;
        while (bin < bounds.length && surprisal >= bounds[bin]) bin++;
        return bin;
    }

    /** The scripted generator's probability of token i. */
    private static double scriptedP(int i) {
        return 0.5f + (i % 5) / 10f;
    }

    /** The heat bin drawn at character {@code charIndex}, {@link HeatScale#NONE} where none. */
    private int heatAt(int charIndex) throws Exception {
        return fx(() -> (int) panel().textView().heatAt(charIndex));
    }

    @Test
    void heatShadesEachTokenBySurprisalAndHoverShowsTheAlternatives() throws Exception {
        List<String> thinking = words(THINKING_TEXT);
        vm = open(() -> openWindow(stage, ScriptedGenerator.unpaced(thinking, words(ANSWER_TEXT))));
        sendAndFinish();
        clickOn(".inspect-thinking");
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        int tokenCount = thinking.size() + words(ANSWER_TEXT).size();

        for (int i = 0; i < tokenCount; i++) {
            int token = i;
            int[] chars = fx(() -> panel().charsOf(token));
            assertNotNull(chars, "token " + i + " is placed in the text");
            assertEquals(HeatScale.NONE, heatAt(chars[0]), "no heat before it is switched on");
        }

        assertFalse(fx(() -> lookup(".heat-legend").query().isVisible()), "no heat legend while the heat is off");
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil(() -> vm.inspector().heatProperty().get());
        waitUntil(() -> lookup(".heat-legend").query().isVisible());
        int shaded = 0;
        for (int i = 0; i < tokenCount; i++) if (referenceHeat(scriptedP(i)) > 0) shaded++;
        assertEquals(shaded + " of " + tokenCount + " tokens " + (shaded == 1 ? "is" : "are") + " shaded (p below 0.90).",
                fx(() -> lookup(".heat-summary").queryAs(javafx.scene.control.Label.class).getText()));
        for (int i = 0; i < tokenCount; i++) {
            int token = i;
            int[] chars = fx(() -> panel().charsOf(token));
            assertNotNull(chars, "token " + i + " is placed in the text");
            assertEquals(referenceHeat(scriptedP(i)), heatAt(chars[0]), "token " + i);
        }
        assertTrue(fx(() -> panel().textView().text()).contains(InspectorView.ANSWER_SEPARATOR + ANSWER_TEXT));

        // Hover over token 3 ("for "): its figures and alternatives appear.
        int third = 3;
        int[] chars = fx(() -> panel().charsOf(third));
        Bounds bounds = fx(() -> panel().textView().charBoundsOnScreen(chars[0], chars[1]).orElseThrow());
        moveTo(new javafx.geometry.Point2D(bounds.getMinX() + 2, bounds.getCenterY()));
        waitUntil(() -> vm.inspector().hoverTextProperty().get().startsWith("Token " + third + " "));
        String hover = fx(() -> vm.inspector().hoverTextProperty().get());
        assertTrue(hover.contains(String.format(java.util.Locale.ROOT, "p %.3f", scriptedP(third))), hover);
        assertTrue(hover.contains("\"x\"  " + String.format(java.util.Locale.ROOT, "%.3f", (1 - scriptedP(third)) / 2)),
                hover);
        assertTrue(listWindows().stream().anyMatch(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing()
                && t.getText().equals(hover)), "the hover tip is shown");

        // Clicking the token offers its alternative for a branch.
        clickOn(new javafx.geometry.Point2D(bounds.getMinX() + 2, bounds.getCenterY()));
        waitUntil(() -> vm.inspector().focusedTokenProperty().get() == third);
        List<String> offered = fx(() -> lookup(".alternative-text").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).collect(Collectors.toList()));
        assertEquals(1, offered.size(), offered.toString());
        assertTrue(offered.getFirst().startsWith("\"x\""), offered.toString());
        assertFalse(fx(() -> lookup(".branch-alternative").queryAs(Button.class).isDisabled()));

        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil(() -> !vm.inspector().heatProperty().get());
        for (int i = 0; i < tokenCount; i++) {
            int token = i;
            int[] at = fx(() -> panel().charsOf(token));
            assertEquals(HeatScale.NONE, heatAt(at[0]), "heat is off again at token " + i);
        }
    }

    @Test
    void withEveryToolOpenInTheSmallestWindowTheTraceKeepsItsRoomAndNoFigureOrButtonIsCut() throws Exception {
        vm = open(() -> openWindow(stage, ScriptedGenerator.unpaced(words(THINKING_TEXT), words(ANSWER_TEXT))));
        try {
            resize(MainWindow.MIN_WIDTH, MainWindow.MIN_HEIGHT);
            sendAndFinish();
            clickOn(".inspect-thinking");
            waitUntil(() -> lookup(".inspector").tryQuery().map(Node::isVisible).orElse(false));
            int focused = 3;
            fx(() -> {
                // the divider dragged to make the panel as narrow as it goes
                javafx.scene.control.SplitPane split = lookup(".inspector-split").queryAs(javafx.scene.control.SplitPane.class);
                split.setDividerPosition(0, 1);
                vm.inspector().focus(focused);
                lookup(".inspector-steps").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true);
                lookup(".inspector-forks").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true);
                vm.inspector().planImportance(); // its cost, with Start and Not now
                return null;
            });
            waitUntil(() -> !lookup(".fork-odds").queryAll().isEmpty() && !lookup(".step-surprisal").queryAll().isEmpty()
                    && !lookup(".alternative-probability").queryAll().isEmpty()
                    && lookup(".importance-start").tryQuery().map(Node::isVisible).orElse(false));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

            assertEquals(fx(() -> panel().getMinWidth()), fx(() -> panel().getWidth()), 0.5, "the panel at its narrowest");
            double panelHeight = fx(() -> panel().getHeight());
            double toolsHeight = fx(() -> lookup(".inspector-tools-scroll").queryAs(Region.class).getHeight());
            double traceHeight = fx(() -> panel().textView().getHeight());
            assertTrue(toolsHeight <= InspectorView.TOOLS_SHARE * panelHeight + 1,
                    "the tools take " + toolsHeight + " of " + panelHeight + " px");
            assertTrue(traceHeight >= InspectorView.MIN_TRACE_HEIGHT,
                    "the trace keeps " + traceHeight + " px of a " + panelHeight + " px panel");

            // the fixed parts of every row are drawn whole: figures, tags and the branch buttons
            List<String> cut = fx(() -> {
                List<javafx.scene.control.Labeled> fixed = new ArrayList<>();
                for (String selector : List.of(".alternative-probability", ".branch-alternative", ".fork-position",
                        ".fork-odds", ".step-tag", ".step-surprisal", ".importance-start", ".importance-dismiss")) {
                    for (Node n : lookup(selector).queryAll()) fixed.add((javafx.scene.control.Labeled) n);
                }
                return DrawnTexts.cut(fixed);
            });
            assertEquals(List.of(), cut, "cut in the inspector at " + fx(() -> panel().getWidth()) + " px");
            List<String> outside = fx(() -> {
                List<String> out = new ArrayList<>();
                Bounds panelBounds = panel().localToScene(panel().getLayoutBounds());
                for (Node n : lookup(".branch-alternative").queryAll()) {
                    Bounds b = n.localToScene(n.getLayoutBounds());
                    if (b.getMaxX() > panelBounds.getMaxX() + 0.5) out.add(b + " beyond " + panelBounds);
                }
                return out;
            });
            assertEquals(List.of(), outside, "branch buttons reaching past the panel");
            assertEquals(List.of(AlternativeRow.SHORT_TEXT), branchTexts(), "too narrow for the whole text");
            fx(() -> {
                lookup(".inspector-split").queryAs(javafx.scene.control.SplitPane.class).setDividerPosition(0, 0.4);
                return null;
            });
            waitUntil(() -> branchTexts().equals(List.of(AlternativeRow.LONG_TEXT)));
            // each fork row names the token written and the likeliest other one (the script's "x")
            List<String> forkChoices = fx(() -> lookup(".fork-choice").queryAll().stream()
                    .map(n -> ((javafx.scene.control.Label) n).getText()).collect(Collectors.toList()));
            assertFalse(forkChoices.isEmpty());
            assertTrue(forkChoices.stream().allMatch(c -> c.matches("\".+\" or \"x\"")), forkChoices.toString());
            // rows fit their lists: no list scrolls sideways
            List<String> sideways = fx(() -> DrawnTexts.visible(panel(), javafx.scene.control.ScrollBar.class).stream()
                    .filter(bar -> bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .map(bar -> bar.getParent().getStyleClass().toString()).collect(Collectors.toList()));
            assertEquals(List.of(), sideways, "horizontal scroll bars in the inspector");

            // the focused token is marked in the trace, and only it
            int[] chars = fx(() -> panel().charsOf(focused));
            assertEquals(TextMarks.Kind.CURRENT, fx(() -> panel().textView().markAt(chars[0])));
            assertEquals(TextMarks.Kind.NONE, fx(() -> panel().textView().markAt(chars[1])));
            fx(() -> {
                vm.inspector().focus(-1);
                return null;
            });
            assertEquals(TextMarks.Kind.NONE, fx(() -> panel().textView().markAt(chars[0])));
        } finally {
            resize(MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT);
        }
    }

    @Test
    void inTheSmallestWindowThePanelGivesWayAndTheTranscriptStillFitsItsWidth() throws Exception {
        String longThinking = THINKING_TEXT + "\n\nTo be sure, adding two and two once more in another way gives four, the same"
                + " number as before, so nothing changes.";
        vm = open(() -> openWindow(stage, ScriptedGenerator.unpaced(words(longThinking), words(ANSWER_TEXT))));
        try {
            resize(MainWindow.MIN_WIDTH, MainWindow.MIN_HEIGHT);
            sendAndFinish();
            double remembered = fx(() -> vm.inspector().widthProperty().get());
            clickOn(".inspect-thinking");
            waitUntil(() -> lookup(".inspector").tryQuery().map(Node::isVisible).orElse(false));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(300);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

            javafx.scene.control.ScrollPane transcript = fx(() -> lookup(".transcript")
                    .queryAs(javafx.scene.control.ScrollPane.class));
            double transcriptWidth = fx(transcript::getWidth);
            // less the divider between them, which the split takes from both sides
            assertTrue(transcriptWidth >= InspectorSplit.MIN_TRANSCRIPT_WIDTH - 8,
                    "the transcript keeps " + transcriptWidth + " px beside the panel");
            assertEquals(remembered, fx(() -> vm.inspector().widthProperty().get()), "the panel's width is kept");

            // nothing of the response reaches past the transcript's viewport, and the thinking stays above the answer
            Bounds viewport = fx(() -> transcript.localToScene(transcript.getLayoutBounds()));
            List<String> past = fx(() -> {
                List<String> out = new ArrayList<>();
                for (String selector : List.of(".assistant-message", ".thinking-pane", ".answer", ".message-footer")) {
                    for (Node n : lookup(selector).queryAll()) {
                        Bounds b = n.localToScene(n.getLayoutBounds());
                        if (b.getMaxX() > viewport.getMaxX() + 0.5) out.add(selector + " to " + b.getMaxX());
                    }
                }
                return out;
            });
            assertEquals(List.of(), past, "past the transcript ending at " + viewport.getMaxX());
            List<String> cut = fx(() -> DrawnTexts.cut(DrawnTexts.visible(lookup(".transcript").query(),
                    javafx.scene.control.Labeled.class)));
            assertEquals(List.of(), cut, "cut in the transcript");
            double thinkingBottom = fx(() -> {
                Node pane = lookup(".thinking-pane").query();
                return pane.localToScene(pane.getLayoutBounds()).getMaxY();
            });
            double answerTop = fx(() -> {
                Node answer = lookup(".answer").query();
                return answer.localToScene(answer.getLayoutBounds()).getMinY();
            });
            assertTrue(thinkingBottom <= answerTop + 0.5, "the thinking (to " + thinkingBottom
                    + ") overlaps the answer (from " + answerTop + ")");

            // a wider window gives the panel its width back
            resize(MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT);
            waitUntil(() -> Math.abs(panel().getWidth() - remembered) <= 2);

            // a dragged divider is what sets the width
            Node divider = fx(() -> lookup(".inspector-split > .split-pane-divider").query());
            Bounds at = fx(() -> divider.localToScreen(divider.getLayoutBounds()));
            drag(new javafx.geometry.Point2D(at.getCenterX(), at.getCenterY()))
                    .dropTo(new javafx.geometry.Point2D(at.getCenterX() - 60, at.getCenterY()));
            waitUntil(() -> Math.abs(vm.inspector().widthProperty().get() - (remembered + 60)) <= 3);
        } finally {
            resize(MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT);
        }
    }

    /** Resizes the window (shared by every test of the JVM: tests that resize it put it back). */
    private void resize(double width, double height) throws Exception {
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
    }

    /** The texts of the branch buttons shown. */
    private List<String> branchTexts() throws Exception {
        return fx(() -> lookup(".branch-alternative").queryAll().stream().map(n -> ((Button) n).getText())
                .collect(Collectors.toList()));
    }

    /** Where each word token lies in the concatenated text, as {from, to}. */
    private static List<int[]> referencePlaces(List<String> tokens) {
        List<int[]> places = new ArrayList<>();
        int at = 0;
        for (String token : tokens) {
            places.add(new int[] {at, at + token.length()});
            at += token.length();
        }
        return places;
    }

    @Test
    void heatShadesTheStreamingResponseAsItsTokensArrive() throws Exception {
        List<String> thinking = words(THINKING_TEXT);
        List<int[]> places = referencePlaces(thinking);
        ScriptedGenerator generator = new ScriptedGenerator(thinking, words(ANSWER_TEXT));
        vm = open(() -> openWindow(stage, generator));
        // The first window of a run may still be laying out: wait until the composer has its size.
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && lookup(".composer-input").tryQuery()
                .map(n -> n.getScene() != null && n.getLayoutBounds().getWidth() > 0).orElse(false));
        clickOn(".composer-input");
        press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitUntil(() -> lookup(".inspector").tryQuery().isPresent());
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil(() -> vm.inspector().heatProperty().get());
        fx(() -> {
            vm.composerTextProperty().set(QUESTION);
            return null;
        });
        clickOn(".composer-input").type(KeyCode.ENTER);

        int released = 20;
        int checked = 12; // tokens with enough text after them to be placed for good
        generator.release(released);
        int lastChecked = places.get(checked - 1)[0] + 1;
        waitUntil(() -> panel().textView().length() >= lastChecked
                && referenceHeat(scriptedP(checked - 1)) == panel().textView().heatAt(lastChecked - 1));
        assertEquals(ResponsePhase.THINKING, fx(() -> ((AssistantMessageViewModel) vm.transcript().getLast())
                .phaseProperty().get()), "still streaming");
        for (int i = 0; i < checked; i++) {
            assertEquals(referenceHeat(scriptedP(i)), heatAt(places.get(i)[0]), "token " + i);
            assertEquals(referenceHeat(scriptedP(i)), heatAt(places.get(i)[1] - 1), "token " + i);
        }

        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil(() -> !vm.inspector().heatProperty().get());
        for (int i = 0; i < checked; i++) assertEquals(HeatScale.NONE, heatAt(places.get(i)[0]), "heat off at token " + i);

        // Switched on again mid-stream, the tokens so far are shaded in the next frame's batch.
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil(() -> heatAt(places.get(0)[0]) != HeatScale.NONE);
        for (int i = 0; i < checked; i++) {
            assertEquals(referenceHeat(scriptedP(i)), heatAt(places.get(i)[0]), "token " + i);
        }

        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.inspector().tokensProperty().get() != null);
        for (int i = 0; i < thinking.size(); i++) {
            int token = i;
            int[] chars = fx(() -> panel().charsOf(token));
            assertEquals(referenceHeat(scriptedP(i)), heatAt(chars[0]), "stored token " + i);
        }
    }
}
