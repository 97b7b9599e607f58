package org.thinktrace.serve;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.TextGenerator;

/**
 * Runs requests on one {@link TextGenerator}, one at a time, in the order {@link #submit} accepted them.
 * At most {@code maxWaiting} requests wait behind the running one; one more is refused. A ticket cancelled
 * while it waits never starts; one cancelled while it runs stops within one token (the generator's promise).
 * One daemon thread, {@value #THREAD_NAME}, starts each generation and waits for its end.
 */
final class GenerationQueue implements AutoCloseable {

    static final String THREAD_NAME = "thinktrace-serve-queue";
    private static final Logger LOG = LoggerFactory.getLogger(GenerationQueue.class);

    /** The queue cannot take another request. */
    static final class FullException extends Exception {
        FullException(int waiting) {
            super(waiting + " requests are already waiting for the model; try again later");
        }
    }

    /** One accepted request. */
    static final class Ticket {
        private final GenerationRequest request;
        private final Consumer<GenerationEvent> listener;
        private final CompletableFuture<GenerationEvent> done = new CompletableFuture<>();
        private volatile boolean cancelled;
        private volatile GenerationHandle handle;

        private Ticket(GenerationRequest request, Consumer<GenerationEvent> listener) {
            this.request = request;
            this.listener = listener;
        }

        /** Stops the generation (or keeps it from starting). Idempotent. */
        void cancel() {
            cancelled = true;
            GenerationHandle h = handle;
            if (h != null) h.cancel();
        }

        /** A request cancelled before it started: its listener and {@link #done()} get a cancelled {@code Finished}. */
        private void endUnstarted() {
            GenerationEvent.Finished finished = neverStarted();
            try {
                listener.accept(finished);
            } finally {
                done.complete(finished);
            }
        }

        /** Completes with the last event once the request ran, or with a cancelled {@code Finished} if it never started. */
        CompletableFuture<GenerationEvent> done() {
            return done;
        }
    }

    private final TextGenerator generator;
    private final int maxWaiting;
    private final LinkedBlockingQueue<Ticket> waiting = new LinkedBlockingQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final Thread worker;
    private volatile Ticket running;
    private volatile boolean closed;

    GenerationQueue(TextGenerator generator, int maxWaiting) {
        this.generator = generator;
        this.maxWaiting = maxWaiting;
        this.worker = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::work);
    }

    /** Queues a request; {@code listener} gets its events on the generator's thread. */
    synchronized Ticket submit(GenerationRequest request, Consumer<GenerationEvent> listener) throws FullException {
        if (closed) throw new IllegalStateException("the server is stopping");
        int ahead = waitingCount.get() + (running != null ? 0 : -1);
        if (ahead >= maxWaiting) throw new FullException(waitingCount.get());
        Ticket ticket = new Ticket(request, listener);
        waitingCount.incrementAndGet();
        waiting.add(ticket);
        return ticket;
    }

    /** Requests accepted and not yet started. */
    int waiting() {
        return waitingCount.get();
    }

    /** A generation is running. */
    boolean busy() {
        return running != null;
    }

    private void work() {
        while (!closed) {
            Ticket ticket;
            try {
                ticket = waiting.take();
            } catch (InterruptedException e) {
                return; // close()
            }
            running = ticket;
            waitingCount.decrementAndGet();
            try {
                run(ticket);
            } finally {
                running = null;
            }
        }
    }

    private void run(Ticket ticket) {
        if (ticket.cancelled) {
            ticket.endUnstarted();
            return;
        }
        try {
            ticket.handle = generator.start(ticket.request, ticket.listener);
            if (ticket.cancelled) ticket.handle.cancel();
            ticket.done.complete(ticket.handle.done().join());
        } catch (RuntimeException e) { // the generator refused or its last event could not be delivered
            LOG.error("a served generation failed", e);
            GenerationEvent.Failed failed = new GenerationEvent.Failed("generation failed: " + e.getMessage(), e);
            try {
                if (ticket.handle == null) ticket.listener.accept(failed);
            } catch (RuntimeException listenerFailure) {
                e.addSuppressed(listenerFailure);
            }
            ticket.done.complete(failed);
        }
    }

    private static GenerationEvent.Finished neverStarted() {
        return new GenerationEvent.Finished(FinishReason.CANCELLED, "", "", false, false,
                new GenerationStats(0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** Cancels the running request and every waiting one, and stops the worker. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Ticket r = running;
        if (r != null) r.cancel();
        for (Ticket t; (t = waiting.poll()) != null; ) {
            t.cancel();
            t.endUnstarted();
        }
        worker.interrupt();
    }
}
