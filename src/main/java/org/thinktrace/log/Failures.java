package org.thinktrace.log;

import java.io.PrintWriter;
import java.io.StringWriter;

/** How a caught failure is put into words for a user; the log keeps its stack trace. */
public final class Failures {

    private Failures() {
    }

    /** The failure's message, or its class's simple name when it has no message (an NPE, an OOM). */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** The failure's stack trace with its causes, as {@link Throwable#printStackTrace()} writes it. */
    public static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
