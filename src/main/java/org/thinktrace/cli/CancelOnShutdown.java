package org.thinktrace.cli;

import java.io.PrintStream;

/**
 * While open, a JVM shutdown hook (run on Ctrl+C, SIGTERM or {@code System.exit}) that cancels the awaited
 * generation and waits a bounded time for its last event, so its stats or {@code done} line is printed before
 * the process ends. Closing removes the hook, unless the shutdown has already started it.
 */
final class CancelOnShutdown implements AutoCloseable {

    private final GenerationCanceller canceller;
    private final PrintStream err;
    private final Thread hook;
    private volatile boolean started;

    private CancelOnShutdown(GenerationCanceller canceller, PrintStream err) {
        this.canceller = canceller;
        this.err = err;
        this.hook = new Thread(this::onShutdown, "thinktrace-cancel-on-exit");
    }

    static CancelOnShutdown install(GenerationCanceller canceller, PrintStream err) {
        CancelOnShutdown onExit = new CancelOnShutdown(canceller, err);
        Runtime.getRuntime().addShutdownHook(onExit.hook);
        return onExit;
    }

    /** What the hook does; package-private so a test can run it without ending its JVM. */
    void onShutdown() {
        started = true;
        if (canceller.interrupt(GenerationCanceller.FINISH_WAIT) == GenerationCanceller.Outcome.STILL_RUNNING) {
            err.println("thinktrace: the generation did not stop within " + GenerationCanceller.FINISH_WAIT.toSeconds()
                    + " s; exiting anyway");
        }
        err.flush();
    }

    @Override
    public void close() {
        if (!started) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
