package org.thinktrace.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C (SIGINT) in the interactive chat: while a generation runs, it cancels only that generation (through
 * the {@link GenerationCanceller}) and the chat goes back to its prompt; with no generation running, the
 * previous handler runs, which for the JVM's own means the process ends as before. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported); where the signal cannot be handled (for example under {@code -Xrs}),
 * {@link #install} says so and Ctrl+C keeps its usual meaning. Closing restores the previous handler.
 */
final class InterruptKey implements AutoCloseable {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private InterruptKey(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Installs the handler.
     *
     * @throws IllegalArgumentException when this JVM does not let the program handle SIGINT
     */
    static InterruptKey install(GenerationCanceller canceller) {
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(INT, signal -> {
            if (canceller.interrupt(GenerationCanceller.FINISH_WAIT) == GenerationCanceller.Outcome.NOTHING_RUNNING) {
                System.out.println(); // the shell's prompt starts on a line of its own
                passOn(previous[0], signal);
            }
        });
        return new InterruptKey(previous[0]);
    }

    /** Gives the signal its meaning from before: the JVM's handler, or the operating system's default or ignore. */
    private static void passOn(SignalHandler previous, Signal signal) {
        if (previous == SignalHandler.SIG_IGN) return;
        if (previous == SignalHandler.SIG_DFL) {
            System.exit(128 + signal.getNumber());
        }
        previous.handle(signal);
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
