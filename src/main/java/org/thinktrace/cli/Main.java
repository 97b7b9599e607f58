package org.thinktrace.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code thinktrace.jar}: {@code java -jar thinktrace.jar <command> [args]}.
 * With no command, the desktop app opens.
 */
public final class Main {

    private Main() {
    }

    /** The sub-commands, in the order {@code help} lists them. */
    static Map<String, CliCommand> commands() {
        Map<String, CliCommand> map = new LinkedHashMap<>();
        for (CliCommand c : List.<CliCommand>of(
                new AskCommand(),
                new ChatCommand(),
                new PromptCommand(),
                new ServeCommand(),
                new BenchCommand(),
                new ServeBenchCommand(),
                new TrainCommand(),
                new EvalCommand(),
                new InspectCommand()
        )) {
            map.put(c.name(), c);
        }
        return map;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and returns the exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, CliCommand> commands = commands();
        if (args.length == 0) {
            return openDesktop(err);
        }
        String name = args[0];
        if (isHelp(name)) {
            return help(commands, args.length > 1 ? args[1] : null, out, err);
        }
        CliCommand command = commands.get(name);
        if (command == null) {
            err.println("thinktrace: unknown command '" + name + "'");
            printHelp(commands, err);
            return 2;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        if (asksForHelp(rest)) {
            out.print(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("thinktrace " + name + ": " + e.getMessage());
            if (e instanceof UnknownOptionException) {
                err.println("run 'thinktrace " + name + " --help' for its options");
            }
            return 2;
        } catch (Exception e) {
            err.println("thinktrace " + name + ": " + describe(e));
            return 1;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }

    /**
     * Whether a command's arguments hold {@code --help} or {@code -h} before the {@code --} that ends the
     * options; a literal "-h" can still be passed after {@code --} or as {@code --stop=-h}.
     */
    static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) return false;
            if (arg.equals("--help") || arg.equals("-h")) return true;
        }
        return false;
    }

    /** {@code thinktrace help [command]}: the command list, or one command's usage. */
    private static int help(Map<String, CliCommand> commands, String commandName, PrintStream out, PrintStream err) {
        if (commandName == null) {
            printHelp(commands, out);
            return 0;
        }
        CliCommand command = commands.get(commandName);
        if (command == null) {
            err.println("thinktrace: unknown command '" + commandName + "'");
            printHelp(commands, err);
            return 2;
        }
        out.print(command.usage());
        return 0;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static int openDesktop(PrintStream err) {
        try {
            Class<?> app = Class.forName("org.thinktrace.ui.DesktopLauncher");
            app.getMethod("launch").invoke(null);
            return 0;
        } catch (ClassNotFoundException e) {
            err.println("thinktrace: the desktop app is not part of this build; run 'thinktrace help' for the commands");
            return 2;
        } catch (ReflectiveOperationException e) {
            err.println("thinktrace: the desktop app could not start: " + describe(e.getCause() == null ? e : e.getCause()));
            return 1;
        }
    }

    private static void printHelp(Map<String, CliCommand> commands, PrintStream out) {
        out.println("usage: thinktrace [command] [options]   (no command opens the desktop app)");
        out.println();
        for (CliCommand c : commands.values()) {
            out.printf("  %-12s %s%n", c.name(), c.summary());
        }
        out.printf("  %-12s %s%n", "help", "this list; 'thinktrace help COMMAND' or 'thinktrace COMMAND --help' for its options");
    }
}
