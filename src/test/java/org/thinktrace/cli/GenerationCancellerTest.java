package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;

/** Ctrl+C's cancel path, driven without a real signal, on a generation that streams until it is cancelled. */
class GenerationCancellerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * Streams answer tokens to its printer on a thread of its own until cancelled; then, as the real generator
     * does, delivers a {@code Finished(CANCELLED)} event before completing {@link #done()}. With
     * {@code obeysCancel} false it never stops, like a generation stuck in a long forward pass.
     */
    private final class StreamingGeneration implements GenerationHandle {
        final AtomicBoolean cancelRequested = new AtomicBoolean();
        final CompletableFuture<GenerationEvent> done = new CompletableFuture<>();

        StreamingGeneration(Consumer<GenerationEvent> printer, boolean obeysCancel) {
            threads.submit(() -> {
                StringBuilder answer = new StringBuilder();
                while (!(obeysCancel && cancelRequested.get()) && !Thread.currentThread().isInterrupted()) {
                    printer.accept(new GenerationEvent.AnswerDelta("x"));
                    answer.append('x');
                    Thread.onSpinWait();
                }
                GenerationEvent last = new GenerationEvent.Finished(FinishReason.CANCELLED, "", answer.toString(),
                        false, false, PrintersTest.STATS);
                printer.accept(last);
                done.complete(last);
            });
        }

        @Override
        public void cancel() {
            cancelRequested.set(true);
        }

        @Override
        public CompletableFuture<GenerationEvent> done() {
            return done;
        }
    }

    /** Interrupts as soon as the command is waiting for {@code generation} (the wait starts on another thread). */
    private static GenerationCanceller.Outcome interruptOnceAwaited(GenerationCanceller canceller, Duration wait) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        GenerationCanceller.Outcome outcome;
        do {
            outcome = canceller.interrupt(wait);
        } while (outcome == GenerationCanceller.Outcome.NOTHING_RUNNING && System.nanoTime() < deadline);
        return outcome;
    }

    @Test
    void withNothingRunningCtrlCIsLeftToTheCaller() {
        assertEquals(GenerationCanceller.Outcome.NOTHING_RUNNING, new GenerationCanceller().interrupt(WAIT));
    }

    @Test
    void cancellingEndsTheAwaitedGenerationAfterItsDoneLineIsPrinted() throws Exception {
        GenerationCanceller canceller = new GenerationCanceller();
        StreamingGeneration generation = new StreamingGeneration(new JsonLinesPrinter(stream, stream), true);
        Future<GenerationEvent> awaited = threads.submit(() -> canceller.await(generation));

        assertEquals(GenerationCanceller.Outcome.CANCELLED, interruptOnceAwaited(canceller, WAIT));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode done = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("done", done.get("type").asText());
        assertEquals("cancelled", done.get("reason").asText());
        assertTrue(done.get("answer").asText().matches("x*"), done.toString());

        GenerationEvent last = awaited.get();
        assertTrue(last instanceof GenerationEvent.Finished f && f.reason() == FinishReason.CANCELLED, last::toString);
        assertEquals(GenerationCanceller.Outcome.NOTHING_RUNNING, canceller.interrupt(WAIT),
                "a finished generation is no longer the one Ctrl+C cancels");
    }

    @Test
    void aGenerationThatDoesNotStopIsReportedAfterTheBoundedWait() {
        GenerationCanceller canceller = new GenerationCanceller();
        StreamingGeneration stuck = new StreamingGeneration(event -> { }, false);
        threads.submit(() -> canceller.await(stuck));

        assertEquals(GenerationCanceller.Outcome.STILL_RUNNING, interruptOnceAwaited(canceller, Duration.ofMillis(50)));
        assertTrue(stuck.cancelRequested.get());
    }

    @Test
    void theShutdownHookCancelsAndLetsTheTerminalPrintTheStatsLine() throws Exception {
        GenerationCanceller canceller = new GenerationCanceller();
        StreamingGeneration generation = new StreamingGeneration(new TerminalPrinter(stream, stream, false, true), true);
        Future<GenerationEvent> awaited = threads.submit(() -> canceller.await(generation));
        while (!generation.done.isDone() && out.size() == 0) {
            Thread.onSpinWait();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CancelOnShutdown onExit = CancelOnShutdown.install(canceller, new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!generation.cancelRequested.get() && System.nanoTime() < deadline) {
                onExit.onShutdown();
            }
        } finally {
            onExit.close();
        }
        assertTrue(awaited.get().toString().contains("CANCELLED"));
        assertTrue(out.toString(StandardCharsets.UTF_8).strip().endsWith("]"), "ends with the stats line");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("[cancelled · "), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
