package org.thinktrace.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One parameter of the decoder as a checkpoint stores it: its safetensors key, its shape and how a
 * freshly initialised model fills it.
 *
 * @param key   the HuggingFace checkpoint key, e.g. {@code model.layers.3.self_attn.q_proj.weight}
 * @param shape the tensor shape, e.g. {@code [out, in]} for a projection
 * @param init  how {@link DecoderWeights#random} fills it
 */
public record ParameterSpec(String key, long[] shape, Init init) {

    /** Initial values of a fresh parameter. */
    public enum Init {
        /** Normal noise with the caller's standard deviation (projections, embeddings). */
        NORMAL,
        /** All ones (RMSNorm weights). */
        ONES,
        /** All zeros (biases). */
        ZEROS
    }

    public ParameterSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && p.key.equals(key) && Arrays.equals(p.shape, shape) && p.init == init;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(shape);
    }

    /** Key of a layer parameter: {@code model.layers.{layer}.{suffix}}. */
    public static String layerKey(int layer, String suffix) {
        return "model.layers." + layer + "." + suffix;
    }

    /**
     * Every parameter a checkpoint of {@code config} holds, in checkpoint order: embeddings, then per
     * layer the attention and MLP weights, the final norm, and {@code lm_head.weight} unless tied.
     */
    public static List<ParameterSpec> all(ModelConfig config) {
        long hidden = config.hiddenSize();
        long qWidth = (long) config.numAttentionHeads() * config.headDim();
        long kvWidth = (long) config.numKeyValueHeads() * config.headDim();
        long mlp = config.intermediateSize();
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec("model.embed_tokens.weight", new long[] {config.vocabSize(), hidden}, Init.NORMAL));
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            specs.add(new ParameterSpec(layerKey(i, "input_layernorm.weight"), new long[] {hidden}, Init.ONES));
            specs.add(new ParameterSpec(layerKey(i, "self_attn.q_proj.weight"), new long[] {qWidth, hidden}, Init.NORMAL));
            specs.add(new ParameterSpec(layerKey(i, "self_attn.k_proj.weight"), new long[] {kvWidth, hidden}, Init.NORMAL));
            specs.add(new ParameterSpec(layerKey(i, "self_attn.v_proj.weight"), new long[] {kvWidth, hidden}, Init.NORMAL));
            if (config.attentionBias()) {
                specs.add(new ParameterSpec(layerKey(i, "self_attn.q_proj.bias"), new long[] {qWidth}, Init.ZEROS));
                specs.add(new ParameterSpec(layerKey(i, "self_attn.k_proj.bias"), new long[] {kvWidth}, Init.ZEROS));
                specs.add(new ParameterSpec(layerKey(i, "self_attn.v_proj.bias"), new long[] {kvWidth}, Init.ZEROS));
            }
            if (config.qkNorm()) {
                specs.add(new ParameterSpec(layerKey(i, "self_attn.q_norm.weight"), new long[] {config.headDim()}, Init.ONES));
                specs.add(new ParameterSpec(layerKey(i, "self_attn.k_norm.weight"), new long[] {config.headDim()}, Init.ONES));
            }
            specs.add(new ParameterSpec(layerKey(i, "self_attn.o_proj.weight"), new long[] {hidden, qWidth}, Init.NORMAL));
            specs.add(new ParameterSpec(layerKey(i, "post_attention_layernorm.weight"), new long[] {hidden}, Init.ONES));
            specs.add(new ParameterSpec(layerKey(i, "mlp.gate_proj.weight"), new long[] {mlp, hidden}, Init.NORMAL));
            specs.add(new ParameterSpec(layerKey(i, "mlp.up_proj.weight"), new long[] {mlp, hidden}, Init.NORMAL));
            specs.add(new ParameterSpec(layerKey(i, "mlp.down_proj.weight"), new long[] {hidden, mlp}, Init.NORMAL));
        }
        specs.add(new ParameterSpec("model.norm.weight", new long[] {hidden}, Init.ONES));
        if (!config.tieWordEmbeddings()) {
            specs.add(new ParameterSpec("lm_head.weight", new long[] {config.vocabSize(), hidden}, Init.NORMAL));
        }
        return specs;
    }
}
