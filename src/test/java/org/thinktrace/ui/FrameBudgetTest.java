package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;

/**
 * A streaming response applies at most {@link AssistantMessageViewModel#FRAME_CHARACTERS} characters of new text a
 * frame (or the smaller budget a frame is given), in order, and reports the end only in the frame that applied
 * everything before it.
 */
class FrameBudgetTest {

    private static AssistantMessageViewModel streaming(Queue<GenerationEvent> events) {
        AssistantMessage message = new AssistantMessage("a1",
                List.of(AssistantVersion.starting(SamplingSettings.greedy(), 100, 0, 0)), 0, true);
        return AssistantMessageViewModel.streaming(message, 0, false, events);
    }

    @Test
    void aSourceFasterThanTheScreenIsAppliedABudgetAFrameInOrderAndEndsLast() {
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        StringBuilder thinking = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            String token = " t" + i; // 3 to 5 characters
            boolean inThinking = i < 700;
            events.add(inThinking ? new GenerationEvent.ThinkingDelta(token) : new GenerationEvent.AnswerDelta(token));
            events.add(new GenerationEvent.TokenInfo(i, token, inThinking ? Phase.THINKING : Phase.ANSWER, 0.9f, 0.1f,
                    List.of()));
            (inThinking ? thinking : answer).append(token);
        }
        events.add(new GenerationEvent.Finished(FinishReason.EOS, thinking.toString(), answer.toString(), false, false,
                null));
        AssistantMessageViewModel vm = streaming(events);
        int totalCharacters = thinking.length() + answer.length();

        int frames = 0;
        int shown = 0;
        GenerationEvent end = null;
        while (end == null) {
            end = vm.drain(++frames);
            int now = vm.thinkingProperty().get().length() + vm.answerProperty().get().length();
            // Whole deltas: a frame stops at the first delta past the budget, so it takes less than budget + one token.
            assertTrue(now - shown < AssistantMessageViewModel.FRAME_CHARACTERS + 5, "frame " + frames + ": " + (now - shown));
            assertTrue(thinking.toString().startsWith(vm.thinkingProperty().get()), "thinking is a prefix, frame " + frames);
            assertTrue(answer.toString().startsWith(vm.answerProperty().get()), "answer is a prefix, frame " + frames);
            shown = now;
            assertTrue(frames < 100, "the queue drains");
        }
        assertInstanceOf(GenerationEvent.Finished.class, end);
        assertEquals(thinking.toString(), vm.thinkingProperty().get());
        assertEquals(answer.toString(), vm.answerProperty().get());
        assertEquals(1_000, vm.contextTokens(), "every token was counted");
        assertEquals((totalCharacters + AssistantMessageViewModel.FRAME_CHARACTERS - 1)
                / AssistantMessageViewModel.FRAME_CHARACTERS, frames, "frames of a full budget each, the end in the last");
        assertNull(vm.drain(frames + 1), "nothing after the end");
    }

    @Test
    void aFrameGivenASmallerBudgetTakesLessAndTheRestFollowsInOrder() {
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        StringBuilder thinking = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            String token = " t" + i;
            events.add(new GenerationEvent.ThinkingDelta(token));
            events.add(new GenerationEvent.TokenInfo(i, token, Phase.THINKING, 0.9f, 0.1f, List.of()));
            thinking.append(token);
        }
        AssistantMessageViewModel vm = streaming(events);
        vm.drain(1, FramePump.JUMP_FRAME_CHARACTERS);
        int crowded = vm.thinkingProperty().get().length();
        assertTrue(crowded >= FramePump.JUMP_FRAME_CHARACTERS && crowded < FramePump.JUMP_FRAME_CHARACTERS + 5,
                "a frame with a jump takes its own budget: " + crowded);
        vm.drain(2);
        int next = vm.thinkingProperty().get().length() - crowded;
        assertTrue(next >= AssistantMessageViewModel.FRAME_CHARACTERS, "the next frame takes a full budget: " + next);
        assertTrue(thinking.toString().startsWith(vm.thinkingProperty().get()), "in order");
        vm.drain(3, 1);
        assertTrue(vm.thinkingProperty().get().length() > crowded + next, "a budget of 1 still takes one delta");
        assertThrows(IllegalArgumentException.class, () -> vm.drain(4, 0));
    }
}
