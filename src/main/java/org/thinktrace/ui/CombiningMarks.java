package org.thinktrace.ui;

/**
 * Caps runs of combining marks for display. JavaFX lays out a character followed by a run of combining marks in time
 * that grows with the square of the run: "Zalgo" text (one letter under thousands of accents) stalls the FX thread for
 * seconds. Real writing stacks only a few marks on a character (Vietnamese, Hebrew with points, Devanagari or Thai at
 * most about four), so a run longer than {@link #MAX_RUN} is shown cut to that many; the text itself (copied, saved,
 * searched in the model) is left whole.
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

    /** Whether {@code c} is a combining mark: nonspacing (Mn), enclosing (Me) or spacing (Mc). */
    static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
