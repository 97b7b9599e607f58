package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * What the reader sees in the transcript stays where it is unless they move it: scrolling up a notch at a time while
 * a long conversation fills in, leaving the end, opening and closing a long message or a thinking pane.
 */
@ExtendWith(ApplicationExtension.class)
class TranscriptScrollingTest extends TranscriptTestBase {

    /** The data folder of a conversation of 24 exchanges with answers of 25 paragraphs, written once for the class. */
    private static Path longConversation;
    private static String longConversationId;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private double screenY(Node node) throws Exception {
        return fx(() -> node.localToScene(node.getLayoutBounds()).getMinY());
    }

    /** One notch of the mouse wheel up (40 px), as the scroll pane receives it. */
    private void wheelUp() {
        javafx.event.Event.fireEvent(messages().getChildren().getLast(), new ScrollEvent(ScrollEvent.SCROLL,
                100, 100, 100, 100, false, false, false, false, false, false, 0, 40, 0, 40,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    private static String longAnswer(int i) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 25; p++) text.append("Answer ").append(i).append(", paragraph ").append(p).append(".\n\n");
        return text.toString();
    }

    /** Opens the long conversation (written once, copied into this test's data folder) in a new window. */
    private MainViewModel openedLongConversation() throws Exception {
        synchronized (TranscriptScrollingTest.class) {
            if (longConversation == null) {
                Path written = Files.createTempDirectory("thinktrace-scrolling");
                var nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
                HeadlessMainViewModel headless = new HeadlessMainViewModel(written, nanos);
                ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Hm."), List.of(longAnswer(0)));
                for (int i = 1; i < 24; i++) generator.then(List.of("Hm."), List.of(longAnswer(i)));
                MainViewModel writer = headless.readyWith(generator);
                for (int i = 0; i < 24; i++) {
                    writer.composerTextProperty().set("Question " + i);
                    writer.send();
                    headless.framesUntil(writer, () -> writer.stateProperty().get() == AppState.READY);
                }
                longConversationId = writer.conversations().selectedProperty().get().id();
                writer.close();
                longConversation = written.resolve("data");
            }
        }
        Files.createDirectories(home.resolve("data"));
        try (var files = Files.list(longConversation)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, home.resolve("data").resolve(file.getFileName()));
            }
        }
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 48);
        return vm;
    }

    /** Opens the long conversation again from another one, so that its messages are built anew. */
    private void reopened(MainViewModel vm) throws Exception {
        fx(() -> {
            vm.newConversation();
            return null;
        });
        Thread.sleep(200);
        fx(() -> {
            vm.openConversation(longConversationId);
            return null;
        });
        waitUntil(() -> messages().getChildren().getLast().getLayoutBounds().getHeight() > 0);
    }

    @Test
    void aReaderLeavingTheEndWhileTheConversationFillsInKeepsWhatTheySee() throws Exception {
        reopened(openedLongConversation());
        Object[] at = fx(() -> {
            for (int n = 0; n < 10; n++) wheelUp();                    // 400 px up from the end
            Node last = messages().getChildren().getLast();
            return new Object[] {last, last.localToScene(last.getLayoutBounds()).getMinY(),
                    placeholders(messages().getChildren())};
        });
        assertTrue((long) at[2] > 0, "the wheel turned while the conversation filled in");
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        Thread.sleep(300);
        assertEquals((double) at[1], screenY((Node) at[0]), 1.0, "the last response stays where the reader sees it");
    }

    @Test
    void scrollingUpANotchAtATimeWhileTheConversationFillsInIsNotPulledBackToTheEnd() throws Exception {
        reopened(openedLongConversation());
        for (int n = 0; n < 8; n++) {
            fx(() -> {
                wheelUp();
                return null;
            });
            Thread.sleep(40);
        }
        long left = fx(() -> placeholders(messages().getChildren()));
        double value = fx(() -> transcript().getVvalue());
        assertTrue(left > 0, "still filling in");
        assertTrue(value < transcript().getVmax(), "8 notches up, " + left + " placeholders left: at " + value);
    }

    @Test
    void aReaderKeptJustAboveTheEndIsNotPulledToItAsTheConversationFillsIn() throws Exception {
        MainViewModel vm = openedLongConversation();
        reopened(vm);
        Object[] at = fx(() -> {
            ScrollPane pane = transcript();
            double scrollable = messages().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(1 - 100 / scrollable);                       // 100 px above the end
            Node last = messages().getChildren().getLast();
            return new Object[] {last, last.localToScene(last.getLayoutBounds()).getMinY(),
                    placeholders(messages().getChildren())};
        });
        assertTrue((long) at[2] > 0);
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        Thread.sleep(300);
        assertEquals((double) at[1], screenY((Node) at[0]), 1.0, "the reader near the end stays put");
    }

    private MainViewModel sent(ScriptedGenerator generator, String... texts) throws Exception {
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            int size = 2 * (i + 1);
            fx(() -> {
                vm.composerTextProperty().set(text);
                vm.send();
                return null;
            });
            waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == size);
        }
        Thread.sleep(300);
        return vm;
    }

    private static String log(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= lines; i++) text.append("line ").append(i).append(i < lines ? "\n" : "");
        return text.toString();
    }

    @Test
    void showAllAtTheEndOfTheConversationKeepsTheMessagesTopWhereItWas() throws Exception {
        sent(ScriptedGenerator.unpaced(List.of("Hm."), List.of("Ok.")), log(500));
        Node bubble = fx(() -> lookup(".user-bubble").query());
        double before = screenY(bubble);
        clickOn(".show-all-message");
        waitUntil(() -> lookup(".show-all-message").queryAs(Button.class).getText().equals("Show less"));
        Thread.sleep(300);
        assertEquals(before, screenY(bubble), 1.0, "the reader reads on from where the message began");
    }

    @Test
    void showLessKeepsTheButtonWhereItWasWithTheClosedMessageAboveIt() throws Exception {
        sent(ScriptedGenerator.unpaced(List.of("Hm."), List.of(longAnswer(0))), "Question 0", log(500), "Question 2",
                "Question 3");
        Button toggle = fx(() -> lookup(".show-all-message").queryAs(Button.class));
        fx(() -> {
            toggle.fire();
            return null;
        });
        Thread.sleep(300);
        fx(() -> {                                                      // scrolled to the expanded message's button
            ScrollPane pane = transcript();
            Bounds at = messages().sceneToLocal(toggle.localToScene(toggle.getLayoutBounds()));
            double viewport = pane.getViewportBounds().getHeight();
            pane.setVvalue((at.getMinY() - viewport / 2) / (messages().getHeight() - viewport));
            return null;
        });
        Thread.sleep(300);
        double before = screenY(toggle);
        assertTrue(fx(() -> inViewport(toggle)));
        fx(() -> {
            toggle.fire();
            return null;
        });
        Thread.sleep(300);
        assertEquals(before, screenY(toggle), 1.0, "Show all is where Show less was");
        Node bubble = fx(() -> lookup(".user-bubble").queryAll().stream()
                .filter(n -> ((javafx.scene.control.Label) n).getText().startsWith("line 1\n")).findFirst().orElseThrow());
        assertTrue(fx(() -> inViewport(bubble)), "the closed message is in view above it");
    }

    @Test
    void openingTheLastResponsesThinkingAtTheEndKeepsItsHeaderWhereItWas() throws Exception {
        List<String> thinking = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) thinking.add(i % 20 == 19 ? "step.\n\n" : "thought ");
        MainViewModel vm = sent(ScriptedGenerator.unpaced(thinking, List.of("Ok.")), "Question 0", "Question 1",
                "Question 2");
        AssistantMessageViewModel last = fx(() -> (AssistantMessageViewModel) vm.transcript().getLast());
        fx(() -> {
            last.thinkingExpandedProperty().set(false);                 // closed, as after an auto-collapse
            return null;
        });
        Thread.sleep(300);
        Node header = fx(() -> lookup(".thinking-header").queryAll().stream().reduce((a, b) -> b).orElseThrow());
        double before = screenY(header);
        clickOn(header);
        waitUntil(last.thinkingExpandedProperty()::get);
        Thread.sleep(300);
        assertEquals(before, screenY(header), 1.0, "the header stays, the thinking opens below it");
    }

    private double belowViewport() throws Exception {
        return fx(() -> {
            ScrollPane pane = transcript();
            double scrollable = messages().getHeight() - pane.getViewportBounds().getHeight();
            return (pane.getVmax() - pane.getVvalue()) / (pane.getVmax() - pane.getVmin()) * scrollable;
        });
    }

    @Test
    void aButtonUsedInTheStreamingResponseKeepsTheEndFollowed() throws Exception {
        List<String> answer = new java.util.ArrayList<>(List.of("```\n", "code\n", "```\n\n"));
        for (int i = 0; i < 400; i++) answer.add("Line " + i + " of the answer.\n\n");
        ScriptedGenerator generator = new ScriptedGenerator(List.of("Hm."), answer);
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        fx(() -> {
            vm.composerTextProperty().set("Question");
            vm.send();
            return null;
        });
        generator.release(60);
        waitUntil(() -> lookup(".md-code-copy").tryQuery().isPresent()
                && messages().getHeight() > transcript().getViewportBounds().getHeight() + 200);
        Thread.sleep(300);
        assertTrue(belowViewport() <= TranscriptView.END_SLACK, "at the end");
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                generator.release(1);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.start();
        Thread.sleep(200);
        fx(() -> {
            lookup(".md-code-copy").queryAs(Button.class).fire();      // Copy on the code block while it streams
            return null;
        });
        Thread.sleep(500);
        double below = belowViewport();
        feeder.interrupt();
        feeder.join();
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        assertTrue(below <= TranscriptView.END_SLACK, below + " px of the answer below the viewport");
    }
}
