package org.thinktrace.inspect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A passage the trace repeats {@link LoopDetector#MIN_REPEATS} times or more.
 *
 * @param kind        a whole step repeated, or a long run of words
 * @param text        the repeated text as it first occurs
 * @param occurrences every occurrence, in order
 */
public record TraceLoop(Kind kind, String text, List<Occurrence> occurrences) {

    /** What repeats. */
    public enum Kind {
        /** A whole step, compared after normalisation. */
        STEP,
        /** A run of at least {@link LoopDetector#NGRAM_WORDS} words. */
        NGRAM;

        /** {@code step} or {@code ngram}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One occurrence of the repeated passage.
     *
     * @param step  index of the step it starts in
     * @param chars where it lies in the thinking text
     */
    public record Occurrence(int step, Span chars) {
    }

    public TraceLoop {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        occurrences = List.copyOf(occurrences);
    }
}
