package org.thinktrace.generate;

/** Which part of a response a token belongs to. */
public enum Phase {
    THINKING,
    ANSWER
}
