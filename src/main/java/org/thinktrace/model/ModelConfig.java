package org.thinktrace.model;

import java.util.List;

/**
 * The shapes and constants of a decoder, as read from a HuggingFace {@code config.json}
 * (plus {@code generation_config.json} for the EOS ids). Field names follow the JSON keys.
 *
 * <p>Invariants (checked by the loader, relied on by the decoder): all sizes are positive,
 * {@code numAttentionHeads % numKeyValueHeads == 0}, and {@code headDim} is explicit for Qwen3
 * and {@code hiddenSize / numAttentionHeads} otherwise unless the file gives it.
 *
 * @param architecture          the decoder family
 * @param hiddenSize            {@code hidden_size}: width of the residual stream
 * @param intermediateSize      {@code intermediate_size}: width of the SwiGLU MLP
 * @param numHiddenLayers       {@code num_hidden_layers}
 * @param numAttentionHeads     {@code num_attention_heads}: query heads
 * @param numKeyValueHeads      {@code num_key_value_heads}: key/value heads (grouped-query attention)
 * @param headDim               {@code head_dim}: width of one attention head
 * @param vocabSize             {@code vocab_size}: rows of the embedding and lm_head matrices
 * @param maxPositionEmbeddings {@code max_position_embeddings}: the longest context supported
 * @param rmsNormEps            {@code rms_norm_eps}
 * @param ropeTheta             {@code rope_theta}: RoPE base frequency
 * @param ropeScaling           {@code rope_scaling}: {@link Llama3RopeScaling} or {@link YarnRopeScaling}, a GGUF file's
 *                              {@link RopeFrequencyFactors}, or null when absent
 * @param tieWordEmbeddings     {@code tie_word_embeddings}: lm_head reuses embed_tokens
 * @param attentionBias         q/k/v projections have biases (always for Qwen2, {@code attention_bias} otherwise)
 * @param qkNorm                RMSNorm on each query and key head before RoPE (Qwen3)
 * @param bosTokenId            {@code bos_token_id}, or null
 * @param eosTokenIds           {@code eos_token_id} (int or list), generation config first; may be empty
 */
public record ModelConfig(
        Architecture architecture,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        int vocabSize,
        int maxPositionEmbeddings,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean qkNorm,
        Integer bosTokenId,
        List<Integer> eosTokenIds) {

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }
}
