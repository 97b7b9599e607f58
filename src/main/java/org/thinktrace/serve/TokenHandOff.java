package org.thinktrace.serve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.thinktrace.generate.GenerationEvent;

/**
 * Hands a generation's events from the model thread to the HTTP handler, whole tokens at a time, waking the
 * handler as seldom as the stream allows. Text deltas wait until the token's {@link GenerationEvent.TokenInfo}
 * (which follows them) or any other event.
 *
 * <p>Waking a parked thread costs the model thread a system call and the handler a context switch: once per
 * token, that was most of what serving added to a fast model's decoding. So the handler, after taking events,
 * naps for up to {@code napNanos} ({@link #take}) while the model thread only appends: tokens that come faster
 * than that are taken several at a time, with one wake-up (the nap's timer, off the model thread) for all of them.
 * The model thread wakes the handler only when it waits for a first token (a fresh stream, or one whose tokens
 * come slower than the nap, so that a slow model's every token goes out at once), and for a generation's last
 * event. A token thus reaches the handler at most {@code napNanos} after the model made it.
 *
 * <p>Thread safety: {@link #accept} may be called from one thread at a time (events of one generation come in
 * order); {@link #take} from one consumer thread.
 */
final class TokenHandOff implements Consumer<GenerationEvent> {

    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(TokenHandOff.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long napNanos;
    /** Deltas waiting for their token's {@code TokenInfo}; the model thread's alone. */
    private final List<GenerationEvent> pending = new ArrayList<>(4);
    /** Whole tokens' events not taken yet; guarded by {@code this}. */
    private List<GenerationEvent> ready = new ArrayList<>();
    /** The consumer while it parks until the model thread wakes it; null otherwise. */
    @SuppressWarnings("unused") // through WAITER
    private volatile Thread waiter;
    /** The consumer while it naps: only the generation's last event cuts the nap short. */
    private volatile Thread napper;
    /** The consumer's previous {@link #take} returned events (so it naps before the next). */
    private boolean flowing;

    /** @param napNanos how long the consumer waits for more tokens once a stream flows; 0 for no nap */
    TokenHandOff(long napNanos) {
        if (napNanos < 0) throw new IllegalArgumentException("napNanos must be at least 0, got " + napNanos);
        this.napNanos = napNanos;
    }

    @Override
    public void accept(GenerationEvent event) {
        pending.add(event);
        if (event instanceof GenerationEvent.ThinkingDelta || event instanceof GenerationEvent.AnswerDelta) return;
        synchronized (this) {
            ready.addAll(pending);
        }
        pending.clear();
        Thread parked = (Thread) WAITER.getAndSet(this, null);
        if (parked != null) {
            LockSupport.unpark(parked);
        } else if (event instanceof GenerationEvent.Finished || event instanceof GenerationEvent.Failed) {
            Thread napping = napper;
            if (napping != null) LockSupport.unpark(napping);
        }
    }

    /**
     * Returns the events of every whole token that arrived since the last call, in order, waiting for at least
     * one. After a call that returned events, first naps for up to {@code napNanos} so that more can gather.
     *
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    List<GenerationEvent> take() throws InterruptedException {
        if (flowing && napNanos > 0) nap();
        List<GenerationEvent> taken;
        while ((taken = drain()).isEmpty()) {
            flowing = false;
            WAITER.setVolatile(this, Thread.currentThread());
            if (hasReady()) {                                    // arrived before the model thread could see us
                WAITER.compareAndSet(this, Thread.currentThread(), null);
                continue;
            }
            LockSupport.park(this);
            WAITER.compareAndSet(this, Thread.currentThread(), null);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        flowing = true;
        return taken;
    }

    private void nap() throws InterruptedException {
        napper = Thread.currentThread();
        try {
            if (!lastArrived()) LockSupport.parkNanos(this, napNanos);
        } finally {
            napper = null;
        }
        if (Thread.interrupted()) throw new InterruptedException();
    }

    private synchronized List<GenerationEvent> drain() {
        if (ready.isEmpty()) return List.of();
        List<GenerationEvent> taken = ready;
        ready = new ArrayList<>(taken.size());
        return taken;
    }

    private synchronized boolean hasReady() {
        return !ready.isEmpty();
    }

    private synchronized boolean lastArrived() {
        if (ready.isEmpty()) return false;
        GenerationEvent last = ready.getLast();
        return last instanceof GenerationEvent.Finished || last instanceof GenerationEvent.Failed;
    }
}
