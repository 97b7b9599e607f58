package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * Several continuations of one prompt decoded together: B branches that share the keys and values of the prefix
 * cached in a {@link Decoder} (read in place, never copied) and each hold their own tokens after it. A
 * {@link #step} advances any subset of the branches by one token each in one pass, so the weights are read once
 * for all of them: decoding is bound by reading the weights, so B branches cost little more than one.
 *
 * <p>Contract: made by {@link Decoder#branches(int, int)}; while it is open the decoder's cache must not change
 * (the decoder's {@code forward} and {@code truncate} throw {@link IllegalStateException}), and closing it frees
 * the branches' caches and lets the decoder go on. Each branch {@code b} holds {@link #length(int) length(b)}
 * tokens after the prefix; the logits a step returns for it are those the decoder would return after being fed
 * the prefix and then the branch's tokens. Not thread-safe: the thread that owns the decoder owns its branches.
 * No native memory escapes a call.
 */
public final class BranchDecoder implements AutoCloseable {

    private final Decoder decoder;
    private final DecoderStack stack;
    private final KvCache prefix;
    private final int prefixLength;
    private final NDManager workManager;
    private final KvCache[] caches;
    private final int[] lengths;
    private final int capacity;
    private boolean closed;

    /**
     * @param capacity the most tokens each branch may add after the prefix
     */
    BranchDecoder(Decoder decoder, DecoderStack stack, KvCache prefix, int prefixLength, NDManager parent,
                  int branches, int capacity) {
        if (branches < 1) {
            throw new IllegalArgumentException("a branch decoder needs at least one branch, got " + branches);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("each branch must hold at least one token, got a capacity of " + capacity);
        }
        if (prefixLength + capacity > decoder.contextLength()) {
            throw new IllegalArgumentException("a prefix of " + prefixLength + " tokens and " + capacity
                    + " tokens per branch exceed the context length " + decoder.contextLength());
        }
        this.decoder = decoder;
        this.stack = stack;
        this.prefix = prefix;
        this.prefixLength = prefixLength;
        this.capacity = capacity;
        this.workManager = parent.newSubManager();
        this.caches = new KvCache[branches];
        this.lengths = new int[branches];
        try {
            for (int b = 0; b < branches; b++) {
                caches[b] = new KvCache(workManager, stack.config(), capacity);
            }
        } catch (RuntimeException e) {
            workManager.close();
            throw e;
        }
    }

    /** Number of branches. */
    public int branches() {
        return caches.length;
    }

    /** Tokens of the shared prefix. */
    public int prefixLength() {
        return prefixLength;
    }

    /** Tokens branch {@code branch} holds after the prefix. */
    public int length(int branch) {
        checkBranch(branch);
        return lengths[branch];
    }

    /** The most tokens a branch may hold after the prefix. */
    public int capacity() {
        return capacity;
    }

    /** Drops a branch's own tokens, so that it starts again right after the prefix. */
    public void restart(int branch) {
        ensureOpen();
        checkBranch(branch);
        lengths[branch] = 0;
    }

    /**
     * Appends {@code ids[i]} to branch {@code branches[i]} for every i, in one pass.
     *
     * @param branches distinct branch indices (any subset, in any order)
     * @param ids      one token id per listed branch
     * @return per listed branch, in the same order, the logits for its next token (length {@code vocabSize})
     * @throws IllegalArgumentException when the arrays differ in length or are empty, a branch is listed twice or
     *                                  is full, or an id lies outside the vocabulary
     */
    public float[][] step(int[] branches, int[] ids) {
        ensureOpen();
        if (branches.length == 0 || branches.length != ids.length) {
            throw new IllegalArgumentException("a step needs one id per branch, got " + branches.length
                    + " branches and " + ids.length + " ids");
        }
        boolean[] seen = new boolean[caches.length];
        int vocab = stack.config().vocabSize();
        int[] positions = new int[branches.length];
        BranchCache[] rows = new BranchCache[branches.length];
        for (int i = 0; i < branches.length; i++) {
            int b = branches[i];
            checkBranch(b);
            if (seen[b]) {
                throw new IllegalArgumentException("branch " + b + " is listed twice in one step");
            }
            seen[b] = true;
            if (lengths[b] >= capacity) {
                throw new IllegalArgumentException("branch " + b + " is full: it holds " + capacity + " tokens");
            }
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[i] + " is outside the vocabulary [0, " + vocab + ")");
            }
            positions[i] = prefixLength + lengths[b];
            rows[i] = new BranchCache(prefix, prefixLength, caches[b], lengths[b]);
        }
        int count = branches.length;
        float[][] out = new float[count][];
        try (NDScope scope = new NDScope(); NDManager step = workManager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray idArray = step.create(ids).reshape(count, 1);                       // [B, 1]
            RopeInputs rotations = RopeInputs.rotations(stack.rope(), step, positions);  // [B, 1, D, D]
            NDArray x = stack.embed(idArray);                                            // [B, 1, H]
            for (int i = 0; i < stack.config().numHiddenLayers(); i++) {
                int layer = i;
                x = Decoder.inOwnScope(step, x, in -> stack.attentionBlockBranches(layer, in, rotations, rows)); // [B, 1, H]
                x = Decoder.inOwnScope(step, x, in -> stack.mlpBlock(layer, in));                                // [B, 1, H]
            }
            float[] logits = stack.logits(x).toFloatArray();                             // [B, 1, V] -> [B*V]
            for (int i = 0; i < count; i++) {
                out[i] = java.util.Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
            }
        }
        for (int b : branches) {
            lengths[b]++;
        }
        return out;
    }

    private void checkBranch(int branch) {
        if (branch < 0 || branch >= caches.length) {
            throw new IllegalArgumentException("branch " + branch + " does not exist: there are " + caches.length);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the branch decoder is closed");
        }
    }

    /** Frees the branches' caches; the decoder may change its cache again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (KvCache cache : caches) {
            if (cache != null) {
                cache.close();
            }
        }
        workManager.close();
        decoder.branchesClosed(this);
    }
}
