package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The transcript lays its messages out as a {@link MeasuredColumn}: once laid out, every message's height is
 * remembered, and a new response measures only itself, so a frame of a response streaming at the end of a long
 * conversation does not lay out the text of every earlier message again.
 */
@ExtendWith(ApplicationExtension.class)
class TranscriptLayoutTest extends TranscriptTestBase {

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    /** Writes a conversation of {@code exchanges} exchanges ("Question i" / "Answer i.") and a short one after it. */
    private String writtenLongConversation(int exchanges) throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Hm."), List.of("Answer 0."));
        for (int i = 1; i < exchanges; i++) generator.then(List.of("Hm."), List.of("Answer " + i + "."));
        return written(exchanges, generator);
    }

    /** Writes {@code exchanges} exchanges whose answers are a few long wrapped lines, and a short one after them. */
    private String writtenLongConversationWithLongAnswers(int exchanges) throws Exception {
        return written(exchanges, ScriptedGenerator.unpaced(List.of("Hm."),
                List.of("A long answer that goes on for a while, ".repeat(12) + "and ends.")));
    }

    /** Writes {@code exchanges} exchanges ("Question i", answered by {@code generator}) and a short one after them. */
    private String written(int exchanges, ScriptedGenerator generator) throws Exception {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        HeadlessMainViewModel headless = new HeadlessMainViewModel(home, nanos);
        MainViewModel writer = headless.readyWith(generator);
        for (int i = 0; i < exchanges; i++) {
            writer.composerTextProperty().set("Question " + i);
            writer.send();
            headless.framesUntil(writer, () -> writer.stateProperty().get() == AppState.READY);
        }
        String id = writer.conversations().selectedProperty().get().id();
        writer.newConversation();
        writer.composerTextProperty().set("A short one");
        writer.send();
        headless.framesUntil(writer, () -> writer.stateProperty().get() == AppState.READY);
        writer.close();
        return id;
    }

    @Test
    void aLongConversationShowsItsEndAtOnceAndBuildsTheRestOverTheNextFrames() throws Exception {
        String longId = writtenLongConversation(10);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);

        List<Node> right = fx(() -> {
            vm.openConversation(longId);
            return List.copyOf(messages().getChildren());
        });
        assertEquals(20, right.size());
        assertEquals(20 - TranscriptView.BUILT_AT_ONCE, placeholders(right), "the end is built at once, the rest waits");
        assertEquals(0, placeholders(right.subList(20 - TranscriptView.BUILT_AT_ONCE, 20)));

        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        List<String> shown = fx(() -> messages().getChildren().stream()
                .filter(n -> n.getStyleClass().contains("user-message")).map(DesktopTestBase::textUnder).toList());
        assertEquals(10, shown.size());
        for (int i = 0; i < 10; i++) assertTrue(shown.get(i).contains("Question " + i), i + ": " + shown.get(i));
    }

    @Test
    void aFindMatchInAResponseNotBuiltYetIsBuiltAtOnceAndStaysInViewWhileTheRestIsBuilt() throws Exception {
        String longId = writtenLongConversation(20);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        fx(() -> {
            vm.openConversation(longId);
            return null;
        });
        waitUntil(() -> messages().getChildren().getLast().getLayoutBounds().getHeight() > 0);
        String matched = fx(() -> {
            // A frame later, response 14 (child 29) is still a placeholder, with many placeholders above it.
            assertTrue(messages().getChildren().get(29) instanceof TranscriptView.Placeholder);
            vm.find().openBar();
            vm.find().queryProperty().set("Answer 14.");
            assertTrue(!(messages().getChildren().get(29) instanceof TranscriptView.Placeholder),
                    "built for its match before the backfill reached it");
            assertTrue(messages().getChildren().get(28) instanceof TranscriptView.Placeholder, "the one above waits");
            return vm.transcript().get(29).id();
        });
        assertEquals(matched, fx(() -> vm.find().currentMatchProperty().get().messageId()));
        // Scrolled to it; the messages above it are built (and grow or shrink from a placeholder's height): it stays.
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        Thread.sleep(300);
        assertTrue(fx(() -> shownInViewport(messages().getChildren().get(29))), "the matched response is still in view");
    }

    @Test
    void aReaderScrolledUpSeesNoMessageMoveWhileTheMessagesAboveAreBuilt() throws Exception {
        String longId = writtenLongConversation(20);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        // Every frame: where each message view in the viewport is on screen and how tall, and which moved or changed
        // height since.
        java.util.Map<Node, Double> seen = new java.util.IdentityHashMap<>();
        java.util.Map<Node, Double> heights = new java.util.IdentityHashMap<>();
        List<String> resized = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> moved = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger compared = new java.util.concurrent.atomic.AtomicInteger();
        Runnable watch = () -> {
            javafx.scene.control.ScrollPane transcript = transcript();
            javafx.geometry.Bounds viewport = transcript.localToScene(transcript.getLayoutBounds());
            List<Node> children = messages().getChildren();
            for (int i = 0; i < children.size(); i++) {
                Node child = children.get(i);
                if (child instanceof TranscriptView.Placeholder) continue;
                javafx.geometry.Bounds at = child.localToScene(child.getLayoutBounds());
                Double first = heights.putIfAbsent(child, at.getHeight());
                if (first != null && first != at.getHeight()) {
                    resized.add("message " + i + ": " + first + " → " + at.getHeight());
                    heights.put(child, at.getHeight());
                }
                if (at.getMaxY() <= viewport.getMinY() || at.getMinY() >= viewport.getMaxY()) {
                    seen.remove(child);
                    continue;
                }
                Double before = seen.put(child, at.getMinY());
                if (before == null) continue;
                compared.incrementAndGet();
                if (Math.abs(before - at.getMinY()) > 1) {
                    moved.add("message " + i + ": " + before + " → " + at.getMinY() + " (placeholders left "
                            + placeholders(children) + ", vvalue " + transcript.getVvalue() + ", height "
                            + messages().getHeight() + ")");
                }
            }
        };
        fx(() -> {
            vm.openConversation(longId);
            // Laid out now (before the backfill's first frame): the reader scrolls up to the middle, all placeholders.
            for (int pass = 0; pass < 2; pass++) {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            }
            transcript().setVvalue(0.5);
            stage.getScene().addPostLayoutPulseListener(watch);
            return null;
        });
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        Thread.sleep(300);
        fx(() -> {
            stage.getScene().removePostLayoutPulseListener(watch);
            return null;
        });
        assertTrue(compared.get() > 0, "messages were built in the viewport and seen in later frames");
        assertEquals(List.of(), resized, "each message has its height from its first frame on");
        assertEquals(List.of(), moved, "what the reader sees stays in place");
    }

    /** Opens the conversation {@code id} in a new window, waits until every message is built, scrolls to the middle. */
    private MainViewModel readingTheMiddleOf(String id) throws Exception {
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        fx(() -> {
            vm.openConversation(id);
            return null;
        });
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        fx(() -> {
            transcript().setVvalue(0.5);
            return null;
        });
        Thread.sleep(300);
        return vm;
    }

    /** The index of the first message in the viewport and where it is on screen. */
    private double[] firstInViewport() throws Exception {
        return fx(() -> {
            List<Node> children = messages().getChildren();
            Node first = children.stream().filter(this::shownInViewport).findFirst().orElseThrow();
            return new double[] {children.indexOf(first), first.localToScene(first.getLayoutBounds()).getMinY()};
        });
    }

    @Test
    void deletingAMessageWhileScrolledUpKeepsTheReaderWhereTheyWere() throws Exception {
        MainViewModel vm = readingTheMiddleOf(writtenLongConversation(20));
        double[] before = firstInViewport();
        int index = (int) before[0];
        String below = fx(() -> vm.transcript().get(index + 2).id());       // a message under the one at the top
        fx(() -> {
            vm.deleteMessage(below);
            return null;
        });
        waitUntil(() -> vm.transcript().size() < 40);
        Thread.sleep(300);
        double[] after = firstInViewport();
        assertEquals(index, (int) after[0], "the same message is first in view");
        assertEquals(before[1], after[1], 1, "and where it was");
    }

    @Test
    void aNarrowerWindowKeepsTheMessageTheReaderIsAtInPlace() throws Exception {
        readingTheMiddleOf(writtenLongConversationWithLongAnswers(12));
        double[] before = firstInViewport();
        fx(() -> {
            stage.setWidth(stage.getWidth() * 0.6);                 // the answers above rewrap, taller
            return null;
        });
        Thread.sleep(500);
        double[] after = firstInViewport();
        assertEquals((int) before[0], (int) after[0], "the same message is first in view");
        assertEquals(before[1], after[1], 1, "and where it was");
    }

    @Test
    void theMessagesWhereTheReaderScrolledToAreBuiltBeforeTheRest() throws Exception {
        String longId = writtenLongConversation(40);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        fx(() -> {
            vm.openConversation(longId);
            for (int pass = 0; pass < 2; pass++) {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            }
            transcript().setVvalue(0);   // to the top
            return null;
        });
        // The first message is built within a few frames, while most of those between it and the end still wait.
        waitUntil(() -> !(messages().getChildren().getFirst() instanceof TranscriptView.Placeholder));
        long waiting = fx(() -> placeholders(messages().getChildren()));
        assertTrue(waiting > 40, waiting + " of 80 messages still wait");
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
    }

    @Test
    void aFindMatchRevealedWhileTheMessagesAboveItAreStillBeingBuiltStaysInView() throws Exception {
        String longId = writtenLongConversation(40);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        String matched = fx(() -> {
            vm.openConversation(longId);
            vm.find().openBar();
            vm.find().queryProperty().set("Answer 25.");
            return vm.transcript().get(51).id();
        });
        assertEquals(matched, fx(() -> vm.find().currentMatchProperty().get().messageId()));
        // Revealed within a few frames, while the backfill is still at work above it; it then stays in view.
        waitUntil(() -> shownInViewport(messages().getChildren().get(51)));
        assertTrue(fx(() -> placeholders(messages().getChildren())) > 0, "revealed before the backfill ended");
        waitUntil(() -> placeholders(messages().getChildren()) == 0);
        Thread.sleep(300);
        assertTrue(fx(() -> shownInViewport(messages().getChildren().get(51))), "still in view once every message is built");
    }

    @Test
    void switchingConversationsWithTheFindBarOpenShowsTheNewCurrentMatch() throws Exception {
        String longId = writtenLongConversation(20);
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of(), List.of())));
        waitUntil(() -> !vm.loadingConversationsProperty().get() && vm.transcript().size() == 2);
        fx(() -> {
            vm.find().openBar();
            vm.find().queryProperty().set("Answer 3.");
            return null;
        });
        String matched = fx(() -> {
            vm.openConversation(longId);
            return vm.transcript().get(7).id();
        });
        assertEquals(matched, fx(() -> vm.find().currentMatchProperty().get().messageId()),
                "the first match, in response 3, is current");
        waitUntil(() -> shownInViewport(messages().getChildren().get(7)));
    }

    @Test
    void everyLaidOutMessageKeepsItsHeightsWhileAnotherResponseArrives() throws Exception {
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of("Let", " me", " think."),
                List.of("The", " answer", " is", " **4**."))));
        for (int i = 0; i < 4; i++) {
            send(vm, "Question " + i);
            int messages = 2 * (i + 1);
            waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == messages);
        }
        List<Node> views = fx(() -> List.copyOf(messages().getChildren()));
        assertEquals(8, views.size());

        // The next response: a layout pass after it remembers every message's heights.
        send(vm, "Question 4");
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && vm.transcript().size() == 10);
        fx(() -> {
            messages().requestLayout();
            return null;
        });
        waitUntil(() -> messages().rememberedBlocks() == 10);
        // A change inside the last response forgets its heights only; the next pass measures it alone.
        int remembered = fx(() -> {
            ((javafx.scene.Parent) messages().getChildren().getLast()).requestLayout();
            return messages().rememberedBlocks();
        });
        assertEquals(9, remembered);
        List<Node> now = fx(() -> List.copyOf(messages().getChildren()));
        assertTrue(now.subList(0, 8).equals(views), "the earlier message views stay as they were");
    }
}
