package org.thinktrace.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Where a command reads and writes: standard output for its results (answers, JSON lines, tables), standard
 * error for progress, notes and errors, and standard input for {@code chat}.
 */
record CommandIo(PrintStream out, PrintStream err, Supplier<InputStream> in) {

    /** The process's own streams. */
    static CommandIo system() {
        return new CommandIo(System.out, System.err, () -> System.in);
    }
}
