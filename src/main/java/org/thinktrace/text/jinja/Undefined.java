package org.thinktrace.text.jinja;

/**
 * The value of a name or key that does not exist, as Jinja's default {@code Undefined}: false, empty when
 * printed or iterated, but an error when its attributes are read or it takes part in arithmetic.
 *
 * @param description what was looked up, for the error message
 */
record Undefined(String description) {
}
