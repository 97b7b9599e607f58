package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.AnswerDelta;
import org.thinktrace.generate.GenerationEvent.ThinkingDelta;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;

/**
 * The hand-off delivers every event once, in order, a token (its deltas and its TokenInfo) at a time or more; a
 * consumer waiting for a first token is woken by it, a napping one by nothing but the generation's end.
 */
class TokenHandOffTest {

    private static TokenInfo token(int id) {
        return new TokenInfo(id, "t" + id, Phase.ANSWER, 0.5f, 1f, List.of());
    }

    @Test
    void deltasWaitForTheirTokenAndNothingIsLostOrReordered() throws Exception {
        TokenHandOff handOff = new TokenHandOff(1_000_000);
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

    @Test
    void tokensThatComeWhileTheConsumerNapsGoTogetherAndTheEndCutsTheNapShort() throws Exception {
        TokenHandOff handOff = new TokenHandOff(TimeUnit.HOURS.toNanos(1));
        GenerationEvent.Finished end = new GenerationEvent.Finished(FinishReason.EOS, "", "t0t1t2", false, false,
                new GenerationStats(1, 0, 0, 0, 0, 3, 0, 0));
        List<List<GenerationEvent>> takes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> {
            try {
                while (takes.isEmpty() || !(takes.getLast().getLast() instanceof GenerationEvent.Finished)) {
                    takes.add(handOff.take());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        handOff.accept(new AnswerDelta("t0"));
        handOff.accept(token(0));              // wakes the waiting consumer, which then naps for an hour
        ServeHttpTest.waitUntil(() -> takes.size() == 1, "the first token taken");
        handOff.accept(new AnswerDelta("t1"));
        handOff.accept(token(1));
        handOff.accept(new AnswerDelta("t2"));
        handOff.accept(token(2));
        handOff.accept(end);                   // ends the nap
        consumer.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(List.of(new AnswerDelta("t0"), token(0)),
                List.of(new AnswerDelta("t1"), token(1), new AnswerDelta("t2"), token(2), end)), takes);
    }

    @Test
    void aConsumerThatFoundNothingAfterItsNapIsWokenByTheNextToken() throws Exception {
        TokenHandOff handOff = new TokenHandOff(TimeUnit.MILLISECONDS.toNanos(1));
        List<List<GenerationEvent>> takes = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 3; i++) takes.add(handOff.take());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 3; i++) {
            handOff.accept(token(i));
            int taken = i + 1;
            ServeHttpTest.waitUntil(() -> takes.size() == taken, "token " + taken + " taken without another after it");
            Thread.sleep(20); // longer than the nap: the consumer parks until the model thread wakes it
        }
        consumer.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(List.of(token(0)), List.of(token(1)), List.of(token(2))), takes);
    }
}
