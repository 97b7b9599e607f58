package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.AnswerDelta;
import org.thinktrace.generate.GenerationEvent.ThinkingDelta;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;

/** The hand-off delivers every event once, in order, a token (its deltas and its TokenInfo) at a time or more. */
class TokenHandOffTest {

    private static TokenInfo token(int id) {
        return new TokenInfo(id, "t" + id, Phase.ANSWER, 0.5f, 1f, List.of());
    }

    @Test
    void deltasWaitForTheirTokenAndNothingIsLostOrReordered() throws Exception {
        TokenHandOff handOff = new TokenHandOff();
        List<GenerationEvent> sent = new ArrayList<>();
        sent.add(new GenerationEvent.PromptProcessed(new int[]{1, 2}, "p", true));
        for (int i = 0; i < 500; i++) {
            sent.add(i % 2 == 0 ? new ThinkingDelta("x" + i) : new AnswerDelta("y" + i));
            if (i % 3 == 0) sent.add(new AnswerDelta("z" + i));
            sent.add(token(i));
        }
        CompletableFuture<List<GenerationEvent>> received = CompletableFuture.supplyAsync(() -> {
            List<GenerationEvent> out = new ArrayList<>();
            try {
                while (out.size() < sent.size()) {
                    List<GenerationEvent> batch = handOff.take();
                    GenerationEvent last = batch.getLast();
                    assertEquals(false, last instanceof ThinkingDelta || last instanceof AnswerDelta,
                            "a batch ends with a whole token");
                    out.addAll(batch);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
        sent.forEach(handOff);
        assertEquals(sent, received.get(30, TimeUnit.SECONDS));
    }
}
