package org.thinktrace.ui;

/**
 * Finds {@code \boxed{…}} (R1's way of marking a final result) in Markdown before it is parsed, so the
 * renderer can show it highlighted. Each {@code \boxed{content}}, together with math delimiters hugging
 * it ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, on its line or on the lines around it, as R1 writes
 * display math), becomes {@link #START} content {@link #END}: private-use characters that Markdown leaves alone.
 * Braces inside the content may nest; an unclosed {@code \boxed{} is left as written.
 */
final class BoxedResults {

    static final char START = '\uE000';
    static final char END = '\uE001';

    private static final String COMMAND = "\\boxed{";
    private static final String[][] DELIMITERS = {{"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}, {"$", "$"}};

    private BoxedResults() {
    }

    static String mark(String markdown) {
        return mark(markdown, false);
    }

    /**
     * As {@link #mark}, with each content on one line written as Markdown whose text is the content itself (ASCII
     * punctuation escaped), so that the parser gives it to the renderer as one run of text: {@code \boxed{2*3*4}} is
     * not split into emphasis that parts its markers. A content over several lines is left as written (it may hold
     * blocks of the answer, after a {@code \boxed{} closed only much later).
     */
    static String markForMarkdown(String markdown) {
        return mark(markdown, true);
    }

    private static String mark(String markdown, boolean escaped) {
        StringBuilder out = new StringBuilder(markdown.length());
        int i = 0;
        while (i < markdown.length()) {
            int at = markdown.indexOf(COMMAND, i);
            if (at < 0) break;
            int close = matchingBrace(markdown, at + COMMAND.length() - 1);
            if (close < 0) break;
            int from = at;
            int to = close + 1;
            for (String[] d : DELIMITERS) {
                int open = skipSpacesBack(markdown, at, i) - d[0].length();
                int end = skipSpacesForward(markdown, to);
                if (open >= i && markdown.startsWith(d[0], open) && markdown.startsWith(d[1], end)) {
                    from = open;
                    to = end + d[1].length();
                    break;
                }
            }
            out.append(markdown, i, from).append(START);
            if (escaped && !hasLineBreak(markdown, at, close)) appendEscaped(out, markdown, at + COMMAND.length(), close);
            else out.append(markdown, at + COMMAND.length(), close);
            out.append(END);
            i = to;
        }
        return out.append(markdown, i, markdown.length()).toString();
    }

    /** The index of the brace closing the one at {@code open}, or −1. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < s.length()) {
                k++; // an escaped brace does not count
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code text} of {@link #markForMarkdown} marked results written as {@code \boxed{content}} again (for code, which
     * shows its text as written; the math delimiters around a result are not restored).
     */
    static String unmark(String text) {
        if (text.indexOf(START) < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf(START, i);
            int end = start < 0 ? -1 : text.indexOf(END, start);
            if (end < 0) break;
            out.append(text, i, start).append(COMMAND);
            for (int k = start + 1; k < end; k++) {
                char c = text.charAt(k);
                if (c == '\\' && k + 1 < end && PUNCTUATION.indexOf(text.charAt(k + 1)) >= 0) c = text.charAt(++k);
                out.append(c);
            }
            out.append('}');
            i = end + 1;
        }
        return out.append(text, i, text.length()).toString();
    }

    private static boolean hasLineBreak(String s, int from, int to) {
        for (int k = from; k < to; k++) if (s.charAt(k) == '\n' || s.charAt(k) == '\r') return true;
        return false;
    }

    private static void appendEscaped(StringBuilder out, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (PUNCTUATION.indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
    }

    /** The characters a backslash escapes in CommonMark (ASCII punctuation). */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** Back over spaces, and over one line break with the spaces before it. */
    private static int skipSpacesBack(String s, int index, int floor) {
        index = spacesBack(s, index, floor);
        if (index > floor && s.charAt(index - 1) == '\n') index--;
        if (index > floor && s.charAt(index - 1) == '\r') index--;
        return spacesBack(s, index, floor);
    }

    /** Forward over spaces, and over one line break with the spaces after it. */
    private static int skipSpacesForward(String s, int index) {
        index = spacesForward(s, index);
        if (index < s.length() && s.charAt(index) == '\r') index++;
        if (index < s.length() && s.charAt(index) == '\n') index++;
        return spacesForward(s, index);
    }

    private static int spacesBack(String s, int index, int floor) {
        while (index > floor && (s.charAt(index - 1) == ' ' || s.charAt(index - 1) == '\t')) index--;
        return index;
    }

    private static int spacesForward(String s, int index) {
        while (index < s.length() && (s.charAt(index) == ' ' || s.charAt(index) == '\t')) index++;
        return index;
    }
}
