package org.thinktrace.cli;

/** An option the command does not know; {@link Main} adds a pointer to the command's {@code --help}. */
final class UnknownOptionException extends UsageException {
    UnknownOptionException(String option) {
        super("unknown option " + option);
    }
}
