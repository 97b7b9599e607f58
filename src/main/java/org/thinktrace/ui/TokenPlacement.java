package org.thinktrace.ui;

import java.util.Arrays;
import org.thinktrace.inspect.Span;
import org.thinktrace.inspect.TokenAlignment;
import org.thinktrace.inspect.TraceTokens;

/**
 * Where each token of a response lies in the inspector's text (the thinking, then the answer at an offset), found
 * with {@link TokenAlignment}; a token that matches no text has no place ({@link #from} is −1).
 */
final class TokenPlacement {

    static final TokenPlacement NONE = new TokenPlacement(new int[0], new int[0], new float[0]);

    private final int[] from;
    private final int[] to;
    private final float[] probability;

    private TokenPlacement(int[] from, int[] to, float[] probability) {
        this.from = from;
        this.to = to;
        this.probability = probability;
    }

    /** Places {@code tokens}' thinking tokens in {@code thinking} and its answer tokens in {@code answer} at {@code answerOffset}. */
    static TokenPlacement of(TraceTokens tokens, String thinking, String answer, int answerOffset) {
        int n = tokens.size();
        int thinkingCount = tokens.thinkingTokens();
        int[] from = new int[n];
        int[] to = new int[n];
        float[] p = new float[n];
        Arrays.fill(from, -1);
        Arrays.fill(to, -1);
        TokenAlignment inThinking = TokenAlignment.align(thinking, tokens.thinkingTexts());
        for (int i = 0; i < thinkingCount; i++) place(inThinking.chars(i), 0, i, from, to);
        java.util.List<String> answerTexts = new java.util.ArrayList<>(n - thinkingCount);
        for (int i = thinkingCount; i < n; i++) answerTexts.add(tokens.get(i).text());
        TokenAlignment inAnswer = TokenAlignment.align(answer, answerTexts);
        for (int i = thinkingCount; i < n; i++) place(inAnswer.chars(i - thinkingCount), answerOffset, i, from, to);
        for (int i = 0; i < n; i++) p[i] = tokens.get(i).p();
        return new TokenPlacement(from, to, p);
    }

    private static void place(Span chars, int offset, int i, int[] from, int[] to) {
        if (chars == null) return;
        from[i] = chars.from() + offset;
        to[i] = chars.to() + offset;
    }

    int size() {
        return from.length;
    }

    int from(int i) {
        return from[i];
    }

    int to(int i) {
        return to[i];
    }

    float probability(int i) {
        return probability[i];
    }

    /**
     * The confidence heat of a text {@code length} characters long: each placed token's {@link HeatScale} bin over
     * its characters, {@link HeatScale#NONE} elsewhere (a token that overlaps the one before it is left out).
     */
    byte[] heatBins(int length) {
        byte[] bins = new byte[length];
        Arrays.fill(bins, HeatScale.NONE);
        int at = 0;
        for (int i = 0; i < from.length; i++) {
            int start = from[i];
            int end = Math.min(length, to[i]);
            if (start < at || start >= end) continue;
            Arrays.fill(bins, start, end, (byte) HeatScale.bin(probability[i]));
            at = end;
        }
        return bins;
    }

    /** The token whose text covers character {@code charIndex}, or −1. */
    int tokenAt(int charIndex) {
        int lo = 0;
        int hi = from.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int start = from[mid];
            if (start < 0) {
                // unplaced tokens: fall back to a scan of the neighbourhood
                return scan(charIndex);
            }
            if (charIndex < start) hi = mid - 1;
            else if (charIndex >= to[mid]) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    private int scan(int charIndex) {
        for (int i = 0; i < from.length; i++) if (from[i] >= 0 && charIndex >= from[i] && charIndex < to[i]) return i;
        return -1;
    }
}
