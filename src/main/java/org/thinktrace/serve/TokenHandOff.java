package org.thinktrace.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.thinktrace.generate.GenerationEvent;

/**
 * Hands a generation's events from the model thread to the HTTP handler one token at a time: text deltas wait
 * until the token's {@link GenerationEvent.TokenInfo} (which follows them) or any other event, and the handler
 * is woken once for the lot. Waking the handler for every event would cost the model thread a hand-off per
 * delta, and the handler a context switch each, on a machine whose cores the model's own threads want.
 *
 * <p>Thread safety: {@link #accept} may be called from any thread (events of one generation come in order);
 * {@link #take} from one consumer.
 */
final class TokenHandOff implements Consumer<GenerationEvent> {

    private final BlockingQueue<List<GenerationEvent>> batches = new LinkedBlockingQueue<>();
    private List<GenerationEvent> pending = new ArrayList<>(4);

    @Override
    public synchronized void accept(GenerationEvent event) {
        pending.add(event);
        if (!(event instanceof GenerationEvent.ThinkingDelta || event instanceof GenerationEvent.AnswerDelta)) {
            batches.add(pending);
            pending = new ArrayList<>(4);
        }
    }

    /** Waits for the next token's events, and returns them with those of every token that arrived since, in order. */
    List<GenerationEvent> take() throws InterruptedException {
        List<GenerationEvent> first = batches.take();
        if (batches.isEmpty()) return first;
        List<List<GenerationEvent>> more = new ArrayList<>();
        batches.drainTo(more);
        List<GenerationEvent> all = new ArrayList<>(first);
        more.forEach(all::addAll);
        return all;
    }
}
