package org.thinktrace.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.TextGenerator;

/**
 * Runs requests on one {@link TextGenerator} in the order {@link #submit} accepted them. On a local model that
 * decodes several sequences in one pass ({@link Generator#decodesTogether()}), the requests waiting when the model
 * becomes free, up to {@value #MAX_TOGETHER}, run together ({@link ModelSession#runTogether}): each token step
 * reads the weights once for all of them, and each streams and ends on its own. Otherwise one runs at a time.
 * At most {@code maxWaiting} requests wait behind the running ones; one more is refused. A ticket cancelled
 * while it waits never starts; one cancelled while it runs stops within one token (the generator's promise),
 * the others running with it going on. One daemon thread, {@value #THREAD_NAME}, starts each generation or batch
 * and waits for its end.
 */
final class GenerationQueue implements AutoCloseable {

    static final String THREAD_NAME = "thinktrace-serve-queue";
    /** The most requests decoded together. */
    static final int MAX_TOGETHER = 8;
    private static final Logger LOG = LoggerFactory.getLogger(GenerationQueue.class);

    /** The queue cannot take another request. */
    static final class FullException extends Exception {
        FullException(int waiting) {
            super(waiting + " requests are already waiting for the model; try again later");
        }
    }

    /** The queue is closed: the server is stopping. */
    static final class ClosedException extends Exception {
        ClosedException() {
            super("the server is stopping");
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
    /** The requests running now (empty when the model is free). */
    private volatile List<Ticket> running = List.of();
    private volatile boolean closed;

    GenerationQueue(TextGenerator generator, int maxWaiting) {
        this.generator = generator;
        this.maxWaiting = maxWaiting;
        this.worker = Thread.ofPlatform().name(THREAD_NAME).daemon().start(this::work);
    }

    /**
     * Queues a request; {@code listener} gets its events on the generator's thread.
     *
     * @throws FullException   when {@code maxWaiting} requests already wait
     * @throws ClosedException when the queue is closed (the server is stopping)
     */
    synchronized Ticket submit(GenerationRequest request, Consumer<GenerationEvent> listener)
            throws FullException, ClosedException {
        if (closed) throw new ClosedException();
        int ahead = waitingCount.get() + (running.isEmpty() ? -1 : 0);
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
        return !running.isEmpty();
    }

    /** Requests running now (several when they are decoded together). */
    int running() {
        return running.size();
    }

    private void work() {
        while (!closed) {
            Ticket first;
            try {
                first = waiting.take();
            } catch (InterruptedException e) {
                return; // close()
            }
            List<Ticket> batch = new ArrayList<>();
            batch.add(first);
            Generator together = generator instanceof Generator local && local.decodesTogether() ? local : null;
            if (together != null) waiting.drainTo(batch, MAX_TOGETHER - 1);
            running = List.copyOf(batch);
            waitingCount.addAndGet(-batch.size());
            try {
                if (batch.size() == 1) {
                    run(first);
                } else {
                    runTogether(together, batch);
                }
            } finally {
                running = List.of();
            }
        }
    }

    /** Runs the tickets decoded together; each gets its own last event, the cancelled ones never start. */
    private void runTogether(Generator local, List<Ticket> batch) {
        List<Ticket> live = new ArrayList<>();
        for (Ticket ticket : batch) {
            if (ticket.cancelled) {
                ticket.endUnstarted();
            } else {
                live.add(ticket);
            }
        }
        if (live.size() <= 1) {
            live.forEach(this::run);
            return;
        }
        List<GenerationRequest> requests = live.stream().map(t -> t.request).toList();
        // each request's last event ends its ticket at once, while the others run on
        List<Consumer<GenerationEvent>> listeners = live.stream().map(t -> (Consumer<GenerationEvent>) e -> {
            try {
                t.listener.accept(e);
            } finally {
                if (e instanceof GenerationEvent.Finished || e instanceof GenerationEvent.Failed) t.done.complete(e);
            }
        }).toList();
        List<BooleanSupplier> cancels = live.stream().map(t -> (BooleanSupplier) () -> t.cancelled).toList();
        try {
            local.probe(session -> session.runTogether(requests, listeners, cancels)).result().join();
        } catch (RuntimeException e) { // the generator refused, or the model failed under every request
            LOG.error("{} generations served together failed", live.size(), e);
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            GenerationEvent.Failed failed = new GenerationEvent.Failed("generation failed: " + cause.getMessage(), cause);
            for (Ticket ticket : live) {
                if (ticket.done.isDone()) continue;
                try {
                    ticket.listener.accept(failed);
                } catch (RuntimeException listenerFailure) {
                    LOG.error("the listener of a served generation failed on its last event", listenerFailure);
                } finally {
                    ticket.done.complete(failed);
                }
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
        running.forEach(Ticket::cancel);
        for (Ticket t; (t = waiting.poll()) != null; ) {
            t.cancel();
            t.endUnstarted();
        }
        worker.interrupt();
    }
}
