package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Caps runs of combining marks for display. JavaFX lays out a character followed by a run of combining marks in time
 * that grows with the square of the run: "Zalgo" text (one letter under thousands of accents) stalls the FX thread for
 * seconds. Real writing stacks only a few marks on a character (Vietnamese, Hebrew with points, Devanagari or Thai at
 * most about four), so a run longer than {@link #MAX_RUN} is shown cut to that many; the text itself (copied, saved,
 * searched in the model) is left whole. Where offsets of the text must be found in what is shown (the trace views'
 * heat, marks and pointer), {@link #cap} says where the cuts are.
 */
final class CombiningMarks {

    /** The most combining marks shown in a row. */
    static final int MAX_RUN = 8;

    private CombiningMarks() {
    }

    /** {@code text} with each run of combining marks cut to {@link #MAX_RUN}; the same string when none is longer. */
    static String capped(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            run = isMark(c) ? run + 1 : 0;
            if (run > MAX_RUN) return cut(text, i);
            i += Character.charCount(c);
        }
        return text;
    }

    /** {@code text} capped, given that {@code text[0, from)} needs no cut and {@code from} starts the first excess mark. */
    private static String cut(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        int run = MAX_RUN;
        for (int i = from; i < text.length(); ) {
            int c = text.codePointAt(i);
            run = isMark(c) ? run + 1 : 0;
            if (run <= MAX_RUN) out.appendCodePoint(c);
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /**
     * A text as shown with its runs of marks capped, and where the shown characters are in the text: the text's
     * characters {@code [cutStarts[k], cutEnds[k])} are not shown (the marks past {@link #MAX_RUN} of run k).
     *
     * @param shown     the capped text
     * @param cutStarts where each cut starts in the text, ascending
     * @param cutEnds   where each cut ends (exclusive) in the text
     */
    record Capped(String shown, int[] cutStarts, int[] cutEnds) {

        /**
         * Where offset {@code offset} of the text is in the shown text: an offset inside a cut is where the cut
         * was made (after the marks shown).
         */
        int toShown(int offset) {
            int removed = 0;
            for (int k = 0; k < cutStarts.length && offset > cutStarts[k]; k++) {
                removed += Math.min(offset, cutEnds[k]) - cutStarts[k];
            }
            return offset - removed;
        }

        /**
         * Where offset {@code offset} of the shown text is in the text: a character shown right after a cut is the
         * one after the marks cut, so the gap after the marks shown is after the marks cut too (a selection that
         * takes the marks shown takes the whole run).
         */
        int toText(int offset) {
            int removed = 0;
            for (int k = 0; k < cutStarts.length && cutStarts[k] - removed <= offset; k++) {
                removed += cutEnds[k] - cutStarts[k];
            }
            return offset + removed;
        }
    }

    /** {@code text} with each run of marks cut to {@link #MAX_RUN}, and where the cuts are. */
    static Capped cap(String text) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            run = isMark(c) ? run + 1 : 0;
            if (run == MAX_RUN + 1) starts.add(i);
            i += Character.charCount(c);
            if (run > MAX_RUN && (i >= text.length() || !isMark(text.codePointAt(i)))) ends.add(i);
        }
        if (starts.isEmpty()) return new Capped(text, new int[0], new int[0]);
        StringBuilder shown = new StringBuilder(text.length());
        int from = 0;
        for (int k = 0; k < starts.size(); k++) {
            shown.append(text, from, starts.get(k));
            from = ends.get(k);
        }
        shown.append(text, from, text.length());
        return new Capped(shown.toString(), starts.stream().mapToInt(Integer::intValue).toArray(),
                ends.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether {@code c} is a combining mark: nonspacing (Mn), enclosing (Me) or spacing (Mc). */
    static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
