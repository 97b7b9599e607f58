package org.thinktrace.train;

import org.thinktrace.text.ByteLevelAlphabet;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the pre-tokens of a corpus, written in the {@link ByteLevelAlphabet}: the input of
 * {@link BpeTrainer}. Added tokens ({@link R1SpecialToken}) are cut out first, as the HuggingFace
 * runtime does before pre-tokenising, so they never take part in merges.
 */
final class PreTokenCounter {

    private final Map<String, Long> counts = new HashMap<>();

    /** Adds the pre-tokens of one text. */
    void add(String text) {
        int start = 0;
        while (start < text.length()) {
            int nextSpecial = -1;
            R1SpecialToken found = null;
            for (R1SpecialToken t : R1SpecialToken.values()) {
                int at = text.indexOf(t.content(), start);
                if (at >= 0 && (nextSpecial < 0 || at < nextSpecial)) {
                    nextSpecial = at;
                    found = t;
                }
            }
            int end = found == null ? text.length() : nextSpecial;
            countSegment(text.substring(start, end));
            start = found == null ? end : end + found.content().length();
        }
    }

    private void countSegment(String segment) {
        for (String piece : Qwen2PreTokenizer.split(segment)) {
            counts.merge(ByteLevelAlphabet.encode(piece), 1L, Long::sum);
        }
    }

    /** The counts so far (a live view). */
    Map<String, Long> counts() {
        return counts;
    }
}
