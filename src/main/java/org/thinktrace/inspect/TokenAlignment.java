package org.thinktrace.inspect;

import java.util.Arrays;
import java.util.List;

/**
 * Where each thinking token's text lies in the thinking text.
 *
 * <p>The thinking text is what the response parser kept: the tokens' texts joined, without {@code <think>}
 * and {@code </think>} and without the whitespace around them. Tokens are matched left to right against the
 * text: a token whose text is found at the cursor (after whitespace the parser trimmed, when the token starts
 * with whitespace) is mapped and the cursor moves past it; a token that does not match (a tag, a piece of a
 * multi-byte character that decodes to U+FFFD, trimmed whitespace) is left unmapped and matching resumes with
 * the next token, which may be found up to {@link #RESYNC_WINDOW} characters further on. Mapped ranges are
 * disjoint and increasing. Never throws on mismatching input.
 */
public final class TokenAlignment {

    /** How far past the cursor (in characters) a token may be found after unmatched tokens. */
    public static final int RESYNC_WINDOW = 16;

    private final int[] from;
    private final int[] to;
    private final int mapped;

    private TokenAlignment(int[] from, int[] to, int mapped) {
        this.from = from;
        this.to = to;
        this.mapped = mapped;
    }

    /** Aligns {@code tokenTexts} (the thinking tokens, in order) with {@code thinking}. */
    public static TokenAlignment align(String thinking, List<String> tokenTexts) {
        int n = tokenTexts.size();
        int[] from = new int[n];
        int[] to = new int[n];
        Arrays.fill(from, -1);
        Arrays.fill(to, -1);
        Cursor cursor = new Cursor();
        int mapped = 0;
        for (int i = 0; i < n; i++) {
            Span chars = cursor.next(thinking, tokenTexts.get(i));
            if (chars == null) continue;
            from[i] = chars.from();
            to[i] = chars.to();
            mapped++;
        }
        return new TokenAlignment(from, to, mapped);
    }

    /**
     * Matches tokens one at a time, left to right, exactly as {@link #align} does; for a text that grows while its
     * tokens arrive (a streaming response), where a token is matched once enough text has come after the cursor.
     */
    public static final class Cursor {

        private int cursor;
        private boolean lost;

        /**
         * Whether {@code text} already holds every character that matching {@code piece} may look at, so that
         * {@link #next} places it as it would in the finished text.
         */
        public boolean canMatch(String text, String piece) {
            return text.length() > skipWhitespace(text, cursor) + piece.length() + RESYNC_WINDOW;
        }

        /** The characters of the next token, whose text is {@code piece}, in {@code text}; null when it is unmapped. */
        public Span next(String text, String piece) {
            int at = find(text, piece, cursor, lost);
            int length = piece.length();
            if (at < 0) {
                String core = piece.strip();
                if (core.isEmpty()) return null; // whitespace the parser trimmed
                at = find(text, core, skipWhitespace(text, cursor), lost);
                length = core.length();
                if (at < 0) {
                    lost = true;
                    return null;
                }
            }
            cursor = at + length;
            lost = false;
            return new Span(at, cursor);
        }
    }

    private static int find(String text, String piece, int cursor, boolean lost) {
        if (piece.isEmpty()) return -1;
        if (text.startsWith(piece, cursor)) return cursor;
        if (!lost) return -1;
        int at = text.indexOf(piece, cursor);
        return at >= 0 && at - cursor <= RESYNC_WINDOW ? at : -1;
    }

    private static int skipWhitespace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** How many tokens were aligned. */
    public int size() {
        return from.length;
    }

    /** How many tokens were mapped to text. */
    public int mappedCount() {
        return mapped;
    }

    /** The characters of token {@code i}, or null when it is unmapped. */
    public Span chars(int i) {
        return from[i] < 0 ? null : new Span(from[i], to[i]);
    }

    /**
     * The token ranges of {@code steps} (character spans in order, as {@link StepSegmenter} gives them).
     * Step {@code k} starts at the first mapped token that ends after the step's first character (step 0 at
     * token 0) and ends where the next step starts; the last step ends after the last mapped token. The ranges
     * are contiguous. A step with no mapped token at or after it gets null, as do all steps when no token is
     * mapped.
     */
    public List<Span> stepTokens(List<Span> steps) {
        Span[] out = new Span[steps.size()];
        if (mapped == 0 || steps.isEmpty()) return Arrays.asList(out);
        int lastMapped = from.length - 1;
        while (from[lastMapped] < 0) lastMapped--;
        int end = lastMapped + 1;
        int[] starts = new int[steps.size()];
        int token = 0;
        for (int k = 0; k < steps.size(); k++) {
            int charFrom = steps.get(k).from();
            while (token < end && (to[token] < 0 || to[token] <= charFrom)) token++;
            starts[k] = k == 0 ? 0 : token;
        }
        for (int k = 0; k < steps.size(); k++) {
            int start = starts[k];
            int stop = k + 1 < steps.size() ? starts[k + 1] : end;
            if (start >= end) break;
            out[k] = new Span(start, Math.max(start, stop));
        }
        return Arrays.asList(out);
    }
}
