package org.thinktrace.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Finding text as a person searches it: case-insensitive (character by character, as
 * {@link String#regionMatches(boolean, int, String, int, int)} compares, so a match has the needle's length and
 * its positions are positions in the original text), matches left to right and never overlapping; and the
 * snippet around a match.
 */
public final class TextSearch {

    /** Words of context a snippet keeps on each side of the match. */
    public static final int SNIPPET_WORDS = 5;
    /** The most characters of context a snippet keeps on each side, however long the words are. */
    public static final int SNIPPET_MAX_SIDE = 60;

    private TextSearch() {
    }

    /**
     * A match with some words either side, whitespace collapsed to single spaces.
     *
     * @param before    the context before the match (ends with a space when a word boundary precedes the match)
     * @param match     the matched text as written in the source
     * @param after     the context after the match
     * @param cutBefore the source goes on before {@code before}
     * @param cutAfter  the source goes on after {@code after}
     */
    public record Snippet(String before, String match, String after, boolean cutBefore, boolean cutAfter) {

        /** "…before match after…". */
        @Override
        public String toString() {
            return (cutBefore ? "…" : "") + before + match + after + (cutAfter ? "…" : "");
        }
    }

    /** Where {@code needle} starts in {@code text}, ignoring case; none for a blank needle. */
    public static List<Integer> starts(String text, String needle) {
        List<Integer> out = new ArrayList<>();
        int n = needle.length();
        if (needle.isBlank()) return out;
        int last = text.length() - n;
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, n)) {
                out.add(i);
                i += n - 1;
            }
        }
        return out;
    }

    /** The first start of {@code needle} in {@code text}, ignoring case, or −1. */
    public static int first(String text, String needle) {
        if (needle.isBlank()) return -1;
        int last = text.length() - needle.length();
        for (int i = 0; i <= last; i++) if (text.regionMatches(true, i, needle, 0, needle.length())) return i;
        return -1;
    }

    /**
     * The snippet of {@code text} around {@code [from, to)}: the rest of the words the match starts and ends in, then
     * up to {@code words} whole words (runs of non-whitespace) on each side, at most {@link #SNIPPET_MAX_SIDE}
     * characters a side.
     */
    public static Snippet snippet(String text, int from, int to, int words) {
        int start = from;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) start--;
        for (int k = 0; k < words && start > 0; k++) {
            while (start > 0 && Character.isWhitespace(text.charAt(start - 1))) start--;
            while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) start--;
        }
        int end = to;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        for (int k = 0; k < words && end < text.length(); k++) {
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) end++;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        }
        String before = collapse(text.substring(start, from)).stripLeading();
        String after = collapse(text.substring(to, end)).stripTrailing();
        boolean cutBefore = start > 0;
        boolean cutAfter = end < text.length();
        if (before.length() > SNIPPET_MAX_SIDE) {
            int cut = before.length() - SNIPPET_MAX_SIDE;
            if (Character.isLowSurrogate(before.charAt(cut))) cut++; // never half a character
            before = before.substring(cut);
            cutBefore = true;
        }
        if (after.length() > SNIPPET_MAX_SIDE) {
            int cut = SNIPPET_MAX_SIDE;
            if (Character.isHighSurrogate(after.charAt(cut - 1))) cut--;
            after = after.substring(0, cut);
            cutAfter = true;
        }
        return new Snippet(before, collapse(text.substring(from, to)), after, cutBefore, cutAfter);
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
