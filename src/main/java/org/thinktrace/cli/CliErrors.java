package org.thinktrace.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.log.Failures;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a command line that fails becomes: bad arguments and unusable model folders ({@link UsageException})
 * print {@code thinktrace COMMAND: message} and exit with {@value #USAGE}; any other failure is logged with its
 * stack trace and exits with {@value #FAILURE}, its message on standard error.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code of bad arguments or an unusable model folder. */
    static final int USAGE = 2;
    /** Exit code of a failure while running. */
    static final int FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value for option '([^']+)': (.*)", Pattern.DOTALL);
    private static final Pattern MISSING_VALUE = Pattern.compile(
            "(?:Missing required parameter for option|Expected parameter for option) '([^']+)'.*", Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        boolean root = command.getParent() == null;
        err.println(prefix(command) + Terminal.visibleLines(message(e, root)));
        if (root && e instanceof UnmatchedArgumentException) {
            command.usage(err);
        } else if (e instanceof UnmatchedArgumentException || e instanceof MissingParameterException) {
            err.println("run '" + command.getCommandSpec().qualifiedName() + " --help' for its options");
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof UsageException usage) {
            if (usage.getCause() != null) {
                LOG.warn("{} failed: {}", command.getCommandSpec().qualifiedName(), usage.getMessage(), usage);
            }
            err.println(prefix(command) + Terminal.visibleLines(usage.getMessage()));
            err.flush();
            return USAGE;
        }
        LOG.error("{} failed", command.getCommandSpec().qualifiedName(), e);
        err.println(prefix(command) + Terminal.visibleLines(Failures.describe(e)));
        err.flush();
        return FAILURE;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    private static String message(ParameterException e, boolean root) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String option = unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-")).findFirst().orElse(null);
            if (option != null) return "unknown option " + option.split("=", 2)[0];
            String word = unmatched.getUnmatched().get(0);
            return root ? "unknown command '" + word + "'" : "unexpected argument '" + word + "'";
        }
        Matcher missing = MISSING_VALUE.matcher(e.getMessage());
        if (missing.matches()) {
            return missing.group(1).split("=", 2)[0] + " needs a value";
        }
        Matcher invalid = INVALID_VALUE.matcher(e.getMessage());
        if (invalid.matches()) {
            return invalid.group(1).split("=", 2)[0] + " " + invalid.group(2);
        }
        String text = e.getMessage();
        if (text.startsWith("Unknown subcommand '")) {
            return "unknown command '" + text.substring("Unknown subcommand '".length()).replaceFirst("'\\.?$", "") + "'";
        }
        return text;
    }
}
