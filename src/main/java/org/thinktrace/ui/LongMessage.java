package org.thinktrace.ui;

/**
 * How much of a user message its bubble shows. A short message is shown whole. A long one (more than
 * {@link #SHOWN_LINES} lines or {@link #SHOWN_CHARS} characters: a pasted file, a log) shows its beginning until the
 * reader asks for all of it, and even then at most {@link #MOST_SHOWN_CHARS} characters: a wrapped label lays out
 * its whole text at every measure, and a megabyte of text would hold the window for seconds. What is not shown is
 * still the message: it was sent whole, and Copy and Edit take it whole.
 */
final class LongMessage {

    /** The lines a long message shows until expanded. */
    static final int SHOWN_LINES = 12;
    /** The characters a long message shows until expanded. */
    static final int SHOWN_CHARS = 1_500;
    /** The most characters a message shows expanded. */
    static final int MOST_SHOWN_CHARS = 100_000;

    private LongMessage() {
    }

    /** Whether {@code text} is long: shown as its {@link #beginning} until expanded. */
    static boolean isLong(String text) {
        return text.length() > SHOWN_CHARS || lines(text) > SHOWN_LINES;
    }

    /**
     * Its lines: one more than its line breaks ({@code \n}, {@code \r\n} or a lone {@code \r}, as a label draws
     * them; a final break ends a last, empty line).
     */
    static int lines(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i += Math.max(1, breakAt(text, i))) {
            if (breakAt(text, i) > 0) lines++;
        }
        return lines;
    }

    /**
     * Its first {@link #SHOWN_LINES} lines, at most {@link #SHOWN_CHARS} characters, without the break ending them.
     */
    static String beginning(String text) {
        int end = Math.min(text.length(), SHOWN_CHARS);
        int breaks = 0;
        for (int i = 0; i < end; i += Math.max(1, breakAt(text, i))) {
            if (breakAt(text, i) > 0 && ++breaks == SHOWN_LINES) {
                end = i;
                break;
            }
        }
        return prefix(text, end);
    }

    /** The length of the line break at {@code i}: 2 for {@code \r\n}, 1 for {@code \n} or {@code \r}, else 0. */
    private static int breakAt(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n') return 1;
        if (c != '\r') return 0;
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
    }

    /** What it shows expanded: all of it, or its first {@link #MOST_SHOWN_CHARS} characters. */
    static String expanded(String text) {
        return prefix(text, Math.min(text.length(), MOST_SHOWN_CHARS));
    }

    /** Its first {@code end} characters, one fewer where that would split a surrogate pair. */
    private static String prefix(String text, int end) {
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) end--;
        return text.substring(0, end);
    }
}
