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
import java.util.function.IntConsumer;

/**
 * One decode step of a single sequence computed in Java: the embedding row, the residual stream, RMSNorm, RoPE,
 * attention over the KV cache's own memory ({@link KvCache#keyMemory}), SiLU gating and the logits are float arrays.
 * The projections go to the decoder's kernel: with quantized weights straight to the Java kernels
 * ({@link QuantizedProjectionKernel#multiply}), so a step makes no PyTorch call; with FP32 or FP16 weights one PyTorch
 * product call per group of projections ({@link ProjectionKernel#project} on a one-row array). {@link DecoderStack}
 * makes some fifty PyTorch calls per layer, each allocating a tensor.
 *
 * <p>The math is {@link DecoderStack}'s for one token (the same projections, biases, Qwen3's per-head norms, rotate-half
 * RoPE, grouped-query attention: query head j reads kv head j / group), and the keys and values it writes at its
 * position are those {@link DecoderStack} would write, so prompts run by {@link DecoderStack} and steps run here share
 * one cache.
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

    private final ModelConfig config;
    private final ProjectionKernel kernel;
    /** The kernel when it multiplies quantized weights in Java; null for FP32 and FP16 weights. */
    private final QuantizedProjectionKernel quantizedKernel;
    private final DecodeArithmetic arithmetic;
    private final RotaryEmbedding rope;
    private final NDArray embeddings;
    /** The parent of the manager that holds each step's embedding row for a moment. */
    private final NDManager scratchParent;
    private final Layer[] layers;
    private final float[] finalNorm;
    private final Projection lmHead;
    private final int capacity;
    /** Per kv head (a task of the attention), the scores of its query heads against every cached position. */
    private final float[][] scores;

    /**
     * One layer's parameters as the step reads them (small ones as floats, matrices as the kernel takes them), and the
     * layer's cache memory.
     */
    private record Layer(float[] inputNorm, Projection q, Projection k, Projection v, float[] qNorm, float[] kNorm,
                         Projection o, float[] postNorm, Projection gate, Projection up, Projection down,
                         ByteBuffer keys, ByteBuffer values) {
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
                    new Projection(w.upProj(), null), new Projection(w.downProj(), null),
                    cache.keyMemory(i), cache.valueMemory(i));
        }
        this.finalNorm = floats(weights.norm());
        this.lmHead = new Projection(weights.lmHead(), null);
        this.capacity = cache.capacity();
        this.scores = new float[config.numKeyValueHeads()][0];
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
        float[] x = embedding(id);                                                  // [H]
        float[] cos = rope.cosines(position, 1);                                    // [D]
        float[] sin = rope.sines(position, 1);                                      // [D]
        for (Layer layer : layers) {
            attentionBlock(layer, x, cos, sin, position);
            mlpBlock(layer, x);
        }
        return project(rmsNorm(x, finalNorm, 0, x.length), lmHead)[0];             // [V]
    }

    /** {@code x += o_proj(attention(input_layernorm(x)))}, the token's keys and values written at {@code position}. */
    private void attentionBlock(Layer layer, float[] x, float[] cos, float[] sin, int position) {
        int headDim = config.headDim();
        float[][] qkv = project(rmsNorm(x, layer.inputNorm(), 0, x.length), layer.q(), layer.k(), layer.v());
        float[] q = qkv[0];                                                         // [heads * D]
        float[] k = qkv[1];                                                         // [kvHeads * D]
        float[] v = qkv[2];                                                         // [kvHeads * D]
        for (int head = 0; head < config.numAttentionHeads(); head++) {
            prepareHead(q, head * headDim, layer.qNorm(), cos, sin);
        }
        int kvHeads = config.numKeyValueHeads();
        for (int head = 0; head < kvHeads; head++) {
            prepareHead(k, head * headDim, layer.kNorm(), cos, sin);
            int at = (head * capacity + position) * headDim;                        // [kvHeads, capacity, D]
            for (int d = 0; d < headDim; d++) {
                layer.keys().putFloat((at + d) * Float.BYTES, k[head * headDim + d]);
                layer.values().putFloat((at + d) * Float.BYTES, v[head * headDim + d]);
            }
        }
        float[] attended = attend(layer, q, position + 1);                          // [heads * D]
        float[] o = project(attended, layer.o())[0];                             // [H]
        for (int i = 0; i < x.length; i++) {
            x[i] += o[i];
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
     * Grouped-query attention of every query head over cached positions {@code [0, length)}: query head j against
     * kv head j / group. One task per kv head (its group of query heads), shared with the kernel's worker
     * ({@link LaneSharing#inLanes}) once the cache read is long enough to repay the hand-off.
     *
     * @param q [heads * D] rotated queries
     * @return [heads * D] the heads' contexts
     */
    private float[] attend(Layer layer, float[] q, int length) {
        int kvHeads = config.numKeyValueHeads();
        int group = config.groupSize();
        if (scores[0].length < group * length) {
            int grown = Math.max(length, Math.min(capacity, 2 * scores[0].length / group));
            for (int g = 0; g < kvHeads; g++) {
                scores[g] = new float[group * grown];                               // [group, grown]
            }
        }
        float[] context = new float[q.length];
        IntConsumer kvHead = g -> attendGroup(layer, q, g, length, context);
        if (length >= SHARED_ATTENTION_POSITIONS && kernel instanceof LaneSharing lanes) {
            lanes.inLanes(kvHeads, kvHead);
        } else {
            for (int g = 0; g < kvHeads; g++) {
                kvHead.accept(g);
            }
        }
        return context;
    }

    /**
     * The query heads of kv head {@code g} over its cached keys and values, into their slices of {@code context}:
     * {@link #ATTENTION_BLOCK} positions at a time for every head of the group, so that each key and value is read
     * from memory once for the group and from the nearest cache by its other heads.
     */
    private void attendGroup(Layer layer, float[] q, int g, int length, float[] context) {
        int headDim = config.headDim();
        int group = config.groupSize();
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int kvAt = g * capacity * headDim;                                          // position 0 of the kv head
        float[] groupScores = scores[g];                                            // [group, length]
        for (int block = 0; block < length; block += ATTENTION_BLOCK) {
            int count = Math.min(ATTENTION_BLOCK, length - block);
            for (int i = 0; i < group; i++) {
                arithmetic.scores(q, (g * group + i) * headDim, layer.keys(), kvAt + block * headDim, count, headDim,
                        scale, groupScores, i * length + block);
            }
        }
        for (int i = 0; i < group; i++) {
            arithmetic.softmax(groupScores, i * length, length);
        }
        for (int block = 0; block < length; block += ATTENTION_BLOCK) {
            int count = Math.min(ATTENTION_BLOCK, length - block);
            for (int i = 0; i < group; i++) {
                arithmetic.addWeightedSum(groupScores, i * length + block, count, layer.values(),
                        kvAt + block * headDim, headDim, context, (g * group + i) * headDim);
            }
        }
    }

    /** Cached positions per pass over a group's heads: 32 KB of keys or values at head_dim 128, within L1. */
    static final int ATTENTION_BLOCK = 64;

    /**
     * Cached positions from which a layer's attention is shared between the two lanes: below, the cache read is a few
     * microseconds, about a hand-off's cost.
     */
    static final int SHARED_ATTENTION_POSITIONS = 32;

    /** {@code x += down_proj(silu(gate_proj(h)) × up_proj(h))} on {@code h = post_attention_layernorm(x)}. */
    private void mlpBlock(Layer layer, float[] x) {
        float[][] gateUp = project(rmsNorm(x, layer.postNorm(), 0, x.length), layer.gate(), layer.up());
        arithmetic.siluTimes(gateUp[0], gateUp[1]);                                 // [I]
        float[] down = project(gateUp[0], layer.down())[0];                      // [H]
        for (int i = 0; i < x.length; i++) {
            x[i] += down[i];
        }
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
     * {@code x · weightᵀ + bias} for each projection: on the Java kernels for quantized weights
     * ({@link QuantizedProjectionKernel#multiply}), else by the kernel's PyTorch products of a one-row array (the bias
     * added as {@link DecoderStack}'s calls add it: some kernels hold it packed with the weight).
     *
     * @param x [in]
     * @return one [out] per projection
     */
    private float[][] project(float[] x, Projection... projections) {
        if (quantizedKernel != null) {
            return quantizedKernel.multiply(x, projections);
        }
        try (NDManager scratch = scratchParent.newSubManager()) {
            NDArray[] products = kernel.project(scratch.create(x, new Shape(1, x.length)), projections); // [1, out] each
            float[][] out = new float[projections.length][];
            for (int i = 0; i < projections.length; i++) {
                out[i] = products[i].toFloatArray();
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
