package org.thinktrace.generate;

/** A candidate token at one step with its probability after the sampling transforms (temperature 1 when greedy). */
public record TokenAlternative(int id, String text, float probability) {
}
