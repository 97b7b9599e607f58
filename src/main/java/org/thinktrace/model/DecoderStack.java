package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The decoder's math, shared by inference ({@link Decoder}, with a KV cache) and training
 * ({@link #forwardTraining}, a batch without cache, differentiable).
 *
 * <p>Per layer (HF {@code Qwen2DecoderLayer} / {@code LlamaDecoderLayer} / {@code Qwen3DecoderLayer}):
 * {@code x += o_proj(attention(rope(q), rope(k), v))} on {@code input_layernorm(x)}, then
 * {@code x += down_proj(silu(gate_proj(h)) * up_proj(h))} on {@code post_attention_layernorm(x)}.
 * Architecture differences are flags of {@link ModelConfig}: q/k/v biases, per-head q/k RMSNorm
 * before RoPE (Qwen3), llama3 RoPE scaling, tied {@code lm_head}.
 *
 * <p>Memory contract: every result is attached to the manager of the activations passed in (the
 * caller's per-step or per-batch manager), never to the weights' manager. Differentiability: no op
 * takes a Java number as operand (DJL would free the wrapped scalar before backward); scalars are
 * arrays of this object's constant manager, alive until {@link #close()}.
 */
public final class DecoderStack implements AutoCloseable {

    private final DecoderWeights weights;
    private final ModelConfig config;
    private final RotaryEmbedding rope;
    private final ProjectionKernel kernel;
    private final NDManager constants;
    private final NDArray rmsEps;
    private final NDArray attentionScale;
    private final NDArray maskedScore;

    /**
     * @param weights the parameters (not owned: closing this stack leaves them open)
     * @param kernel  how projections are computed ({@link ProjectionKernel#SERIAL} for training)
     */
    public DecoderStack(DecoderWeights weights, ProjectionKernel kernel) {
        this.weights = weights;
        this.config = weights.config();
        this.rope = new RotaryEmbedding(config);
        this.kernel = kernel;
        this.constants = weights.manager().newSubManager();
        this.rmsEps = constants.full(new Shape(), (float) config.rmsNormEps());
        this.attentionScale = constants.full(new Shape(), (float) (1.0 / Math.sqrt(config.headDim())));
        this.maskedScore = constants.full(new Shape(), -1e30f);
    }

    /** The shapes of this decoder. */
    public ModelConfig config() {
        return config;
    }

    /** The parameters this stack computes with. */
    public DecoderWeights weights() {
        return weights;
    }

    /** The RoPE tables of this decoder. */
    public RotaryEmbedding rope() {
        return rope;
    }

    /**
     * Training forward pass over a batch, no cache, causal attention within each row.
     *
     * @param ids [B, T] integer token ids; its manager receives every result
     * @return logits [B, T, vocab] (FP32), attached to {@code ids}' manager
     */
    public NDArray forwardTraining(NDArray ids) {
        NDManager manager = ids.getManager();
        int length = Math.toIntExact(ids.getShape().get(1));
        RopeInputs positions = RopeInputs.of(rope, manager, 0, length);       // [T, D] tables
        NDArray mask = causalMask(manager, 0, length);                         // [G*T, T]
        NDArray x = embed(ids);                                                // [B, T, H]
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = layer(i, x, positions, mask);                                  // [B, T, H]
        }
        return logits(x);                                                      // [B, T, V]
    }

    /**
     * Embedding lookup.
     *
     * @param ids [B, T] integer ids
     * @return [B, T, H] attached to {@code ids}' manager
     */
    NDArray embed(NDArray ids) {
        Shape idShape = ids.getShape();
        NDArray flat = ids.toType(DataType.INT64, false).reshape(idShape.size());   // [B*T]
        NDArray rows = weights.embedTokens().get(ids.getManager(), new NDIndex("{}", flat)); // [B*T, H]
        if (rows.getDataType() != DataType.FLOAT32) {
            rows = rows.toType(DataType.FLOAT32, false);                                // [B*T, H] FP32
        }
        return rows.reshape(idShape.get(0), idShape.get(1), config.hiddenSize());    // [B, T, H]
    }

    /**
     * Causal mask for queries at positions {@code [start, start + count)} against keys
     * {@code [0, start + count)}, in the grouped row order of {@link #attention}: row
     * {@code g * count + t} belongs to query position {@code start + t} of the g-th head of a group.
     * Entries are 0 where the key is not after the query and -1e30 elsewhere (finite, so that
     * {@code 0 · mask} stays 0; exp underflows to exactly 0 after the softmax's max shift).
     *
     * @return [group * count, start + count] FP32
     */
    NDArray causalMask(NDManager manager, int start, int count) {
        int group = config.groupSize();
        int[] positions = new int[group * count];
        for (int g = 0; g < group; g++) {
            for (int t = 0; t < count; t++) {
                positions[g * count + t] = start + t;
            }
        }
        NDArray queryPositions = manager.create(positions).reshape(group * count, 1);   // [G*T, 1]
        NDArray keyPositions = manager.arange(0, start + count).reshape(1, start + count); // [1, P]
        NDArray future = keyPositions.gt(queryPositions).toType(DataType.FLOAT32, false); // [G*T, P] 1 = future key
        return future.mul(maskedScore);                                                   // [G*T, P] 0 or -1e30
    }

    /**
     * One decoder layer of the training pass, attending within x: the attention half, then {@link #mlpBlock}.
     *
     * @param x         [B, T, H] residual stream
     * @param positions the RoPE operands of the T positions
     * @param mask      [G*T, T] additive causal mask from {@link #causalMask}
     * @return [B, T, H]
     */
    NDArray layer(int index, NDArray x, RopeInputs positions, NDArray mask) {
        return mlpBlock(index, attentionBlock(index, x, positions, mask, (k, v, manager) -> new NDArray[] {k, v}));
    }

    /** A sequence's own cache: the new keys and values written at {@code start}, then all of them up to the last read. */
    static KeyValueStore cacheStore(KvCache cache, int layer, int start) {
        return (k, v, manager) -> {
            int end = start + (int) k.getShape().get(2);
            cache.write(layer, k, v, start);
            return new NDArray[] {cache.keys(layer, end, manager), cache.values(layer, end, manager)}; // [1, kvHeads, P, D]
        };
    }

    /**
     * One branch's row of a cache of many ({@link BranchDecoder}): the new keys and values written after the row's
     * {@code ownLength} tokens, then read after the shared prefix (read in place, never written).
     *
     * @param prefixLength tokens of the shared prefix in {@code prefix} (0: none)
     */
    static KeyValueStore rowStore(KvCache prefix, int prefixLength, KvCache own, int row, int ownLength, int layer) {
        return (k, v, manager) -> {
            int ownEnd = ownLength + (int) k.getShape().get(2);
            own.writeRow(layer, row, k, v, ownLength);
            NDArray keys = own.keysOfRow(layer, row, ownEnd, manager);                   // [1, kvHeads, L+T, D]
            NDArray values = own.valuesOfRow(layer, row, ownEnd, manager);               // [1, kvHeads, L+T, D]
            if (prefixLength == 0) return new NDArray[] {keys, values};
            return new NDArray[] {
                prefix.keys(layer, prefixLength, manager).concat(keys, 2),               // [1, kvHeads, P+L+T, D]
                prefix.values(layer, prefixLength, manager).concat(values, 2)            // [1, kvHeads, P+L+T, D]
            };
        };
    }

    /**
     * One pass over a sequence's new tokens {@code ids} at positions {@code [start, start + T)}, each layer keeping
     * its keys and values in {@code storeOfLayer}'s store; each half layer runs in a sub-manager of {@code step}
     * ({@link Decoder#inOwnScope}), so a long prompt holds one half layer's activations at a time.
     *
     * @return the logits after the last id (length {@code vocabSize})
     */
    float[] lastLogits(NDManager step, int[] ids, int start, java.util.function.IntFunction<KeyValueStore> storeOfLayer) {
        int length = ids.length;
        NDArray idArray = step.create(ids).reshape(1, length);                      // [1, T]
        RopeInputs positions = RopeInputs.of(rope, step, start, length);             // tables or [D, D]
        NDArray mask = length == 1 ? null : causalMask(step, start, length);        // [G*T, P]
        NDArray x = embed(idArray);                                                  // [1, T, H]
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            int layer = i;
            KeyValueStore store = storeOfLayer.apply(layer);
            x = Decoder.inOwnScope(step, x, in -> attentionBlock(layer, in, positions, mask, store)); // [1, T, H]
            x = Decoder.inOwnScope(step, x, in -> mlpBlock(layer, in));                            // [1, T, H]
        }
        NDArray last = x.get(new NDIndex(":, {}:, :", length - 1));                  // [1, 1, H]
        return logits(last).toFloatArray();                                          // [1, 1, V] -> [V]
    }

    /**
     * Where a layer's new keys and values go, and which keys and values its queries attend over.
     */
    @FunctionalInterface
    interface KeyValueStore {
        /**
         * @param k [B, kvHeads, T, D] the new keys
         * @param v [B, kvHeads, T, D] the new values
         * @return the keys and values to attend over, [B, kvHeads, P, D] each, attached to {@code manager}
         */
        NDArray[] storeAndRead(NDArray k, NDArray v, NDManager manager);
    }

    /**
     * The attention half of a layer: {@code x + o_proj(attention(input_layernorm(x)))}, with keys and values kept by
     * {@code store}. Its intermediates (the scores above all) are attached to x's manager; a caller that does not
     * need gradients can free them before {@link #mlpBlock} by giving this half a manager of its own.
     *
     * @param x    [B, T, H] residual stream
     * @param mask [G*T, P] additive causal mask from {@link #causalMask}, or null when every key read is visible (T = 1)
     * @return [B, T, H]
     */
    private NDArray attentionBlock(int index, NDArray x, RopeInputs positions, NDArray mask, KeyValueStore store) {
        LayerWeights w = weights.layer(index);
        NDArray h = rmsNorm(x, w.inputLayernorm());                                       // [B, T, H]
        NDArray attended = attention(w, h, positions, mask, store);                       // [B, T, heads*D]
        NDArray o = kernel.project(attended, new Projection(w.oProj(), null))[0];         // [B, T, H]
        return x.add(o);                                                                  // [B, T, H]
    }

    /**
     * The MLP half of a layer: {@code x + down_proj(silu(gate_proj(h)) * up_proj(h))} on
     * {@code h = post_attention_layernorm(x)}.
     *
     * @param x [B, T, H] residual stream after attention
     * @return [B, T, H]
     */
    NDArray mlpBlock(int index, NDArray x) {
        LayerWeights w = weights.layer(index);
        NDArray h = rmsNorm(x, w.postAttentionLayernorm());                               // [B, T, H]
        NDArray[] gateUp = kernel.project(h,
                new Projection(w.gateProj(), null), new Projection(w.upProj(), null));    // 2 x [B, T, I]
        NDArray gate = gateUp[0];
        NDArray activated = gate.mul(Activation.sigmoid(gate)).mul(gateUp[1]); // silu(gate)*up [B, T, I]
        NDArray down = kernel.project(activated, new Projection(w.downProj(), null))[0];  // [B, T, H]
        return x.add(down);                                                               // [B, T, H]
    }

    /**
     * The attention half of a layer for a batch of independent sequences that each add one token: row b of
     * {@code x} is the next token of the sequence whose keys and values row b of the own cache holds after the
     * shared prefix. Every op runs once for all rows: the own keys are read padded to the
     * longest row and masked, the prefix's in place for every row (broadcast), under one softmax.
     *
     * @param x         [B, 1, H] residual stream, one row per sequence
     * @param rotations RoPE of each row's own position ({@link RopeInputs#rotations})
     * @param cache     the step's rows ({@link BranchCache#of})
     * @return [B, 1, H]
     */
    NDArray attentionBlockBranches(int index, NDArray x, RopeInputs rotations, BranchCache cache) {
        LayerWeights w = weights.layer(index);
        NDArray h = rmsNorm(x, w.inputLayernorm());                                       // [B, 1, H]
        NDArray[] qkv = queryKeyValue(w, h, rotations);                                   // [B, heads|kvHeads, 1, D]
        long batch = h.getShape().get(0);
        int kvHeads = config.numKeyValueHeads();
        int heads = config.numAttentionHeads();
        int headDim = config.headDim();
        NDManager manager = h.getManager();
        KvCache own = cache.own();
        own.writeRows(index, cache.rowIndex(), cache.positionIndex(), qkv[1], qkv[2]);
        NDArray ownKeys = own.keysOfFirstRows(index, cache.rows(), cache.keyLength(), manager);     // [B, kvHeads, L, D] view
        NDArray ownValues = own.valuesOfFirstRows(index, cache.rows(), cache.keyLength(), manager); // [B, kvHeads, L, D] view
        NDArray grouped = qkv[0].reshape(batch, kvHeads, config.groupSize(), headDim);            // [B, kvHeads, G, D]
        NDArray ownScores = grouped.matMul(ownKeys.transpose(0, 1, 3, 2)).mul(attentionScale)   // [B, kvHeads, G, L]
                .add(cache.mask());                                                             // + [B, 1, 1, L]
        NDArray context;                                                                        // [B, kvHeads, G, D]
        int prefix = cache.prefixLength();
        if (prefix == 0) {
            context = ownScores.softmax(-1).matMul(ownValues);
        } else {
            // two key segments, one softmax: the prefix is read in place by every row, never copied. Against the
            // prefix the B rows' queries are the rows of one product per kv head: a [1, kvHeads, P, D] operand
            // broadcast over B would be copied out B times, P growing with the prompt.
            NDArray prefixKeys = cache.prefix().keys(index, prefix, manager);                     // [1, kvHeads, P, D]
            NDArray prefixValues = cache.prefix().values(index, prefix, manager);                 // [1, kvHeads, P, D]
            int group = config.groupSize();
            NDArray prefixScores = grouped.transpose(1, 0, 2, 3)                                  // [kvHeads, B, G, D]
                    .reshape(1, kvHeads, batch * group, headDim)                                // [1, kvHeads, B*G, D]
                    .matMul(prefixKeys.transpose(0, 1, 3, 2))                                   // [1, kvHeads, B*G, P]
                    .reshape(kvHeads, batch, group, prefix).transpose(1, 0, 2, 3)              // [B, kvHeads, G, P]
                    .mul(attentionScale);
            if (cache.prefixMask() != null) {
                prefixScores = prefixScores.add(cache.prefixMask());                             // + [B, 1, 1, P]
            }
            NDArray probabilities = prefixScores.concat(ownScores, -1).softmax(-1);              // [B, kvHeads, G, P+L]
            NDArray prefixContext = probabilities.get(new NDIndex(":, :, :, :{}", prefix))       // [B, kvHeads, G, P]
                    .transpose(1, 0, 2, 3).reshape(1, kvHeads, batch * group, prefix)          // [1, kvHeads, B*G, P]
                    .matMul(prefixValues)                                                       // [1, kvHeads, B*G, D]
                    .reshape(kvHeads, batch, group, headDim).transpose(1, 0, 2, 3);            // [B, kvHeads, G, D]
            context = prefixContext.add(probabilities.get(new NDIndex(":, :, :, {}:", prefix)).matMul(ownValues));
        }
        NDArray attended = context.reshape(batch, heads, 1, headDim)                            // [B, heads, 1, D]
                .transpose(0, 2, 1, 3).reshape(batch, 1, (long) heads * headDim);               // [B, 1, heads*D]
        NDArray o = kernel.project(attended, new Projection(w.oProj(), null))[0];               // [B, 1, H]
        return x.add(o);                                                                        // [B, 1, H]
    }

    private NDArray attention(LayerWeights w, NDArray h, RopeInputs positions, NDArray mask, KeyValueStore store) {
        long batch = h.getShape().get(0);
        long length = h.getShape().get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int headDim = config.headDim();
        NDArray[] qkv = queryKeyValue(w, h, positions);
        NDArray q = qkv[0];                                            // [B, heads, T, D]
        NDArray[] kv = store.storeAndRead(qkv[1], qkv[2], h.getManager()); // [B, kvHeads, P, D] each
        NDArray k = kv[0];
        NDArray v = kv[1];
        // Grouped-query attention without copying K/V: query head j reads kv head j / group
        // (HF repeat_kv = repeat_interleave), so the `group` consecutive query heads of one kv head
        // are folded into the rows of one product against that kv head.
        int group = config.groupSize();
        NDArray grouped = q.reshape(batch, kvHeads, group * length, headDim);  // [B, kvHeads, G*T, D]
        NDArray context = attend(grouped, k, v, mask)                  // [B, kvHeads, G*T, D]
                .reshape(batch, heads, length, headDim);               // [B, heads, T, D]
        return context.transpose(0, 2, 1, 3).reshape(batch, length, (long) heads * headDim); // [B, T, heads*D]
    }

    /**
     * Scaled dot-product attention of grouped query rows.
     *
     * @param grouped [B, kvHeads, R, D] query rows (R = group · T)
     * @param keys    [B, kvHeads, P, D]
     * @param values  [B, kvHeads, P, D]
     * @param mask    [R, P] additive mask, or null
     * @return [B, kvHeads, R, D]
     */
    private NDArray attend(NDArray grouped, NDArray keys, NDArray values, NDArray mask) {
        NDArray scores = grouped.matMul(keys.transpose(0, 1, 3, 2)).mul(attentionScale); // [B, kvHeads, R, P]
        if (mask != null) {
            scores = scores.add(mask);                                 // [B, kvHeads, R, P] (+ [R, P])
        }
        return scores.softmax(-1).matMul(values);                      // [B, kvHeads, R, D]
    }

    /**
     * The q, k and v projections of {@code h}, with Qwen3's per-head norms and RoPE applied to q and k.
     *
     * @param h [B, T, H] normed residual stream
     * @return q [B, heads, T, D], k [B, kvHeads, T, D], v [B, kvHeads, T, D]
     */
    private NDArray[] queryKeyValue(LayerWeights w, NDArray h, RopeInputs positions) {
        long batch = h.getShape().get(0);
        long length = h.getShape().get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int headDim = config.headDim();
        NDArray[] qkv = kernel.project(h,
                new Projection(w.qProj(), w.qBias()),
                new Projection(w.kProj(), w.kBias()),
                new Projection(w.vProj(), w.vBias()));
        NDArray q = qkv[0].reshape(batch, length, heads, headDim);     // [B, T, heads, D]
        NDArray k = qkv[1].reshape(batch, length, kvHeads, headDim);   // [B, T, kvHeads, D]
        NDArray v = qkv[2].reshape(batch, length, kvHeads, headDim);   // [B, T, kvHeads, D]
        if (config.qkNorm()) {
            // Qwen3: RMSNorm over each head's D features, before RoPE
            q = rmsNorm(q, w.qNorm());                                 // [B, T, heads, D]
            k = rmsNorm(k, w.kNorm());                                 // [B, T, kvHeads, D]
        }
        return new NDArray[] {
            positions.apply(q.transpose(0, 2, 1, 3)),                  // [B, heads, T, D]
            positions.apply(k.transpose(0, 2, 1, 3)),                  // [B, kvHeads, T, D]
            v.transpose(0, 2, 1, 3)                                    // [B, kvHeads, T, D]
        };
    }

    /**
     * RMSNorm over the last axis: {@code x / sqrt(mean(x²) + eps) * weight}.
     *
     * @param x      [..., N]
     * @param weight [N]
     * @return [..., N]
     */
    NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray meanSquare = x.mul(x).mean(new int[] {-1}, true);       // [..., 1]
        return x.div(meanSquare.add(rmsEps).sqrt()).mul(weight);       // [..., N]
    }

    /**
     * Final norm and {@code lm_head}.
     *
     * @param x [B, T, H]
     * @return [B, T, vocab]
     */
    NDArray logits(NDArray x) {
        NDArray normed = rmsNorm(x, weights.norm());                                 // [B, T, H]
        return kernel.project(normed, new Projection(weights.lmHead(), null))[0];    // [B, T, V]
    }

    /** Frees this stack's constants (not the weights). */
    @Override
    public void close() {
        constants.close();
    }
}
