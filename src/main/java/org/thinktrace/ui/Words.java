package org.thinktrace.ui;

import java.text.BreakIterator;
import javafx.scene.control.IndexRange;

/** Where words begin and end in a text, by the JDK's word rules ({@link BreakIterator#getWordInstance()}). */
final class Words {

    private Words() {
    }

    /**
     * The word that holds character {@code index} of {@code text}: its characters {@code [start, end)}. A character
     * outside any word (a space, a punctuation mark) gives the run between the word boundaries around it; an empty
     * text gives an empty range at 0. {@code index} is clamped to the text.
     */
    static IndexRange around(String text, int index) {
        if (text.isEmpty()) return new IndexRange(0, 0);
        int at = Math.max(0, Math.min(index, text.length() - 1));
        BreakIterator words = BreakIterator.getWordInstance();
        words.setText(text);
        int end = words.following(at);
        int start = words.previous();
        return new IndexRange(start, end == BreakIterator.DONE ? text.length() : end);
    }
}
