package org.thinktrace.text;

/** The native tokenizer crashed on a text; it ran in its own process, so only that call failed. */
public final class TokenizerCrashedException extends IllegalStateException {

    public TokenizerCrashedException(String message, Throwable cause) {
        super(message, cause);
    }
}
