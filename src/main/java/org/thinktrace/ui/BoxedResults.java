package org.thinktrace.ui;

/**
 * Finds {@code \boxed{…}} (R1's way of marking a final result) in Markdown before it is parsed, so the
 * renderer can show it highlighted. Each {@code \boxed{content}}, together with math delimiters hugging
 * it ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}), becomes {@link #START} content {@link #END}:
 * private-use characters that Markdown leaves alone. Braces inside the content may nest; an unclosed
 * {@code \boxed{} is left as written.
 */
final class BoxedResults {

    static final char START = '\uE000';
    static final char END = '\uE001';

    private static final String COMMAND = "\\boxed{";
    private static final String[][] DELIMITERS = {{"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}, {"$", "$"}};

    private BoxedResults() {
    }

    static String mark(String markdown) {
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
            out.append(markdown, i, from).append(START)
                    .append(markdown, at + COMMAND.length(), close).append(END);
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

    private static int skipSpacesBack(String s, int index, int floor) {
        while (index > floor && s.charAt(index - 1) == ' ') index--;
        return index;
    }

    private static int skipSpacesForward(String s, int index) {
        while (index < s.length() && s.charAt(index) == ' ') index++;
        return index;
    }
}
