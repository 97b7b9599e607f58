package org.thinktrace.ui;

import java.util.Arrays;

/**
 * The characters of a read-only trace text, addressed by offset and split into paragraphs at {@code '\n'}: paragraph
 * {@code p} is the characters {@code [start(p), end(p))}, its line break (if any) at {@code end(p)}. There is always
 * at least one paragraph (an empty text is one empty paragraph). Text is only appended or replaced as a whole.
 * Not thread-safe.
 */
final class TraceText {

    private final StringBuilder chars = new StringBuilder();
    /** The offset at which each paragraph starts; {@code starts[0] == 0}. */
    private int[] starts = new int[64];
    private int paragraphs = 1;

    /** Appends {@code more} to the end of the text. */
    void append(String more) {
        int base = chars.length();
        chars.append(more);
        for (int i = more.indexOf('\n'); i >= 0; i = more.indexOf('\n', i + 1)) {
            if (paragraphs == starts.length) starts = Arrays.copyOf(starts, paragraphs * 2);
            starts[paragraphs++] = base + i + 1;
        }
    }

    /** Replaces the whole text by {@code text}. */
    void replace(String text) {
        chars.setLength(0);
        paragraphs = 1;
        append(text);
    }

    int length() {
        return chars.length();
    }

    int paragraphCount() {
        return paragraphs;
    }

    /** The offset of paragraph {@code p}'s first character. */
    int start(int p) {
        return starts[p];
    }

    /** The offset just past paragraph {@code p}'s last character (its line break, or the end of the text). */
    int end(int p) {
        return p + 1 < paragraphs ? starts[p + 1] - 1 : chars.length();
    }

    /** The paragraph that holds offset {@code offset} (a line break belongs to the paragraph it ends). */
    int paragraphOf(int offset) {
        int found = Arrays.binarySearch(starts, 0, paragraphs, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** Paragraph {@code p}'s characters, without its line break. */
    String paragraph(int p) {
        return chars.substring(start(p), end(p));
    }

    /** The characters {@code [from, to)}. */
    String substring(int from, int to) {
        return chars.substring(from, to);
    }

    @Override
    public String toString() {
        return chars.toString();
    }
}
