package org.thinktrace.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a stream of token ids into text deltas as soon as they are stable.
 *
 * <p>Each {@link #push} decodes a short window: the ids of the last emitted delta (context, so decoders
 * that treat the first token specially, such as SentencePiece's leading-space strip, behave as in a full
 * decode) followed by the ids not yet emitted. The new text is what the window decodes to beyond its
 * context. While that text ends in U+FFFD (a multi-byte character whose bytes have not all arrived), the
 * delta is held back; so is a run of byte-fallback tokens ({@code <0xNN>}), which HF decodes as a whole
 * (valid UTF-8 or one U+FFFD per byte), until a token that is not a byte ends it. After each emission the window restarts at the emitted ids, so the work per token is
 * constant and a long stream costs O(n).
 *
 * <p>Contract: the concatenation of every {@link #push} result and the final {@link #flush} equals
 * {@link ModelTokenizer#decode} of all pushed ids with the same {@code skipSpecial}. An instance belongs to
 * one stream and one thread; create one per generation.
 */
public final class IncrementalDetokenizer {

    private static final char REPLACEMENT = '\uFFFD';

    private final ModelTokenizer tokenizer;
    private final boolean skipSpecial;
    /** The ids of the last emitted delta, then the ids not yet emitted. */
    private final List<Integer> window = new ArrayList<>();
    /** How many leading ids of {@link #window} were already emitted (the context). */
    private int contextSize;

    /** A detokenizer that drops special tokens (BOS, EOS) from the text, keeping non-special added tokens. */
    public IncrementalDetokenizer(ModelTokenizer tokenizer) {
        this(tokenizer, true);
    }

    public IncrementalDetokenizer(ModelTokenizer tokenizer, boolean skipSpecial) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.skipSpecial = skipSpecial;
    }

    /** Adds one id; returns the text that became stable (possibly empty). */
    public String push(int id) {
        window.add(id);
        if (tokenizer.isFallbackByte(id)) {
            return "";
        }
        String context = decode(window.subList(0, contextSize));
        String text = decode(window);
        if (text.length() <= context.length() || text.charAt(text.length() - 1) == REPLACEMENT) {
            return "";
        }
        window.subList(0, contextSize).clear();
        contextSize = window.size();
        return text.substring(context.length());
    }

    /** Returns whatever is still held back (an incomplete character shows as U+FFFD) and starts afresh. */
    public String flush() {
        String context = decode(window.subList(0, contextSize));
        String text = decode(window);
        window.clear();
        contextSize = 0;
        return text.length() > context.length() ? text.substring(context.length()) : "";
    }

    /** How many ids the next decode will look at (context plus held ids): stays small on a long stream. */
    int windowSize() {
        return window.size();
    }

    private String decode(List<Integer> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray(), skipSpecial);
    }
}
