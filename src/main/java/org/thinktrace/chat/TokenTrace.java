package org.thinktrace.chat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

/**
 * The generated tokens of one response with their probabilities, stored compactly: ids as an int array,
 * probabilities and entropies as IEEE half floats (2 bytes each, Base64 in JSON), and optionally the top
 * alternatives of every step as a flat array of {@code size() × alternativesPerToken} ids (−1 where a step had
 * fewer) with their half-float probabilities, and the text of every alternative id once. The thinking tokens come
 * first: token {@code i} is thinking iff {@code i < thinkingTokens}.
 *
 * <p>Probabilities, entropies and alternatives describe the model's own next-token distribution (temperature 1,
 * before penalties and sampling filters). Traces recorded before entropies were kept have none
 * ({@link #hasEntropies()} is false, {@link #entropy(int)} is NaN) and their alternatives have empty texts.
 *
 * <p>Arrays are shared, not copied: treat a trace as read-only. Use {@link Recorder} to build one.
 *
 * @param ids                      generated token ids, in order
 * @param texts                    the text of each token as the detokenizer saw it
 * @param probabilities            half-float probability of each chosen token
 * @param entropies                half-float entropy (nats) of each step's distribution; empty when not recorded
 * @param thinkingTokens           how many of the leading tokens are thinking
 * @param alternativesPerToken     how many alternatives each step keeps (0 = none stored)
 * @param alternativeIds           {@code size() × alternativesPerToken} ids, −1 for padding
 * @param alternativeProbabilities half floats parallel to {@code alternativeIds}
 * @param alternativeTexts         the text of each id in {@code alternativeIds}; empty when not recorded
 */
