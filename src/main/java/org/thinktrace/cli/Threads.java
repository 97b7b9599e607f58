package org.thinktrace.cli;

/** A {@code --threads N} value: at least 1 and at most the processors this JVM may use. */
final class Threads {

    private Threads() {
    }

    static void check(String option, int threads) throws UsageException {
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads < 1) throw new UsageException(option + " must be at least 1, got " + threads);
        if (threads > processors) {
            throw new UsageException(option + " " + threads + " is more than the " + processors
                    + " processors available; more threads than cores only slow PyTorch down");
        }
    }
}
