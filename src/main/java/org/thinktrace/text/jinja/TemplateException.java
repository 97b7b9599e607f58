package org.thinktrace.text.jinja;

/**
 * A template that cannot be parsed or rendered: syntax error, unknown filter, undefined value used where a
 * value is needed, or the template's own {@code raise_exception(...)}. The message names the line.
 */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
