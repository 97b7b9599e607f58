package org.thinktrace.chat;

import java.util.List;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;

/** Conversations for store tests. */
final class Samples {

    private Samples() {
    }

    static TokenTrace trace() {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(2);
        recorder.add(new TokenInfo(11, "Let", Phase.THINKING, 0.75f, 0.6f, List.of(new TokenAlternative(11, "Let", 0.75f))));
        recorder.add(new TokenInfo(12, " me", Phase.THINKING, 0.5f, 0.9f, List.of()));
        recorder.add(new TokenInfo(13, "4", Phase.ANSWER, 0.125f, 1.5f, List.of()));
        return recorder.snapshot();
    }

    static AssistantVersion finished(String thinking, String answer) {
        return new AssistantVersion(thinking, answer, ResponseState.COMPLETE, FinishReason.EOS, false, false,
                new GenerationStats(20, 0.1, 200, 30, 2, 1, 0.5, 0.6), SamplingSettings.r1Defaults(), 512, 0, null,
                trace(), 1_000L, null, null);
    }

    static Conversation twoTurns(long updatedAt) {
        Conversation c = Conversation.start(1_000L).withTitle("Arithmetic", updatedAt);
        c = c.withAppended(new UserMessage("u1", "What is 2+2?", 1_000L), updatedAt);
        return c.withAppended(new AssistantMessage("a1", List.of(finished("Let me add.", "**4**"),
                finished("Two and two.", "\\boxed{4}")), 1, false), updatedAt);
    }
}
