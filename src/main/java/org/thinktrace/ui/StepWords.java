package org.thinktrace.ui;

import java.util.Arrays;

/** How the inspector names a thinking step in one line: its first words. */
final class StepWords {

    private static final int FIRST_WORDS = 8;

    private StepWords() {
    }

    /** The first words of a step's text, on one line, with "…" when cut. */
    static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length <= FIRST_WORDS) return CombiningMarks.capped(String.join(" ", words));
        return CombiningMarks.capped(String.join(" ", Arrays.copyOf(words, FIRST_WORDS))) + " …";
    }
}
