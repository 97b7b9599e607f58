package org.thinktrace.ui;

/**
 * Paragraph {@code index} of a {@link TraceText}, the characters {@code [start, end)} (without its line break). A new
 * record replaces a paragraph whenever its characters change, so that a list of them reports the change.
 */
record TraceParagraph(int index, int start, int end) {

    static TraceParagraph of(TraceText text, int index) {
        return new TraceParagraph(index, text.start(index), text.end(index));
    }

    /** Whether the paragraph (its line break included) touches characters {@code [from, to)}. */
    boolean touches(int from, int to) {
        return start < to && from <= end;
    }
}
