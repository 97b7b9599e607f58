package org.thinktrace.inspect;

import java.util.List;
import java.util.Objects;

/**
 * Where two versions of a response first part ways, as characters in each version's text, so that both places can
 * be shown.
 *
 * <p>With token data in both versions the place is token-exact: the token at {@link TraceComparison.Divergence#token()}
 * in each version, found in that version's thinking or answer with {@link TokenAlignment}. Without token data in
 * either, it is the word around the first character where the thinking texts differ, or, when the thinking texts
 * are equal, where the answers differ.
 *
 * @param a          the place in version A
 * @param b          the place in version B
 * @param tokenLevel found from the token ids (true) or from the text (false)
 */
public record DivergencePoint(Place a, Place b, boolean tokenLevel) {

    public DivergencePoint {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    /** Which text of a version a place is in. */
    public enum Part { THINKING, ANSWER }

    /**
     * A place in one version.
     *
     * @param part  the thinking or the answer
     * @param chars the diverging token's (or word's) characters in that text; empty where that version ended (or
     *              where the diverging token has no characters of its own, such as {@code </think>})
     */
    public record Place(Part part, Span chars) {

        public Place {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(chars, "chars");
        }
    }

    /**
     * Where {@code a} and {@code b} first differ; null when they do not differ (identical tokens, or without tokens
     * identical texts).
     *
     * @param divergence {@link TraceComparer#divergence} of the two, or null
     */
    public static DivergencePoint locate(InspectedResponse a, InspectedResponse b, TraceComparison.Divergence divergence) {
        if (a.hasTokens() && b.hasTokens()) {
            if (divergence == null) return null;
            return new DivergencePoint(placeOfToken(a, divergence.token()), placeOfToken(b, divergence.token()), true);
        }
        int inThinking = commonPrefix(a.thinking(), b.thinking());
        if (inThinking < a.thinking().length() || inThinking < b.thinking().length()) {
            return new DivergencePoint(new Place(Part.THINKING, wordAt(a.thinking(), inThinking)),
                    new Place(Part.THINKING, wordAt(b.thinking(), inThinking)), false);
        }
        int inAnswer = commonPrefix(a.answer(), b.answer());
        if (inAnswer == a.answer().length() && inAnswer == b.answer().length()) return null;
        return new DivergencePoint(new Place(Part.ANSWER, wordAt(a.answer(), inAnswer)),
                new Place(Part.ANSWER, wordAt(b.answer(), inAnswer)), false);
    }

    /** Token {@code t} of {@code response} in its text; past its last token, the end of its answer. */
    static Place placeOfToken(InspectedResponse response, int t) {
        TraceTokens tokens = response.tokens();
        int thinkingCount = tokens.thinkingTokens();
        if (t >= tokens.size()) return new Place(Part.ANSWER, new Span(response.answer().length(), response.answer().length()));
        if (t < thinkingCount) {
            TokenAlignment alignment = TokenAlignment.align(response.thinking(), tokens.thinkingTexts());
            return new Place(Part.THINKING, placed(alignment, t, response.thinking().length()));
        }
        List<String> answerTexts = tokens.tokens().subList(thinkingCount, tokens.size()).stream()
                .map(InspectedToken::text).toList();
        TokenAlignment alignment = TokenAlignment.align(response.answer(), answerTexts);
        return new Place(Part.ANSWER, placed(alignment, t - thinkingCount, response.answer().length()));
    }

    /** Token {@code i}'s characters; an unmapped token is placed, empty, where the next mapped one starts. */
    private static Span placed(TokenAlignment alignment, int i, int textLength) {
        Span own = alignment.chars(i);
        if (own != null) return own;
        for (int k = i + 1; k < alignment.size(); k++) {
            Span next = alignment.chars(k);
            if (next != null) return new Span(next.from(), next.from());
        }
        return new Span(textLength, textLength);
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }

    /** The word (letters and digits) around character {@code at}; a lone character when none; empty at the end. */
    static Span wordAt(String text, int at) {
        if (at >= text.length()) return new Span(text.length(), text.length());
        if (!Character.isLetterOrDigit(text.charAt(at))) return new Span(at, at + 1);
        int from = at;
        while (from > 0 && Character.isLetterOrDigit(text.charAt(from - 1))) from--;
        int to = at;
        while (to < text.length() && Character.isLetterOrDigit(text.charAt(to))) to++;
        return new Span(from, to);
    }
}
