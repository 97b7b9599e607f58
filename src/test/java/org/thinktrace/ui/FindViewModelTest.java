package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.SamplingSettings;

/** Find in the open conversation: matches over thinking and answers, stepping, wrap-around, closed panes. */
class FindViewModelTest {

    private static AssistantMessageViewModel response(String id, String thinking, String answer, boolean open) {
        AssistantVersion v = new AssistantVersion(thinking, answer, ResponseState.COMPLETE, FinishReason.EOS, false,
                false, null, SamplingSettings.r1Defaults(), 512, 0, null, null, 1_000L, null, null);
        return AssistantMessageViewModel.stored(new AssistantMessage(id, List.of(v), 0, open), true);
    }

    private final AssistantMessageViewModel first = response("a1", "Wait, two and two.\nwait again.", "It is **four**.", true);
    private final AssistantMessageViewModel second = response("a2", "Hmm. The zebra waits.", "Wait no: four.", false);
    private final ObservableList<MessageViewModel> transcript = FXCollections.observableArrayList(
            new UserMessageViewModel("u1", "What is wait?"), first, new UserMessageViewModel("u2", "Again"), second);
    private final FindViewModel find = new FindViewModel(transcript);

    /** Naive reference: lower-case every text and collect indexOf hits, responses in order, thinking first. */
    private static List<FindViewModel.Match> reference(List<MessageViewModel> messages, String needle) {
        List<FindViewModel.Match> out = new ArrayList<>();
        String n = needle.toLowerCase(Locale.ROOT);
        for (MessageViewModel m : messages) {
            if (!(m instanceof AssistantMessageViewModel a)) continue;
            String[] texts = {a.thinkingProperty().get(), a.answerProperty().get()};
            for (int part = 0; part < 2; part++) {
                String t = texts[part].toLowerCase(Locale.ROOT);
                for (int at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + n.length())) {
                    out.add(new FindViewModel.Match(a.id(), FindViewModel.Part.values()[part], at, at + n.length()));
                }
            }
        }
        return out;
    }

    @Test
    void findsEveryMatchInThinkingAndAnswersIgnoringCase() {
        find.openBar();
        find.queryProperty().set("WAIT");
        List<FindViewModel.Match> expected = reference(transcript, "wait");
        assertEquals(4, expected.size(), "the reference sees Wait, wait, waits and Wait: " + expected);
        assertEquals(expected, find.matches());
        assertEquals(0, find.currentProperty().get());
        assertEquals("1 of 4", find.statusProperty().get());
        assertTrue(find.matches().stream().noneMatch(m -> m.messageId().startsWith("u")), "user messages are not searched");
    }

    @Test
    void enterAndShiftEnterStepAndWrapAround() {
        find.openBar();
        find.queryProperty().set("wait");
        List<FindViewModel.Match> all = List.copyOf(find.matches());
        for (int i = 1; i < all.size(); i++) {
            find.next();
            assertEquals(all.get(i), find.currentMatchProperty().get());
            assertEquals((i + 1) + " of " + all.size(), find.statusProperty().get());
        }
        find.next();
        assertEquals(all.getFirst(), find.currentMatchProperty().get(), "after the last comes the first");
        find.previous();
        assertEquals(all.getLast(), find.currentMatchProperty().get(), "before the first comes the last");
        find.previous();
        assertEquals(all.get(all.size() - 2), find.currentMatchProperty().get());
    }

    @Test
    void goingToAMatchInAClosedThinkingPaneOpensIt() {
        assertFalse(second.thinkingExpandedProperty().get());
        find.openBar();
        find.queryProperty().set("zebra");
        assertEquals(List.of(new FindViewModel.Match("a2", FindViewModel.Part.THINKING, 9, 14)), find.matches());
        assertTrue(second.thinkingExpandedProperty().get(), "the pane holding the match opened");

        second.thinkingExpandedProperty().set(false);
        find.queryProperty().set("four");
        find.next();
        assertEquals(FindViewModel.Part.ANSWER, find.currentMatchProperty().get().part());
        assertFalse(second.thinkingExpandedProperty().get(), "a match in an answer leaves the pane as it is");
    }

    @Test
    void noQueryNoMatchesAndAClosedBarCostNothing() {
        find.queryProperty().set("wait");
        assertTrue(find.matches().isEmpty(), "nothing is searched while the bar is closed");
        find.openBar();
        assertEquals(4, find.matches().size());
        find.queryProperty().set("   ");
        assertEquals("", find.statusProperty().get());
        assertTrue(find.matches().isEmpty());
        find.queryProperty().set("giraffe");
        assertEquals("No matches", find.statusProperty().get());
        assertNull(find.currentMatchProperty().get());
        find.next();
        assertEquals(-1, find.currentProperty().get());
        find.queryProperty().set("wait");
        find.close();
        assertTrue(find.matches().isEmpty(), "closing clears the highlights");
        assertNull(find.currentMatchProperty().get());
    }

    @Test
    void theMatchesFollowTheTranscriptAndKeepTheCurrentOne() {
        find.openBar();
        find.queryProperty().set("two");
        find.next();
        FindViewModel.Match current = find.currentMatchProperty().get();
        assertEquals("2 of 2", find.statusProperty().get());
        AssistantMessageViewModel third = response("a3", "two more", "", true);
        transcript.add(third);
        assertEquals(3, find.matches().size());
        assertEquals(current, find.currentMatchProperty().get(), "a new response does not move the current match");
        transcript.remove(first);
        assertEquals(reference(transcript, "two"), find.matches());
        assertEquals("1 of 1", find.statusProperty().get());
    }
}
