package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;

/** The live tokens/s of a streaming response, with no FX toolkit. */
class LiveDecodeRateTest {

    private static final long SECOND = 1_000_000_000L;

    private static GenerationEvent.TokenInfo token() {
        return new GenerationEvent.TokenInfo(7, "x", Phase.THINKING, 0.5f, 1f, List.of());
    }

    @Test
    void aBranchsKeptTokensReplayedAtItsStartDoNotCountAsDecodedTokens() {
        // A branch replays the 200 kept tokens of the version it branches from (no model work), then decodes one
        // token a second. The live rate must be about 1 token/s, not 200 tokens in the first second.
        AssistantVersion branch = AssistantVersion.starting(SamplingSettings.greedy(), 1000, 0, 0)
                .withOrigin(new BranchOrigin(0, 200, "x", "", false));
        AssistantMessage message = new AssistantMessage("m", List.of(branch), 0, true);
        Queue<GenerationEvent> events = new ConcurrentLinkedQueue<>();
        AssistantMessageViewModel vm = AssistantMessageViewModel.streaming(message, 0, false, events);
        events.add(new GenerationEvent.PromptProcessed(new int[10], "prompt", true));
        for (int i = 0; i < 200; i++) events.add(token());
        vm.drain(SECOND / 10, Integer.MAX_VALUE);
        for (int s = 1; s <= 4; s++) {
            events.add(token());
            vm.drain(s * SECOND, Integer.MAX_VALUE);
        }
        assertEquals(1.0, vm.liveTokensPerSecond(), 0.5);
    }
}
