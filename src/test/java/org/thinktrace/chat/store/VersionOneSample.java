package org.thinktrace.chat.store;

import java.util.List;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.Convergence;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.ProbeResults;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;

/**
 * The conversation in {@code conversation-v1.json}: that file was written from exactly these records by the
 * version-1 store ({@code new ConversationStore(dir).save(conversation())} when the format was Jackson's view of the
 * domain records). It has thinking, answers, tokens with alternatives and entropies, a branched and an edited
 * version, a stopped one, a failed one, and probe results.
 */
final class VersionOneSample {

    private VersionOneSample() {
    }

    private static TokenTrace trace(String[] thinking, String[] answer, int base) {
        TokenTrace.Recorder r = new TokenTrace.Recorder(5);
        int id = base;
        float p = 0.9f;
        for (String t : thinking) {
            r.add(new TokenInfo(id, t, Phase.THINKING, p, 0.25f + (id % 7) * 0.3f,
                List.of(new TokenAlternative(id, t, p), new TokenAlternative(id + 100, " So", (1 - p) * 0.6f),
                        new TokenAlternative(id + 101, " Wait", (1 - p) * 0.3f))));
            id++; p = p > 0.3f ? p - 0.07f : 0.95f;
        }
        for (String t : answer) {
            r.add(new TokenInfo(id, t, Phase.ANSWER, p, 0.1f + (id % 5) * 0.2f,
                List.of(new TokenAlternative(id, t, p), new TokenAlternative(7, "5", (1 - p) * 0.5f))));
            id++; p = p > 0.3f ? p - 0.05f : 0.99f;
        }
        return r.snapshot();
    }
    /** The conversation, exactly as it was built when the file was written. */
    static Conversation conversation() {
        String[] think1 = {"I", " need", " 17", " ×", " 24", ".", " 17", " ×", " 20", " =", " 340", ",", " 17", " ×", " 4", " =", " 68", ".", " 340", " +", " 68", " =", " 408", "."};
        String[] ans1 = {"17", " ×", " 24", " =", " **", "408", "**"};
        TokenTrace t1 = trace(think1, ans1, 300);
        SamplingSettings sampled = new SamplingSettings(0.6, 0.95, 40, 0.05, 1.1, 0.2, 123456789L);
        AssistantVersion v1 = new AssistantVersion(String.join("", think1), String.join("", ans1), ResponseState.COMPLETE,
            FinishReason.EOS, false, false, new GenerationStats(31, 0.12, 250.5, 48.25, 24, 7, 0.5, 0.66),
            sampled, 2048, 0, null, t1, 1_764_000_001_000L, null,
            new ProbeResults(Convergence.of(List.of(new InterimAnswer(0, 6, "17 × 24 = 340", "340", 0.42),
                new InterimAnswer(1, 18, "408", "408", 0.81), new InterimAnswer(2, 24, "**408**", "408", 0.97)), "408", 24, true),
                new Importance(List.of(new StepResampling(1, List.of("340", "408"), List.of("408", "408"), 0.5, 1.0, 57)), 57, true)));
        // branched at token 5: "." -> " Wait", thinking budget forced
        String[] think2 = {"I", " need", " 17", " ×", " 24", " Wait", ",", " 24", " ×", " 17", " =", " 408", "."};
        String[] ans2 = {"**", "408", "**"};
        TokenTrace t2 = trace(think2, ans2, 300);
        AssistantVersion v2 = new AssistantVersion(String.join("", think2), String.join("", ans2), ResponseState.COMPLETE,
            FinishReason.LENGTH, false, true, new GenerationStats(31, 0.05, 300, 50, 13, 3, 0.3, 0.4),
            sampled, 16, 13, null, t2, 1_764_000_005_000L, new BranchOrigin(0, 5, ".", " Wait", false), null);
        AssistantVersion v3 = new AssistantVersion("I need", "", ResponseState.STOPPED, FinishReason.CANCELLED, true, false, null,
            SamplingSettings.greedy(), 512, -1, null, trace(new String[]{"I", " need"}, new String[0], 300), 1_764_000_009_000L,
            new BranchOrigin(1, 2, " 17 × 24", " Let me redo: 17 \"times\" 24", true), ProbeResults.NONE);
        AssistantMessage m1 = new AssistantMessage("c1b2a3d4-0000-4000-8000-000000000002", List.of(v1, v2, v3), 1, true);
        AssistantVersion failed = new AssistantVersion("", "", ResponseState.FAILED, null, false, false, null,
            SamplingSettings.r1Defaults(), 1024, 0, "the model ran out of memory: try a shorter context", TokenTrace.empty(),
            1_764_000_020_000L, null, null);
        AssistantVersion greedy = new AssistantVersion("Easy: 2 + 2 = 4.", "Four — \\boxed{4} 🎉", ResponseState.COMPLETE, FinishReason.STOP,
            false, false, new GenerationStats(50, 0.2, 100, 20, 2, 2, 0.1, 0.2), SamplingSettings.greedy(), 1024, 0, null,
            trace(new String[]{"Easy", ": 2 + 2 = 4."}, new String[]{"Four — \\boxed{4}", " 🎉"}, 900), 1_764_000_021_000L, null, null);
        AssistantMessage m2 = new AssistantMessage("c1b2a3d4-0000-4000-8000-000000000004", List.of(failed, greedy), 1, false);
        Conversation c = new Conversation(1, "c1b2a3d4-0000-4000-8000-000000000000", "Multiplying 17 by 24", 1_764_000_000_000L, 1_764_000_030_000L,
            List.of(new UserMessage("c1b2a3d4-0000-4000-8000-000000000001", "What is 17 × 24?", 1_764_000_000_500L), m1,
                    new UserMessage("c1b2a3d4-0000-4000-8000-000000000003", "And 2 + 2?\nShow it with \"quotes\".", 1_764_000_019_000L), m2));
        return c;
    }
}
