package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The inference decoder for Qwen2, Llama and Qwen3 checkpoints: {@link DecoderStack} over
 * {@link DecoderWeights} plus a preallocated {@link KvCache}.
 *
 * <p>Each {@link #forward(int[])} call runs in its own native-memory scope (an {@link NDScope}
 * and a sub-manager closed before the call returns, with a nested sub-manager per layer), so
 * nothing but the weights, the KV cache and a few constants outlives a call, and a prefill holds
 * the activations of one layer at a time. A prompt of T tokens is one pass with a causal mask
 * (prefill); a single token attends to the whole cache without a mask (decode).
 */
public final class Decoder implements CausalLM {

    private final NDManager ownedRoot;
    private final DecoderWeights weights;
    private final DecoderStack stack;
    private final ProjectionKernel kernel;
    private final KvCache cache;
    /** A single sequence's decode steps in Java, or null when they run on {@link #stack}. */
    private final JavaDecodeStep javaStep;
    private final NDManager workManager;
    private final int contextLength;
    private int position;
    private boolean closed;
    private BranchDecoder openBranches;

    /**
     * A decoder over {@code weights}, which it owns from now on (closing the decoder closes them).
     *
     * @param contextLimit the most tokens the KV cache holds; capped at {@code max_position_embeddings}
     * @param kernel       how projections are computed; closed with the decoder when it is {@link AutoCloseable}
     */
    public Decoder(DecoderWeights weights, int contextLimit, ProjectionKernel kernel) {
        this(null, weights, contextLimit, kernel);
    }

    private Decoder(NDManager ownedRoot, DecoderWeights weights, int contextLimit, ProjectionKernel kernel) {
        if (contextLimit < 1) {
            throw new IllegalArgumentException("context length must be at least 1, got " + contextLimit);
        }
        this.ownedRoot = ownedRoot;
        this.weights = weights;
        this.contextLength = Math.min(contextLimit, weights.config().maxPositionEmbeddings());
        this.kernel = kernel;
        this.stack = new DecoderStack(weights, kernel);
        this.workManager = weights.manager().getParentManager().newSubManager();
        this.cache = new KvCache(workManager, weights.config(), contextLength);
        this.javaStep = JavaDecodeStep.forOrNull(weights, kernel, cache, stack.rope(), DecodeArithmetic.best(),
                workManager);
    }

    /** A decoder computing every projection with PyTorch's own threading. */
    public Decoder(DecoderWeights weights, int contextLimit) {
        this(weights, contextLimit, ProjectionKernel.SERIAL);
    }

