package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a thinking text into steps.
 *
 * <p>Rules:
 * <ol>
 *   <li>Every line (text between line breaks) that is not blank is a step candidate. R1 writes a paragraph per
 *       line with blank lines between them; small models and lists put one step per line.</li>
 *   <li>A line longer than {@link #LONG_LINE} characters is split into sentences: a sentence ends at
 *       {@code .}, {@code !} or {@code ?} (optionally followed by closing quotes, brackets or {@code **}) that is
 *       followed by whitespace and then by anything but a lower-case letter; "e.g.", "i.e.", "vs.", "approx." and
 *       "cf." do not end a sentence.</li>
 *   <li>Within such a line, a sentence shorter than {@link #SHORT_SENTENCE} characters joins the sentence after
 *       it ("Wait." stays with what it doubts); a short last sentence joins the one before.</li>
 * </ol>
 * Step ranges exclude the surrounding whitespace: they are disjoint, in order, and only whitespace lies between
 * (and around) them.
 *
 * <p>Stable under appending: the steps of a prefix of a text that end before the prefix's last line break are
 * exactly the first steps of the whole text, since a line is split by looking at that line alone. A streaming
 * view may therefore keep the steps up to the last complete line and re-segment only the rest.
 */
public final class StepSegmenter {

    /** Lines longer than this many characters are split into sentences. */
    public static final int LONG_LINE = 400;
    /** Sentences shorter than this many characters (inside a long line) are merged with a neighbour. */
    public static final int SHORT_SENTENCE = 40;

    private StepSegmenter() {
    }

    /** The character ranges of the steps of {@code text}, in order. */
    public static List<Span> segment(String text) {
        return segment(text, 0);
    }

    /**
     * The steps of {@code text} from {@code lineStart} on, which must be 0 or just after a line break: the same
     * ranges as the steps of {@link #segment(String)} that start there or later.
     */
    public static List<Span> segment(String text, int lineStart) {
        if (lineStart < 0 || lineStart > text.length() || lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
            throw new IllegalArgumentException("a segmentation must start at a line start, not at " + lineStart);
        }
        List<Span> steps = new ArrayList<>();
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = n;
            addLine(text, lineStart, lineEnd, steps);
            lineStart = lineEnd + 1;
        }
        return steps;
    }

    private static void addLine(String text, int start, int end, List<Span> steps) {
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (start == end) return;
        if (end - start <= LONG_LINE) {
            steps.add(new Span(start, end));
            return;
        }
        List<Span> sentences = sentences(text, start, end);
        List<Span> merged = new ArrayList<>();
        int pendingFrom = -1;
        for (Span s : sentences) {
            int from = pendingFrom >= 0 ? pendingFrom : s.from();
            if (s.to() - from < SHORT_SENTENCE) {
                pendingFrom = from;
                continue;
            }
            merged.add(new Span(from, s.to()));
            pendingFrom = -1;
        }
        if (pendingFrom >= 0) {
            if (merged.isEmpty()) {
                merged.add(new Span(pendingFrom, end));
            } else {
                Span last = merged.removeLast();
                merged.add(new Span(last.from(), end));
            }
        }
        steps.addAll(merged);
    }

    /** Sentence ranges of the line {@code [start, end)}, trimmed; they cover every non-blank character. */
    private static List<Span> sentences(String text, int start, int end) {
        List<Span> out = new ArrayList<>();
        int from = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') continue;
            int j = i + 1;
            while (j < end && isCloser(text.charAt(j))) j++;
            if (j >= end || !Character.isWhitespace(text.charAt(j))) continue;
            int next = j;
            while (next < end && Character.isWhitespace(text.charAt(next))) next++;
            if (next >= end || Character.isLowerCase(text.charAt(next))) continue;
            if (c == '.' && isAbbreviation(text, from, i)) continue;
            out.add(new Span(from, j));
            from = next;
            i = next - 1;
        }
        if (from < end) out.add(new Span(from, end));
        return out;
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '”' || c == '’';
    }

    /** The word ending at the full stop {@code dot} is an abbreviation that does not end a sentence. */
    private static boolean isAbbreviation(String text, int sentenceFrom, int dot) {
        int w = dot;
        while (w > sentenceFrom && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) w--;
        String word = text.substring(w, dot).toLowerCase(java.util.Locale.ROOT);
        return switch (word) {
            case "e.g", "i.e", "vs", "approx", "cf" -> true;
            default -> false;
        };
    }
}
