package org.thinktrace.cli;

import java.util.concurrent.Callable;
import org.thinktrace.log.ConsoleLogging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code thinktrace}: with a command, runs it; with none, opens the desktop app. */
@Command(name = "thinktrace", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Offline chat with DeepSeek-R1-style reasoning models. With no command, the desktop app opens.",
        commandListHeading = "%nCommands:%n",
        footer = "%nRun 'thinktrace COMMAND --help' (or 'thinktrace help COMMAND') for a command's options.")
final class ThinkTraceCommand implements Callable<Integer> {

    private final Runnable desktop;

    /** @param desktop opens the desktop app and returns when it quits */
    ThinkTraceCommand(Runnable desktop) {
        this.desktop = desktop;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "also print the log (INFO and up) on standard error (default off)")
    void verbose(boolean on) {
        if (on) ConsoleLogging.enable();
    }

    @Override
    public Integer call() {
        desktop.run();
        return 0;
    }
}
