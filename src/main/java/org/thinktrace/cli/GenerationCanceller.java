package org.thinktrace.cli;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;

/**
 * What Ctrl+C does to a generating command, apart from the signal itself: the generation the command is
 * waiting for is cancelled through its handle, so it ends with reason {@code cancelled} and the printer still
 * writes its stats line (or the {@code --json} {@code done} line) instead of the process dying mid-token.
 * The command waits through {@link #await}; the signal side (a shutdown hook, a signal handler, a test) calls
 * {@link #interrupt}. Thread-safe.
 */
final class GenerationCanceller {

    /** How long Ctrl+C waits for the cancelled generation's last event: cancelling takes effect within a token. */
    static final Duration FINISH_WAIT = Duration.ofSeconds(5);

    /** What {@link #interrupt} found and did. */
    enum Outcome {
        /** No generation was running: the caller decides what Ctrl+C means then. */
        NOTHING_RUNNING,
        /** The running generation was cancelled and its last event delivered. */
        CANCELLED,
        /** The running generation was asked to stop but had not delivered its last event within the wait. */
        STILL_RUNNING
    }

    private final AtomicReference<GenerationHandle> running = new AtomicReference<>();

    /** Waits for {@code handle}'s last event; during the wait, {@link #interrupt} cancels it. */
    GenerationEvent await(GenerationHandle handle) throws InterruptedException, ExecutionException {
        running.set(handle);
        try {
            return handle.done().get();
        } finally {
            running.compareAndSet(handle, null);
        }
    }

    /** Cancels the generation being awaited, if any, and waits up to {@code wait} for its last event. */
    Outcome interrupt(Duration wait) {
        GenerationHandle handle = running.get();
        if (handle == null) return Outcome.NOTHING_RUNNING;
        handle.cancel();
        try {
            handle.done().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.CANCELLED;
        } catch (ExecutionException e) {
            // the generation ended by failing; the awaiting command reports the failure
            return Outcome.CANCELLED;
        } catch (TimeoutException e) {
            return Outcome.STILL_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.STILL_RUNNING;
        }
    }
}