public record TokenTrace(int[] ids, List<String> texts, byte[] probabilities, byte[] entropies, int thinkingTokens,
                         int alternativesPerToken, int[] alternativeIds, byte[] alternativeProbabilities,
                         Map<Integer, String> alternativeTexts) {

    public TokenTrace {
        texts = List.copyOf(texts);
        entropies = entropies == null ? new byte[0] : entropies;
        alternativeTexts = alternativeTexts == null ? Map.of() : Map.copyOf(alternativeTexts);
        if (texts.size() != ids.length || probabilities.length != 2 * ids.length) {
            throw new IllegalArgumentException("token trace: " + ids.length + " ids, " + texts.size() + " texts and "
                    + probabilities.length / 2 + " probabilities must agree");
        }
        if (entropies.length != 0 && entropies.length != 2 * ids.length) {
            throw new IllegalArgumentException("token trace: " + entropies.length / 2 + " entropies for "
                    + ids.length + " tokens");
        }
        if (alternativesPerToken < 0 || alternativeIds.length != (long) ids.length * alternativesPerToken
                || alternativeProbabilities.length != 2L * alternativeIds.length) {
            throw new IllegalArgumentException("token trace: alternatives do not match " + ids.length + " tokens × "
                    + alternativesPerToken);
        }
    }

    /** A trace of no tokens. */
    public static TokenTrace empty() {
        return new TokenTrace(new int[0], List.of(), new byte[0], new byte[0], 0, 0, new int[0], new byte[0], Map.of());
    }

    public int size() {
        return ids.length;
    }

    /** The probability of token {@code i}, to half-float precision (about 3 significant digits). */
    public float probability(int i) {
        return halfAt(probabilities, i);
    }

    /** Whether this trace records each step's entropy (traces saved before it was recorded do not). */
    public boolean hasEntropies() {
        return entropies.length > 0 || ids.length == 0;
    }

    /** The entropy in nats of step {@code i}'s distribution, to half-float precision; NaN when not recorded. */
    public float entropy(int i) {
        Objects.checkIndex(i, ids.length);
        return entropies.length == 0 ? Float.NaN : halfAt(entropies, i);
    }

    /** Token {@code i} as the generator reported it (entropy NaN and alternatives without text in old traces). */
    public TokenInfo tokenInfo(int i) {
        return new TokenInfo(ids[i], texts.get(i), phase(i), probability(i), entropy(i), alternatives(i));
    }

    public Phase phase(int i) {
        return i < thinkingTokens ? Phase.THINKING : Phase.ANSWER;
    }

    /** The stored alternatives of step {@code i}, most likely first; empty when none were stored. */
    public List<TokenAlternative> alternatives(int i) {
        List<TokenAlternative> result = new ArrayList<>(alternativesPerToken);
        for (int k = 0; k < alternativesPerToken; k++) {
            int slot = i * alternativesPerToken + k;
            if (alternativeIds[slot] < 0) break;
            int id = alternativeIds[slot];
            result.add(new TokenAlternative(id, alternativeTexts.getOrDefault(id, ""),
                    halfAt(alternativeProbabilities, slot)));
        }
        return result;
    }

    /** Value equality (records compare arrays by identity). */
    public boolean sameAs(TokenTrace other) {
        return Arrays.equals(ids, other.ids) && texts.equals(other.texts)
                && Arrays.equals(probabilities, other.probabilities) && Arrays.equals(entropies, other.entropies)
                && thinkingTokens == other.thinkingTokens && alternativeTexts.equals(other.alternativeTexts)
                && alternativesPerToken == other.alternativesPerToken
                && Arrays.equals(alternativeIds, other.alternativeIds)
                && Arrays.equals(alternativeProbabilities, other.alternativeProbabilities);
    }

    private static float halfAt(byte[] bytes, int index) {
        return Float.float16ToFloat(ByteBuffer.wrap(bytes, 2 * index, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    }

    /**
     * Collects {@link TokenInfo} events into a {@link TokenTrace}. Not thread-safe: one generation thread feeds it,
     * and {@link #snapshot()} is called from that same thread or after it finished.
     */
    public static final class Recorder {
        private final int alternativesPerToken;
        private int[] ids = new int[256];
        private final List<String> texts = new ArrayList<>();
        private ByteBuffer probabilities = newBuffer(512);
        private ByteBuffer entropies = newBuffer(512);
        private final Map<Integer, String> alternativeTexts = new HashMap<>();
        private int[] alternativeIds;
        private ByteBuffer alternativeProbabilities;
        private int size;
        private int thinkingTokens;

        /** @param alternativesPerToken how many alternatives of each step to keep (0 keeps none) */
        public Recorder(int alternativesPerToken) {
            if (alternativesPerToken < 0) throw new IllegalArgumentException("alternatives per token must be >= 0");
            this.alternativesPerToken = alternativesPerToken;
            this.alternativeIds = new int[256 * alternativesPerToken];
            this.alternativeProbabilities = newBuffer(512 * alternativesPerToken);
        }

        public void add(TokenInfo token) {
            if (size == ids.length) grow();
            if (token.phase() == Phase.THINKING) {
                if (thinkingTokens != size) {
                    throw new IllegalStateException("thinking token " + size + " came after answer tokens");
                }
                thinkingTokens++;
            }
            ids[size] = token.id();
            texts.add(token.text());
            probabilities.putShort(Float.floatToFloat16(token.probability()));
            entropies.putShort(Float.floatToFloat16(token.entropy()));
            List<TokenAlternative> top = token.top();
            for (int k = 0; k < alternativesPerToken; k++) {
                boolean present = k < top.size();
                alternativeIds[size * alternativesPerToken + k] = present ? top.get(k).id() : -1;
                if (present) alternativeTexts.putIfAbsent(top.get(k).id(), top.get(k).text());
                alternativeProbabilities.putShort(Float.floatToFloat16(present ? top.get(k).probability() : 0f));
            }
            size++;
        }

        public int size() {
            return size;
        }

        public TokenTrace snapshot() {
            return new TokenTrace(Arrays.copyOf(ids, size), texts, bytes(probabilities), bytes(entropies),
                    thinkingTokens, alternativesPerToken, Arrays.copyOf(alternativeIds, size * alternativesPerToken),
                    bytes(alternativeProbabilities), alternativeTexts);
        }

        private void grow() {
            int capacity = ids.length * 2;
            ids = Arrays.copyOf(ids, capacity);
            alternativeIds = Arrays.copyOf(alternativeIds, capacity * alternativesPerToken);
            probabilities = newBuffer(2 * capacity).put(probabilities.flip());
            entropies = newBuffer(2 * capacity).put(entropies.flip());
            alternativeProbabilities = newBuffer(2 * capacity * alternativesPerToken).put(alternativeProbabilities.flip());
        }

        private static ByteBuffer newBuffer(int bytes) {
            return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        private static byte[] bytes(ByteBuffer buffer) {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
