package org.thinktrace.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One decode step computed in Java, of a single sequence or of several rows together (the branches of a
 * {@link BranchDecoder}): the embedding rows, the residual streams, RMSNorm, RoPE, attention over the KV caches' own
 * memory ({@link KvCache#keyMemory}), SiLU gating and the logits are float arrays.
 * The projections go to the decoder's kernel: with quantized weights straight to the Java kernels
 * ({@link QuantizedProjectionKernel#multiply}), so a step makes no PyTorch call; several rows with FP16 weights to the
 * Java FP16 kernel on the weights' own memory ({@link HalfProducts}), likewise; otherwise one PyTorch product call per
 * group of projections ({@link ProjectionKernel#project} on an array of the step's rows). Several
 * rows meet each weight together, as {@link DecoderStack}'s batched step multiplies them, so the weights are read once
 * for all of them. {@link DecoderStack} makes some fifty PyTorch calls per layer, each allocating a tensor.
 *
 * <p>The math is {@link DecoderStack}'s for one token (the same projections, biases, Qwen3's per-head norms, rotate-half
 * RoPE, grouped-query attention: query head j reads kv head j / group), and the keys and values it writes at its
 * position are those {@link DecoderStack} would write, so prompts run by {@link DecoderStack} and steps run here share
 * one cache. A row attends over two segments of cache memory in turn ({@link StepRow}): the prefix its branch shares
 * with the others, read in place, then its own positions.
 *
 * <p>Not thread-safe; reads the weights and the cache it was made with, which the owner must keep open while it
 * uses it.
 */
final class JavaDecodeStep {

    private static final Logger LOG = LoggerFactory.getLogger(JavaDecodeStep.class);

    /**
     * {@code java} (the default) computes a single sequence's decode steps with this class;
     * {@code djl} keeps them on {@link DecoderStack}, as prompts are.
     */
    static final String PROPERTY = "thinktrace.decode.step";

    /**
     * Where a single row meets FP16 weights in a step in Java: {@code pytorch} (the default: PyTorch's FP16 product,
     * which on Zen 5 ran as fast as the Java kernel or faster) or {@code java} ({@link HalfProducts}, as several rows
     * always do), for measuring the two on other processors. Any other value is refused.
     */
    static final String HALF_SINGLE_ROW_PROPERTY = "thinktrace.fp16.singleRow";

    private final ModelConfig config;
    private final ProjectionKernel kernel;
    /** The kernel when it multiplies quantized weights in Java; null for FP32 and FP16 weights. */
    private final QuantizedProjectionKernel quantizedKernel;
    /**
     * The products of several rows in Java when every projection's weight is FP16 on the CPU and the kernel is
     * PyTorch's (not fbgemm's); null otherwise. One row stays on the kernel: side by side on a Zen 5 processor, the
     * Java product of one row ran at 0.7-1.2 x PyTorch's FP16 one, of eight rows at 2.2-2.5 x (docs/benchmarks.md).
     */
    private final HalfProducts halfProducts;
    /** Whether a single row goes to {@link #halfProducts} too ({@link #HALF_SINGLE_ROW_PROPERTY} says {@code java}). */
    private final boolean halfSingleRowInJava;
    private final DecodeArithmetic arithmetic;
    private final RotaryEmbedding rope;
    private final NDArray embeddings;
    /** The parent of the manager that holds each step's embedding row for a moment. */
    private final NDManager scratchParent;
    private final Layer[] layers;
    private final float[] finalNorm;
    private final Projection lmHead;
    /** The memory of the single sequence's cache this step was made with. */
    private final CacheMemory cache;
    /** Per attention task (a row's kv head), the scores of its query heads against every attended position. */
    private float[][] scores = new float[0][];

    /** One layer's parameters as the step reads them (small ones as floats, matrices as the kernel takes them). */
    private record Layer(float[] inputNorm, Projection q, Projection k, Projection v, float[] qNorm, float[] kNorm,
                         Projection o, float[] postNorm, Projection gate, Projection up, Projection down) {
    }

    /**
     * The memory of a KV cache as the step reads and writes it: per layer, keys and values
     * [rows, kvHeads, capacity, headDim] FP32 ({@link KvCache#keyMemory}). Valid while the cache is open.
     */
    record CacheMemory(ByteBuffer[] keys, ByteBuffer[] values, int kvHeads, int capacity, int headDim) {

        /**
         * @throws IllegalStateException when PyTorch does not expose the cache's memory or a layer's array exceeds
         *                               what one buffer addresses
         */
        static CacheMemory of(KvCache cache, ModelConfig config) {
            int layers = config.numHiddenLayers();
            ByteBuffer[] keys = new ByteBuffer[layers];
            ByteBuffer[] values = new ByteBuffer[layers];
            for (int i = 0; i < layers; i++) {
                keys[i] = cache.keyMemory(i);
                values[i] = cache.valueMemory(i);
            }
            return new CacheMemory(keys, values, config.numKeyValueHeads(), cache.capacity(), config.headDim());
        }

        /** The float index of position {@code position} of kv head {@code kvHead} in row {@code row}. */
        int at(int row, int kvHead, int position) {
            return ((row * kvHeads + kvHead) * capacity + position) * headDim;
        }
    }

    /**
     * One row of a step: token {@code id} attends over positions {@code [0, sharedLength)} of row 0 of {@code shared}
     * (none when {@code sharedLength} is 0), then positions {@code [0, ownLength)} of row {@code ownRow} of
     * {@code own}, the last of which receives its key and value; its position in the sequence is
     * {@code sharedLength + ownLength - 1}.
     *
     * @param shared null when {@code sharedLength} is 0
     */
    record StepRow(int id, CacheMemory shared, int sharedLength, CacheMemory own, int ownRow, int ownLength) {

        StepRow {
            if (ownLength < 1 || sharedLength < 0 || sharedLength > 0 && shared == null) {
                throw new IllegalArgumentException("a step row attends over its new token: own length " + ownLength
                        + ", shared length " + sharedLength);
            }
        }

        /** The row's position in its sequence (its RoPE position). */
        int position() {
            return sharedLength + ownLength - 1;
        }

        /** Positions the row attends over. */
        int attended() {
            return sharedLength + ownLength;
        }
    }

    private JavaDecodeStep(DecoderWeights weights, ProjectionKernel kernel, KvCache cache,
                           RotaryEmbedding rope, DecodeArithmetic arithmetic, NDManager scratchParent) {
        this.config = weights.config();
        this.kernel = kernel;
        this.quantizedKernel = kernel instanceof QuantizedProjectionKernel quantized ? quantized : null;
        this.arithmetic = arithmetic;
        this.rope = rope;
        this.embeddings = weights.embedTokens();
        this.scratchParent = scratchParent;
        this.layers = new Layer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            LayerWeights w = weights.layer(i);
            layers[i] = new Layer(floats(w.inputLayernorm()), new Projection(w.qProj(), w.qBias()),
                    new Projection(w.kProj(), w.kBias()), new Projection(w.vProj(), w.vBias()),
                    floats(w.qNorm()), floats(w.kNorm()), new Projection(w.oProj(), null),
                    floats(w.postAttentionLayernorm()), new Projection(w.gateProj(), null),
                    new Projection(w.upProj(), null), new Projection(w.downProj(), null));
        }
        this.finalNorm = floats(weights.norm());
        this.lmHead = new Projection(weights.lmHead(), null);
        this.cache = CacheMemory.of(cache, config);
        this.halfProducts = quantizedKernel != null || kernel instanceof FbgemmFp16Kernel ? null
                : HalfProducts.forOrNull(HalfGemv.best(), kernel instanceof LaneSharing lanes ? lanes : null, projections());
        this.halfSingleRowInJava = halfProducts != null
                && KernelSwitch.isOn(HALF_SINGLE_ROW_PROPERTY, "pytorch", "java", "pytorch", "java");
    }

    /** Every projection the step multiplies, the {@code lm_head} last. */
    private List<Projection> projections() {
        List<Projection> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(List.of(l.q(), l.k(), l.v(), l.o(), l.gate(), l.up(), l.down()));
        all.add(lmHead);
        return all;
    }

    /** The memory of the single sequence's cache this step was made with (a {@link BranchDecoder}'s shared prefix). */
    CacheMemory cacheMemory() {
        return cache;
    }

    /**
     * The Java step for a decoder of these weights on this kernel and one-sequence cache, or null when its steps must
     * stay on {@link DecoderStack}: {@link #PROPERTY} says {@code djl}; the weights are not on the CPU; some weights
     * are quantized but the kernel is not a {@link QuantizedProjectionKernel} multiplying every projection and the
     * {@code lm_head} in Java; or PyTorch does not expose the cache's memory, or a norm weight is of a type the step
     * cannot read (logged).
     *
     * @param arithmetic    the attention and gating arithmetic ({@link DecodeArithmetic#best()} in the app)
     * @param scratchParent a manager (not the weights') under which each step's few PyTorch arrays live for a moment
     */
    static JavaDecodeStep forOrNull(DecoderWeights weights, ProjectionKernel kernel, KvCache cache,
                                    RotaryEmbedding rope, DecodeArithmetic arithmetic, NDManager scratchParent) {
        if (!enabled() || cache.rows() != 1
                || !weights.embedTokens().getDevice().getDeviceType().equals(Device.Type.CPU)
                || weights.isQuantized() && !(kernel instanceof QuantizedProjectionKernel quantized
                        && quantized.multipliesEveryMatrixInJava() && everyProjectionQuantized(weights))) {
            return null;
        }
        try {
            return new JavaDecodeStep(weights, kernel, cache, rope, arithmetic, scratchParent);
        } catch (IllegalStateException e) {
            LOG.warn("decode steps stay on PyTorch calls: {}", e.getMessage(), e);
            return null;
        }
    }

    /** Whether {@link #PROPERTY} lets decode steps run in Java (where the weights allow). */
    static boolean enabled() {
        return KernelSwitch.isOn(PROPERTY, "java", "java", "java", "djl");
    }

    private static boolean everyProjectionQuantized(DecoderWeights weights) {
        int perLayer = 7;
        return weights.quantizedProjections().size() == perLayer * weights.config().numHiddenLayers() + 1;
    }

    /** A norm weight as FP32 values; null for null. */
    private static float[] floats(NDArray parameter) {
        if (parameter == null) {
            return null;
        }
        if (parameter.getDataType() == DataType.FLOAT32) {
            return parameter.toFloatArray();
        }
        // read as bytes: a converted copy would belong to the weights' manager until the model is closed
        ByteBuffer bytes = parameter.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[Math.toIntExact(parameter.size())];
        for (int i = 0; i < values.length; i++) {
            short bits = bytes.getShort(i * Short.BYTES);
            values[i] = switch (parameter.getDataType()) {
                case FLOAT16 -> HalfFloats.f16ToFloat(bits);
                case BFLOAT16 -> HalfFloats.bf16ToFloat(bits);
                default -> throw new IllegalStateException("a norm weight of type " + parameter.getDataType());
            };
        }
        return values;
    }

    /**
     * Runs token {@code id} at {@code position}: writes its keys and values there in every layer and attends over
     * positions {@code [0, position]}.
     *
     * @param position the tokens already cached (below the cache's capacity; the caller checks)
     * @return the logits (length {@code vocabSize})
     */
    float[] logits(int id, int position) {
        return logits(new StepRow[] {new StepRow(id, null, 0, cache, 0, position + 1)})[0];
    }

    /**
     * Runs one token per row, all rows together: each row's keys and values are written at the last of its own
     * positions in every layer, and it attends over its shared and own positions ({@link StepRow}).
     *
     * @param rows at least one; no two rows write the same position of the same cache (the caller checks positions
     *             against capacities)
     * @return per row, in order, the logits (length {@code vocabSize})
     */
    float[][] logits(StepRow[] rows) {
        int count = rows.length;
        float[][] x = new float[count][];                                           // [B][H]
        float[][] cos = new float[count][];                                         // [B][D]
        float[][] sin = new float[count][];                                         // [B][D]
        for (int r = 0; r < count; r++) {
            x[r] = embedding(rows[r].id());
            cos[r] = rope.cosines(rows[r].position(), 1);
            sin[r] = rope.sines(rows[r].position(), 1);
        }
        for (int i = 0; i < layers.length; i++) {
            attentionBlock(i, x, cos, sin, rows);
            mlpBlock(layers[i], x);
        }
        return project(rmsNorms(x, finalNorm), lmHead)[0];                          // [B][V]
    }

    /** {@code x += o_proj(attention(input_layernorm(x)))} per row, each row's key and value written at its position. */
    private void attentionBlock(int index, float[][] x, float[][] cos, float[][] sin, StepRow[] rows) {
        Layer layer = layers[index];
        int headDim = config.headDim();
        float[][][] qkv = project(rmsNorms(x, layer.inputNorm()), layer.q(), layer.k(), layer.v());
        int kvHeads = config.numKeyValueHeads();
        for (int r = 0; r < rows.length; r++) {
            float[] q = qkv[0][r];                                                  // [heads * D]
            float[] k = qkv[1][r];                                                  // [kvHeads * D]
            float[] v = qkv[2][r];                                                  // [kvHeads * D]
            for (int head = 0; head < config.numAttentionHeads(); head++) {
                prepareHead(q, head * headDim, layer.qNorm(), cos[r], sin[r]);
            }
            StepRow row = rows[r];
            CacheMemory own = row.own();
            for (int head = 0; head < kvHeads; head++) {
                prepareHead(k, head * headDim, layer.kNorm(), cos[r], sin[r]);
                int at = own.at(row.ownRow(), head, row.ownLength() - 1);          // [rows, kvHeads, capacity, D]
                for (int d = 0; d < headDim; d++) {
                    own.keys()[index].putFloat((at + d) * Float.BYTES, k[head * headDim + d]);
                    own.values()[index].putFloat((at + d) * Float.BYTES, v[head * headDim + d]);
                }
            }
        }
        float[][] o = project(attend(index, qkv[0], rows), layer.o())[0];          // [B][H]
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] += o[r][i];
            }
        }
    }

    /** Qwen3's RMSNorm over one head's features (when {@code norm} is not null), then RoPE, in place. */
    private void prepareHead(float[] values, int offset, float[] norm, float[] cos, float[] sin) {
        int headDim = config.headDim();
        if (norm != null) {
            float[] normed = rmsNorm(values, norm, offset, headDim);
            System.arraycopy(normed, 0, values, offset, headDim);
        }
        int half = headDim / 2;
        for (int i = 0; i < half; i++) {
            float first = values[offset + i];
            float second = values[offset + i + half];
            values[offset + i] = first * cos[i] - second * sin[i];                  // x·cos + (-x₂)·sin
            values[offset + i + half] = second * cos[i + half] + first * sin[i + half]; // x₂·cos + x₁·sin
        }
    }

    /**
     * Grouped-query attention of every row's query heads over its attended positions: query head j against kv head
     * j / group. One task per row and kv head (its group of query heads), shared with the kernel's worker
     * ({@link LaneSharing#inLanes}) once the rows' cache reads are long enough to repay the hand-off.
     *
     * @param q per row, [heads * D] rotated queries
     * @return per row, [heads * D] the heads' contexts
     */
    private float[][] attend(int index, float[][] q, StepRow[] rows) {
        int kvHeads = config.numKeyValueHeads();
        int group = config.groupSize();
        int tasks = rows.length * kvHeads;
        int longest = 0;
        long attended = 0;
        for (StepRow row : rows) {
            longest = Math.max(longest, row.attended());
            attended += row.attended();
        }
        growScores(tasks, group * longest);
        float[][] context = new float[rows.length][q[0].length];
        IntConsumer task = t -> attendGroup(index, q[t / kvHeads], rows[t / kvHeads], t % kvHeads, scores[t],
                context[t / kvHeads]);
        if (attended >= SHARED_ATTENTION_POSITIONS && kernel instanceof LaneSharing lanes) {
            lanes.inLanes(tasks, task);
        } else {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
        }
        return context;
    }

    /** Makes {@link #scores} hold at least {@code tasks} arrays of at least {@code length} floats. */
    private void growScores(int tasks, int length) {
        if (scores.length < tasks) {
            scores = java.util.Arrays.copyOf(scores, tasks);
        }
        int capacity = cache.capacity() * config.groupSize();
        for (int t = 0; t < tasks; t++) {
            if (scores[t] == null || scores[t].length < length) {
                int current = scores[t] == null ? 0 : scores[t].length;
                scores[t] = new float[Math.max(length, Math.min(capacity, 2 * current))];
            }
        }
    }

    /**
     * The query heads of kv head {@code g} of one row over its shared, then its own positions, into their slices of
     * {@code context}: {@link #ATTENTION_BLOCK} positions at a time for every head of the group, so that each key and
     * value is read from memory once for the group and from the nearest cache by its other heads.
     *
     * @param groupScores at least [group, attended] floats
     */
    private void attendGroup(int index, float[] q, StepRow row, int g, float[] groupScores, float[] context) {
        int group = config.groupSize();
        int length = row.attended();
        for (int i = 0; i < group; i++) {
            int head = g * group + i;
            if (row.sharedLength() > 0) {
                scoreSegment(row.shared(), index, 0, g, row.sharedLength(), q, head, groupScores, i * length);
            }
        }
        for (int i = 0; i < group; i++) {
            int head = g * group + i;
            scoreSegment(row.own(), index, row.ownRow(), g, row.ownLength(), q, head, groupScores,
                    i * length + row.sharedLength());
        }
        for (int i = 0; i < group; i++) {
            arithmetic.softmax(groupScores, i * length, length);
        }
        if (row.sharedLength() > 0) {
            sumSegment(row.shared(), index, 0, g, row.sharedLength(), groupScores, 0, length, context);
        }
        sumSegment(row.own(), index, row.ownRow(), g, row.ownLength(), groupScores, row.sharedLength(), length,
                context);
    }

    /**
     * Scores of query head {@code head} against positions {@code [0, count)} of kv head {@code g} of {@code row} of
     * {@code memory}, from {@code scores[at]} on.
     */
    private void scoreSegment(CacheMemory memory, int index, int row, int g, int count, float[] q, int head,
                              float[] scores, int at) {
        int headDim = config.headDim();
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int kvAt = memory.at(row, g, 0);                                           // position 0 of the kv head
        for (int block = 0; block < count; block += ATTENTION_BLOCK) {
            arithmetic.scores(q, head * headDim, memory.keys()[index], kvAt + block * headDim,
                    Math.min(ATTENTION_BLOCK, count - block), headDim, scale, scores, at + block);
        }
    }

    /**
     * Adds the values of positions {@code [0, count)} of kv head {@code g} of {@code row} of {@code memory}, weighted
     * by the group's probabilities (head i's from {@code probabilities[i × length + from]}), into the group's heads'
     * contexts, {@link #ATTENTION_BLOCK} positions at a time for every head of the group.
     */
    private void sumSegment(CacheMemory memory, int index, int row, int g, int count, float[] probabilities,
                            int from, int length, float[] context) {
        int headDim = config.headDim();
        int group = config.groupSize();
        int kvAt = memory.at(row, g, 0);
        for (int block = 0; block < count; block += ATTENTION_BLOCK) {
            int n = Math.min(ATTENTION_BLOCK, count - block);
            for (int i = 0; i < group; i++) {
                arithmetic.addWeightedSum(probabilities, i * length + from + block, n, memory.values()[index],
                        kvAt + block * headDim, headDim, context, (g * group + i) * headDim);
            }
        }
    }

    /** Cached positions per pass over a group's heads: 32 KB of keys or values at head_dim 128, within L1. */
    static final int ATTENTION_BLOCK = 64;

    /**
     * Attended positions (over all of a step's rows) from which a layer's attention is shared between the two lanes:
     * below, the cache read is a few microseconds, about a hand-off's cost.
     */
    static final int SHARED_ATTENTION_POSITIONS = 32;

    /** {@code x += down_proj(silu(gate_proj(h)) × up_proj(h))} per row, on {@code h = post_attention_layernorm(x)}. */
    private void mlpBlock(Layer layer, float[][] x) {
        float[][][] gateUp = project(rmsNorms(x, layer.postNorm()), layer.gate(), layer.up());
        for (int r = 0; r < x.length; r++) {
            arithmetic.siluTimes(gateUp[0][r], gateUp[1][r]);                       // [I]
        }
        float[][] down = project(gateUp[0], layer.down())[0];                       // [B][H]
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] += down[r][i];
            }
        }
    }

    /** {@link #rmsNorm} of every row, whole. */
    private float[][] rmsNorms(float[][] x, float[] weight) {
        float[][] out = new float[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = rmsNorm(x[r], weight, 0, x[r].length);
        }
        return out;
    }

    /** {@code values[offset, offset + n) / sqrt(mean(v²) + eps) × weight} as a new array of n. */
    private float[] rmsNorm(float[] values, float[] weight, int offset, int n) {
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            double v = values[offset + i];
            sumOfSquares += v * v;
        }
        float root = (float) Math.sqrt(sumOfSquares / n + config.rmsNormEps());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[offset + i] / root * weight[i];
        }
        return out;
    }

    /**
     * {@code x · weightᵀ + bias} of every row for each projection: on the Java kernels for quantized weights
     * ({@link QuantizedProjectionKernel#multiply}), else by the kernel's PyTorch products of one array of the rows
     * (the bias added as {@link DecoderStack}'s calls add it: some kernels hold it packed with the weight).
     *
     * @param x per row, [in]
     * @return per projection, one [out] per row
     */
    private float[][][] project(float[][] x, Projection... projections) {
        if (quantizedKernel != null) {
            return quantizedKernel.multiply(x, projections);
        }
        if (halfProducts != null && (x.length > 1 || halfSingleRowInJava)) {
            return halfProducts.multiply(x, projections);
        }
        int count = x.length;
        int in = x[0].length;
        float[] flat = x[0];                                                        // [B * in]
        if (count > 1) {
            flat = new float[count * in];
            for (int r = 0; r < count; r++) {
                System.arraycopy(x[r], 0, flat, r * in, in);
            }
        }
        try (NDManager scratch = scratchParent.newSubManager()) {
            NDArray input = scratch.create(flat, new Shape(count, in));            // [B, in]
            NDArray[] products = kernel.project(input, projections);                // [B, out] each
            float[][][] out = new float[projections.length][count][];
            for (int i = 0; i < projections.length; i++) {
                float[] joined = products[i].toFloatArray();                        // [B * out]
                int width = joined.length / count;
                for (int r = 0; r < count; r++) {
                    out[i][r] = count == 1 ? joined : java.util.Arrays.copyOfRange(joined, r * width, (r + 1) * width);
                }
            }
            return out;
        }
    }

    /** Row {@code id} of the embedding table as FP32 (a table may exceed what one Java buffer can address). */
    private float[] embedding(int id) {
        try (NDManager scratch = scratchParent.newSubManager()) {
            return embeddings.get(scratch, new NDIndex("{}", id)).toType(DataType.FLOAT32, false).toFloatArray(); // [H]
        }
    }
}
