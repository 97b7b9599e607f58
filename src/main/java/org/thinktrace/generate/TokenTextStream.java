package org.thinktrace.generate;

/**
 * Turns generated token ids into text as soon as it is stable (never half a multi-byte character).
 * Contract: the concatenation of all {@link #push} results and {@link #flush()} equals the decoded text of
 * the pushed ids, special tokens skipped. Not thread-safe.
 */
public interface TokenTextStream {

    /** Adds one generated id; returns the new stable text (possibly empty). */
    String push(int id);

    /** Returns what is still held back, at the end of the stream. */
    String flush();
}
