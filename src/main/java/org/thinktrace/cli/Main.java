package org.thinktrace.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The command line: {@code thinktrace COMMAND [options]} (see {@link #commandLine}). The process's entry point,
 * {@code org.thinktrace.ThinkTrace}, calls {@link #run(String[], CommandIo, Runnable)} with the desktop app to open
 * when no command is given.
 */
public final class Main {

    private Main() {
    }

    /** Runs one command line on the process's streams and returns the exit code; never calls {@code System.exit}. */
    public static int run(String[] args, Runnable desktop) {
        return run(args, CommandIo.system(), desktop);
    }

    /** As {@link #run(String[], Runnable)} on other streams, with no desktop app: for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new CommandIo(out, err, () -> System.in));
    }

    /** As {@link #run(String[], Runnable)} on other streams, with no desktop app: for tests. */
    static int run(String[] args, CommandIo io) {
        return run(args, io, () -> {
            throw new IllegalStateException("the desktop app is not part of this launch");
        });
    }

    static int run(String[] args, CommandIo io, Runnable desktop) {
        int code = commandLine(io, desktop).execute(args);
        if (io.out().checkError()) {
            io.err().println("thinktrace: standard output is closed or failed; the output is incomplete");
            return CliErrors.FAILURE;
        }
        return code;
    }

    /**
     * Every command, one class each: {@code ask}, {@code chat}, {@code prompt}, {@code serve}, {@code bench}, {@code serve-bench}, {@code train},
     * {@code eval}, {@code inspect}, {@code export}, {@code replay}; then {@code help} and {@code generate-completion}. Add a command here and in
     * {@link #COMMANDS}.
     */
    static CommandLine commandLine(CommandIo io, Runnable desktop) {
        CommandLine line = new CommandLine(new ThinkTraceCommand(desktop))
                .addSubcommand(new AskCommand(io))
                .addSubcommand(new ChatCommand(io))
                .addSubcommand(new PromptCommand(io))
                .addSubcommand(new ServeCommand(io))
                .addSubcommand(new BenchCommand(io))
                .addSubcommand(new ServeBenchCommand(io))
                .addSubcommand(new TrainCommand(io))
                .addSubcommand(new EvalCommand(io))
                .addSubcommand(new InspectCommand(io))
                .addSubcommand(new ExportCommand(io))
                .addSubcommand(new ReplayCommand(io))
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .description("print a bash/zsh completion script: source <(thinktrace generate-completion)");
        NumberConverters.register(line);
        applyStyle(line);
        CliErrors errors = new CliErrors();
        return line.setAllowOptionsAsOptionParameters(true)
                .setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /** The commands that do the work, in the order the help lists them. */
    static final List<String> COMMANDS = List.of("ask", "chat", "prompt", "serve", "bench", "serve-bench", "train",
            "eval", "inspect", "export", "replay");

    private static void applyStyle(CommandLine line) {
        line.getCommandSpec().usageMessage().synopsisHeading("usage: ").abbreviateSynopsis(true)
                .width(100).longOptionsMaxWidth(26);
        line.getSubcommands().values().forEach(Main::applyStyle);
    }
}
