package org.thinktrace.cli;

/** Bad command-line arguments or an unusable model folder: exit code 2, message on stderr. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
