package org.thinktrace.model;

/**
 * A loaded decoder with its KV cache: feed it token ids, get next-token logits.
 *
 * <p>Contract: not thread-safe; one thread (the generation thread) owns an instance from the first
 * call to {@link #close()}. {@link #forward(int[])} appends the ids to the cached sequence at
 * positions {@code [position(), position() + ids.length)} (a whole prompt in one call is the
 * prefill; one id per call is decoding) and returns the logits of the last of them, a fresh
 * {@code float[vocabSize]} owned by the caller. No native memory escapes a call.
 */
public interface CausalLM extends AutoCloseable {

    /** The shapes of this model. */
    ModelConfig config();

    /**
     * Runs the decoder over {@code ids} after the cached ones.
     *
     * @return logits for the token after the last id, length {@code config().vocabSize()}
     * @throws IllegalArgumentException when ids is empty or the sequence would exceed {@link #contextLength()}
     */
    float[] forward(int[] ids);

    /** Number of tokens in the KV cache (the position of the next token). */
    int position();

    /** Drops cached tokens beyond {@code length} so that generation can resume from a shared prefix. */
    void truncate(int length);

    /** Empties the KV cache. */
    default void reset() {
        truncate(0);
    }

    /** The largest number of tokens the cache holds. */
    int contextLength();

    /** Whether {@link #branches} decodes continuations together. */
    default boolean decodesBranches() {
        return false;
    }

    /**
     * Opens {@code count} branches that continue the tokens cached now, decoded together ({@link BranchDecoder});
     * until they are closed, this model's cache must not change.
     *
     * @throws UnsupportedOperationException when {@link #decodesBranches()} is false
     */
    default BranchDecoder branches(int count, int capacity) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not decode branches");
    }

    /**
     * Opens branches that continue the tokens cached now cut at several lengths, branch b after the first
     * {@code prefixLengths[b]} of them ({@link BranchDecoder}); until they are closed, this model's cache must not
     * change.
     *
     * @throws UnsupportedOperationException when {@link #decodesBranches()} is false
     */
    default BranchDecoder branchesAt(int[] prefixLengths, int capacity) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not decode branches");
    }

    /** Frees the weights and the cache. */
    @Override
    void close();
}
