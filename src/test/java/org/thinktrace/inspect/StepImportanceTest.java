package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.Importance;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.PromptCodec;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.text.ChatTurn;

/** {@link StepImportance} with a scripted session, no model. */
class StepImportanceTest {

    /** Answers "5" until the {@code cancelAt}-th continuation (from 1), which the user cancels while it runs. */
    private static final class ScriptedSession implements ModelSession {
        private final int cancelAt;
        private final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();

        ScriptedSession(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public GenerationEvent.Finished continueFrom(GenerationRequest request, Continuation continuation,
                                                     Consumer<GenerationEvent> listener) {
            if (calls.incrementAndGet() >= cancelAt) cancelled.set(true);
            if (cancelled.get()) return new GenerationEvent.Finished(FinishReason.CANCELLED, "", "", true, false, null);
            return new GenerationEvent.Finished(FinishReason.EOS, "", "5", false, false, null);
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        @Override
        public PromptCodec codec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] prefill(int[] ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] append(int[] ids) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void truncate(int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int length() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int contextLength() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<GenerationEvent> runTogether(List<GenerationRequest> requests,
                                                 List<Consumer<GenerationEvent>> listeners,
                                                 List<BooleanSupplier> cancels) {
            throw new UnsupportedOperationException();
        }
    }

    private static final List<TokenInfo> TOKENS = List.of(
            new TokenInfo(1, "a", Phase.THINKING, 0.5f, 0.1f, List.of()),
            new TokenInfo(2, "b", Phase.THINKING, 0.5f, 0.1f, List.of()),
            new TokenInfo(3, "c", Phase.THINKING, 0.5f, 0.1f, List.of()));

    private static Importance run(ScriptedSession session, List<StepImportance.StepRange> steps)
            throws InterruptedException {
        return new StepImportance(session, 2, 8, 8, AnswerExtractor::extract).run(
                List.of(ChatTurn.user("2 + 3?")), SamplingSettings.r1Defaults(), TOKENS, steps, "5",
                (done, total) -> { }, session::cancelled);
    }

    @Test
    void aCancelDuringTheLastStepsContinuationsLeavesTheRunIncomplete() throws InterruptedException {
        // continuations 1-2 before the step, 3-4 after it; the cancel comes while continuation 3 runs
        Importance result = run(new ScriptedSession(3), List.of(new StepImportance.StepRange(0, 0, 1)));
        assertFalse(result.complete(), "a cancelled run is not complete (the app keeps only complete runs)");
        assertTrue(result.steps().isEmpty(), "the cancelled continuations' empty answers are no result");
    }

    @Test
    void aStepWhoseContinuationsWereCancelledIsNotReported() throws InterruptedException {
        Importance result = run(new ScriptedSession(3), List.of(new StepImportance.StepRange(0, 0, 1),
                new StepImportance.StepRange(1, 1, 2)));
        assertFalse(result.complete());
        assertEquals(List.of(), result.steps(), "step 0's continuations after it were cancelled");
    }

    @Test
    void anUncancelledRunIsComplete() throws InterruptedException {
        Importance result = run(new ScriptedSession(Integer.MAX_VALUE),
                List.of(new StepImportance.StepRange(0, 0, 1)));
        assertTrue(result.complete());
        assertEquals(1.0, result.steps().getFirst().shareAfter());
        assertEquals(1.0, result.steps().getFirst().shareBefore());
    }
}