    /**
     * Loads the model in {@code folder} ({@code config.json}, {@code generation_config.json},
     * safetensors files), or a single GGUF file named {@code *.gguf}, each file read once, into a
     * decoder with its own native memory; otherwise as
     * {@link #load(ModelConfig, SafetensorsCheckpoint, RuntimeSettings, int, LoadProgress)}.
     *
     * @throws ModelLoadException naming the file and field or tensor when the folder is not a usable model
     */
    public static Decoder load(Path folder, RuntimeSettings settings, int contextLimit, LoadProgress progress) {
        if (GgufFile.isGgufPath(folder)) {
            return loadGguf(folder, settings, contextLimit, progress);
        }
        ModelConfig config = ModelConfigLoader.load(folder);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder, maxTensors(config))) {
            return load(config, checkpoint, settings, contextLimit, progress);
        }
    }

    /**
     * Loads a GGUF file: its config from the metadata ({@link GgufModelConfig}), its weights in the precision
     * {@link GgufWeightPrecision} chooses for {@code settings}' (quantized weights converted, the choice logged).
     */
    private static Decoder loadGguf(Path file, RuntimeSettings settings, int contextLimit, LoadProgress progress) {
        GgufFile gguf = GgufFile.read(file);
        ModelConfig config = GgufModelConfig.read(gguf);
        GgufWeightPrecision choice = GgufWeightPrecision.choose(gguf, settings.cpuPrecision());
        if (!choice.note().isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Decoder.class).info("{}: {}", file, choice.note());
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(gguf, config)) {
            return load(config, checkpoint, settings.withCpuPrecision(choice.precision()), contextLimit, progress);
        }
    }

    /**
     * Reads the weights {@code config} needs from an opened {@code checkpoint} (which stays open: the caller
     * owns it) into a decoder with its own native memory, in the precision of {@code settings}; with two or
     * more threads, decode steps split their projections over two threads ({@link RowSplitKernel}, or
     * {@link QuantizedProjectionKernel} for INT8 and Q4).
     *
     * @param contextLimit the most tokens the KV cache holds (capped at {@code max_position_embeddings})
     * @param progress     told the checkpoint bytes read after each tensor; interrupting the calling
     *                     thread cancels loading with a {@link java.util.concurrent.CancellationException}
     *                     and frees what was read
     * @throws ModelLoadException naming the file and tensor when the checkpoint does not fit the config
     */
    public static Decoder load(ModelConfig config, SafetensorsCheckpoint checkpoint, RuntimeSettings settings,
                               int contextLimit, LoadProgress progress) {
        NDManager root = NDManager.newBaseManager();
        try {
            DecoderWeights weights = DecoderWeights.load(config, checkpoint, root, settings.cpuPrecision(), progress);
            return new Decoder(root, weights, contextLimit, kernelFor(weights, settings.threads()));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * The projection kernel for inference on {@code weights}: quantized weights get
     * {@link QuantizedProjectionKernel}; FP16 weights on the CPU {@link FbgemmFp16Kernel} when
     * {@link FbgemmFp16Kernel#PROPERTY} says {@code fbgemm} and fbgemm can be loaded (else logged); others, with two
     * or more threads, {@link RowSplitKernel}.
     */
    static ProjectionKernel kernelFor(DecoderWeights weights, int threads) {
        if (weights.isQuantized()) {
            return new QuantizedProjectionKernel(weights, threads);
        }
        if (isFp16OnCpu(weights) && FbgemmFp16Kernel.chosen()) {
            FbgemmFp16Kernel fbgemm = FbgemmFp16Kernel.loadOrNull(weights, threads);
            if (fbgemm != null) {
                return fbgemm;
            }
        }
        return threads >= 2 ? new RowSplitKernel(weights, threads) : ProjectionKernel.SERIAL;
    }

    private static boolean isFp16OnCpu(DecoderWeights weights) {
        NDArray head = weights.lmHead();
        return head.getDataType() == ai.djl.ndarray.types.DataType.FLOAT16
                && head.getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU);
    }

    /**
     * The most tensors a checkpoint for {@code config} may list: four times what the decoder reads, plus room for
     * the buffers some exports add (rotary frequencies, tied heads).
     */
    public static int maxTensors(ModelConfig config) {
        return 4 * ParameterSpec.all(config).size() + 256;
    }

    @Override
    public ModelConfig config() {
        return weights.config();
    }

    @Override
    public float[] forward(int[] ids) {
        ensureOpen();
        ensureNoBranches();
        if (ids.length == 0) {
            throw new IllegalArgumentException("forward needs at least one token id");
        }
        if (position + ids.length > contextLength) {
            throw new IllegalArgumentException("sequence of " + (position + ids.length)
                    + " tokens exceeds the context length " + contextLength);
        }
        int vocab = config().vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        int length = ids.length;
        if (length == 1 && javaStep != null) {
            float[] logits = javaStep.logits(ids[0], position);
            position++;
            return logits;
        }
        try (NDScope scope = new NDScope(); NDManager step = workManager.newSubManager()) {
            scope.suppressNotUsedWarning();
            // one sub-manager per half layer: the attention's intermediates (the scores) are freed before the
            // MLP runs, and the MLP's [T, I] arrays before the next layer (DecoderStack.lastLogits)
            int start = position;
            float[] logits = stack.lastLogits(step, ids, start, layer -> DecoderStack.cacheStore(cache, layer, start));
            position += length;
            return logits;
        }
    }

    /**
     * Runs {@code block} on {@code x} in a sub-manager of {@code step}: x and the block's
     * intermediates are freed when it returns, its result is kept in {@code step}.
     */
    static NDArray inOwnScope(NDManager step, NDArray x, UnaryOperator<NDArray> block) {
        try (NDManager scope = step.newSubManager()) {
            x.attach(scope);
            NDArray out = block.apply(x);
            out.attach(step);
            return out;
        }
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void truncate(int length) {
        ensureOpen();
        ensureNoBranches();
        if (length < 0 || length > position) {
            throw new IllegalArgumentException("cannot truncate " + position + " cached tokens to " + length);
        }
        position = length;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /**
     * Opens {@code count} branches that continue the tokens cached now ({@link BranchDecoder}): each starts right
     * after them and may add up to {@code capacity} tokens. Until the branches are closed this decoder's cache
     * is read by them and must not change: {@link #forward} and {@link #truncate} throw.
     *
     * @throws IllegalStateException    when branches are already open
     * @throws IllegalArgumentException when count or capacity is below 1, or the prefix and capacity exceed the
     *                                  context length
     */
    @Override
    public BranchDecoder branches(int count, int capacity) {
        if (count < 1) {
            throw new IllegalArgumentException("a branch decoder needs at least one branch, got " + count);
        }
        int[] prefixLengths = new int[count];
        java.util.Arrays.fill(prefixLengths, position);
        return branchesAt(prefixLengths, capacity);
    }

    /**
     * Opens branches that continue the tokens cached now cut at several lengths: branch b reads the first
     * {@code prefixLengths[b]} cached positions and may add up to {@code capacity} tokens after them (its own prompt
     * first, through {@link BranchDecoder#extend}), or up to the context's end where that comes first
     * ({@link BranchDecoder#room}). Until the branches are closed this decoder's cache must not change.
     *
     * @throws IllegalStateException    when branches are already open
     * @throws IllegalArgumentException when there is no branch, a prefix length is negative or above the cached
     *                                  tokens, capacity is below 1, the shortest prefix and capacity exceed the
     *                                  context length, or a prefix fills it
     */
    @Override
    public BranchDecoder branchesAt(int[] prefixLengths, int capacity) {
        ensureOpen();
        ensureNoBranches();
        openBranches = new BranchDecoder(this, stack, javaStep, cache, prefixLengths, position, workManager, capacity);
        return openBranches;
    }

    @Override
    public boolean decodesBranches() {
        return true;
    }

    /** Called by {@link BranchDecoder#close()}. */
    void branchesClosed(BranchDecoder branches) {
        if (openBranches == branches) {
            openBranches = null;
        }
    }

    private void ensureNoBranches() {
        if (openBranches != null) {
            throw new IllegalStateException("the decoder's cache is shared by open branches; close them first");
        }
    }

    /** The parameters this decoder runs on. */
    public DecoderWeights weights() {
        return weights;
    }

    /** Bytes reserved by the KV cache. */
    public long cacheBytes() {
        return cache.byteSize();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (openBranches != null) {
            openBranches.close();
        }
        if (kernel instanceof AutoCloseable closeable) {
            closeKernel(closeable);
        }
        cache.close();
        workManager.close();
        stack.close();
        weights.close();
        if (ownedRoot != null) {
            ownedRoot.close();
        }
    }

    private static void closeKernel(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + closeable, e);
        }
    }
}
