package org.thinktrace.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code thinktrace <name>} sub-command. */
public interface CliCommand {

    /** The word typed after {@code thinktrace}. */
    String name();

    /** One line for the command list. */
    String summary();

    /**
     * What {@code thinktrace <name> --help} prints: a {@code usage:} line, then every option on a line of its
     * own with its default. Ends with a line break.
     */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 success, 2 bad arguments or model folder, 1 runtime failure
     * @throws UsageException for bad arguments (reported on stderr with exit code 2)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
