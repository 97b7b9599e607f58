package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several sequences decoded together: B branches that share the keys and values of the prefix cached in a
 * {@link Decoder} (read in place, never copied), each continuing all of it or only its first tokens
 * ({@link Decoder#branchesAt}), and each hold their own tokens after it, in one row each of a cache of B rows.
 * {@link #extend} runs several tokens of one branch (its own prompt after its prefix); a {@link #step} advances any
 * subset of the branches by one token each in one pass, so the weights are read once for all of them: decoding is
 * bound by reading the weights, or for a small model by the number of ops, so B branches cost little more than one.
 * Where the decoder computes its single steps in Java ({@link JavaDecodeStep}), a step of branches runs there too,
 * each branch attending over its prefix and then its own row, with no PyTorch call on quantized weights and one per
 * group of projections on FP32 and FP16 ones. Otherwise every op of a step runs once for all listed branches on
 * {@link DecoderStack}: their own keys are read up to the longest branch and masked (as are prefix positions past a
 * branch's cut), and a step of n branches reads the first n rows of the cache in place: before it, a branch listed
 * in it that sits further down exchanges rows with one that is not listed, so a branch that has ended costs one such
 * exchange, not a copy of every listed row at every later step.
 *
 * <p>Contract: made by {@link Decoder#branches(int, int)} or {@link Decoder#branchesAt}; while it is open the
 * decoder's cache must not change (the decoder's {@code forward} and {@code truncate} throw
 * {@link IllegalStateException}), and closing it frees the branches' caches and lets the decoder go on. Each branch
 * {@code b} holds {@link #length(int) length(b)} tokens after its prefix of {@link #prefixLength(int)
 * prefixLength(b)} tokens; the logits a step returns for it are those the decoder would return after being fed that
 * prefix and then the branch's tokens. Not thread-safe: the thread that owns the decoder owns its branches.
 * No native memory escapes a call.
 */
public final class BranchDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BranchDecoder.class);

    private final Decoder decoder;
    private final DecoderStack stack;
    /** The decoder's Java step, or null when steps run on {@link #stack}. */
    private final JavaDecodeStep javaStep;
    /** The memory of {@link #own} for {@link #javaStep}; null when steps run on {@link #stack}. */
    private final JavaDecodeStep.CacheMemory ownMemory;
    private final KvCache prefix;
    /** Per branch, the positions of {@link #prefix} it reads: the tokens cached when the branches opened, or fewer. */
    private final int[] prefixLengths;
    private final NDManager workManager;
    /** The branches' own tokens, branch b's in row {@code rowOf[b]}. */
    private final KvCache own;
    private final int[] lengths;
    /** The row of {@link #own} that holds each branch's tokens; {@link #branchAt} is its inverse. */
    private final int[] rowOf;
    private final int[] branchAt;
    private final int capacity;
    private final int contextLength;
    /**
     * Positions {@code [0, cleared)} of every row of {@link #own} hold finite numbers (written or zeroed): a step on
     * {@link DecoderStack} reads every row up to the longest, and a masked position's probability 0 times a NaN of
     * uninitialised memory would still be NaN. Nothing is ever written at or after it before it moves past.
     */
    private int cleared;
    private boolean closed;

    /**
     * @param javaStep      the decoder's Java step over {@code prefix}, or null when its steps run on {@code stack}
     * @param prefixLengths per branch, the cached positions of {@code prefix} it continues (at most {@code cached})
     * @param cached        the positions {@code prefix} holds
     * @param capacity      the most tokens a branch may add after its prefix; a branch whose prefix leaves less room in
     *                      the context holds only that room ({@link #room})
     */
    BranchDecoder(Decoder decoder, DecoderStack stack, JavaDecodeStep javaStep, KvCache prefix, int[] prefixLengths,
                  int cached, NDManager parent, int capacity) {
        int branches = prefixLengths.length;
        if (branches < 1) {
            throw new IllegalArgumentException("a branch decoder needs at least one branch, got " + branches);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("each branch must hold at least one token, got a capacity of " + capacity);
        }
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int b = 0; b < branches; b++) {
            if (prefixLengths[b] < 0 || prefixLengths[b] > cached) {
                throw new IllegalArgumentException("branch " + b + " continues " + prefixLengths[b]
                        + " tokens of a cache that holds " + cached);
            }
            shortest = Math.min(shortest, prefixLengths[b]);
            longest = Math.max(longest, prefixLengths[b]);
        }
        // no branch can use more than the context leaves after the shortest prefix; each must have room for a token
        if (shortest + capacity > decoder.contextLength() || longest >= decoder.contextLength()) {
            throw new IllegalArgumentException("prefixes of " + shortest + " to " + longest + " tokens and " + capacity
                    + " tokens per branch exceed the context length " + decoder.contextLength());
        }
        this.decoder = decoder;
        this.stack = stack;
        this.prefix = prefix;
        this.prefixLengths = prefixLengths.clone();
        this.capacity = capacity;
        this.contextLength = decoder.contextLength();
        this.workManager = parent.newSubManager();
        this.lengths = new int[branches];
        this.rowOf = new int[branches];
        this.branchAt = new int[branches];
        for (int b = 0; b < branches; b++) {
            rowOf[b] = b;
            branchAt[b] = b;
        }
        try {
            this.own = new KvCache(workManager, stack.config(), branches, capacity);
        } catch (RuntimeException e) {
            workManager.close();
            throw e;
        }
        this.ownMemory = javaStep == null ? null : ownMemoryOrNull(own, stack.config());
        this.javaStep = ownMemory == null ? null : javaStep;
    }

    /** The memory of the branches' cache for the Java step, or null (logged) when PyTorch does not expose it. */
    private static JavaDecodeStep.CacheMemory ownMemoryOrNull(KvCache own, ModelConfig config) {
        try {
            return JavaDecodeStep.CacheMemory.of(own, config);
        } catch (IllegalStateException e) {
            LOG.warn("steps of branches stay on PyTorch calls: {}", e.getMessage(), e);
            return null;
        }
    }

    /** Number of branches. */
    public int branches() {
        return lengths.length;
    }

    /** Tokens of the cached prefix that branch {@code branch} continues. */
    public int prefixLength(int branch) {
        checkBranch(branch);
        return prefixLengths[branch];
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

    /** The most tokens branch {@code branch} may hold: the capacity, or less where its prefix leaves less context. */
    public int room(int branch) {
        checkBranch(branch);
        return Math.min(capacity, contextLength - prefixLengths[branch]);
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
        boolean[] seen = new boolean[lengths.length];
        int vocab = stack.config().vocabSize();
        for (int i = 0; i < branches.length; i++) {
            int b = branches[i];
            checkBranch(b);
            if (seen[b]) {
                throw new IllegalArgumentException("branch " + b + " is listed twice in one step");
            }
            seen[b] = true;
            if (lengths[b] >= room(b)) {
                throw new IllegalArgumentException("branch " + b + " is full: it holds " + room(b) + " tokens");
            }
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token id " + ids[i] + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        float[][] out = javaStep != null ? javaLogits(branches, ids) : stackLogits(branches, ids, seen);
        for (int b : branches) {
            lengths[b]++;
        }
        return out;
    }

    /**
     * The step on the Java step: each listed branch attends over the prefix and its own row of the branches' cache,
     * wherever that row is (the Java step reads only positions that were written, so rows are neither moved nor
     * cleared).
     */
    private float[][] javaLogits(int[] branches, int[] ids) {
        JavaDecodeStep.StepRow[] rows = new JavaDecodeStep.StepRow[branches.length];
        for (int i = 0; i < rows.length; i++) {
            int b = branches[i];
            rows[i] = new JavaDecodeStep.StepRow(ids[i], javaStep.cacheMemory(), prefixLengths[b], ownMemory, rowOf[b],
                    lengths[b] + 1);
        }
        return javaStep.logits(rows);
    }

    /**
     * The step on {@link DecoderStack}'s PyTorch calls, every op once for all listed branches: they are moved into the
     * first rows of the branches' cache, which is read up to the longest of them (the rest masked).
     */
    private float[][] stackLogits(int[] branches, int[] ids, boolean[] seen) {
        int longest = 0;
        for (int b : branches) longest = Math.max(longest, lengths[b] + 1);
        clearUpTo(longest);
        int count = branches.length;
        moveToFirstRows(branches, seen);
        // the step's row r is branch branchAt[r]: inputs in row order, results back in the caller's order
        int[] listedAt = new int[lengths.length];
        for (int i = 0; i < count; i++) listedAt[branches[i]] = i;
        int[] rowIds = new int[count];
        int[] rowPositions = new int[count];
        int[] rowLengths = new int[count];
        int[] rowPrefixes = new int[count];
        for (int r = 0; r < count; r++) {
            int b = branchAt[r];
            rowIds[r] = ids[listedAt[b]];
            rowPositions[r] = prefixLengths[b] + lengths[b];
            rowLengths[r] = lengths[b];
            rowPrefixes[r] = prefixLengths[b];
        }
        int vocab = stack.config().vocabSize();
        float[][] out = new float[count][];
        try (NDScope scope = new NDScope(); NDManager step = workManager.newSubManager()) {
            scope.suppressNotUsedWarning();
            BranchCache rows = BranchCache.of(prefix, rowPrefixes, own, rowLengths, step);
            NDArray idArray = step.create(rowIds).reshape(count, 1);                    // [B, 1]
            RopeInputs rotations = RopeInputs.rotations(stack.rope(), step, rowPositions); // [B, D, D]
            NDArray x = stack.embed(idArray);                                            // [B, 1, H]
            for (int i = 0; i < stack.config().numHiddenLayers(); i++) {
                int layer = i;
                x = Decoder.inOwnScope(step, x, in -> stack.attentionBlockBranches(layer, in, rotations, rows)); // [B, 1, H]
                x = Decoder.inOwnScope(step, x, in -> stack.mlpBlock(layer, in));                                // [B, 1, H]
            }
            float[] logits = stack.logits(x).toFloatArray();                             // [B, 1, V] -> [B*V]
            for (int r = 0; r < count; r++) {
                out[listedAt[branchAt[r]]] = java.util.Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
            }
        }
        return out;
    }

    /**
     * Appends several tokens to one branch in one pass (a branch's own prompt after the shared prefix), as the
     * decoder's {@code forward} does for its cache.
     *
     * @return the logits for the branch's next token (length {@code vocabSize})
     * @throws IllegalArgumentException when {@code ids} is empty, does not fit the branch's room, or holds an id
     *                                  outside the vocabulary
     */
    public float[] extend(int branch, int[] ids) {
        ensureOpen();
        checkBranch(branch);
        if (ids.length == 0) {
            throw new IllegalArgumentException("extending a branch needs at least one token id");
        }
        if (lengths[branch] + ids.length > room(branch)) {
            throw new IllegalArgumentException("branch " + branch + " holds " + lengths[branch] + " of " + room(branch)
                    + " tokens: " + ids.length + " more do not fit");
        }
        int vocab = stack.config().vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        int length = ids.length;
        int start = prefixLengths[branch] + lengths[branch];
        int ownLength = lengths[branch];
        clearUpTo(ownLength + length);
        float[] logits;
        try (NDScope scope = new NDScope(); NDManager step = workManager.newSubManager()) {
            scope.suppressNotUsedWarning();
            int row = rowOf[branch];
            logits = stack.lastLogits(step, ids, start,
                    layer -> DecoderStack.rowStore(prefix, prefixLengths[branch], own, row, ownLength, layer));
        }
        lengths[branch] += length;
        return logits;
    }

    /**
     * Moves the {@code listed} branches (marked in {@code isListed}) into rows {@code [0, listed.length)}: each listed
     * branch in a later row exchanges rows with an unlisted branch in one of those, their tokens with them.
     */
    private void moveToFirstRows(int[] listed, boolean[] isListed) {
        int count = listed.length;
        int free = 0; // the next row before count that may hold an unlisted branch
        for (int b : listed) {
            if (rowOf[b] < count) continue;
            while (isListed[branchAt[free]]) free++;
            int other = branchAt[free];
            int from = rowOf[b];
            own.swapRows(free, from, Math.max(lengths[b], lengths[other]));
            branchAt[free] = b;
            branchAt[from] = other;
            rowOf[b] = free;
            rowOf[other] = from;
        }
    }

    /** Positions cleared at once: clearing runs about once per this many steps of the longest branch. */
    private static final int CLEAR_CHUNK = 64;

    /**
     * Makes positions {@code [0, end)} of every row finite before anything is written or read there, for steps on
     * {@link DecoderStack}, which read every row up to the longest; not with the Java step, which reads only written
     * positions (clearing would erase what its steps wrote).
     */
    private void clearUpTo(int end) {
        if (javaStep != null || end <= cleared) return;
        int to = Math.min(capacity, Math.max(end, cleared + CLEAR_CHUNK));
        own.clear(cleared, to);
        cleared = to;
    }

    private void checkBranch(int branch) {
        if (branch < 0 || branch >= lengths.length) {
            throw new IllegalArgumentException("branch " + branch + " does not exist: there are " + lengths.length);
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
        own.close();
        workManager.close();
        decoder.branchesClosed(this);
    }
}
