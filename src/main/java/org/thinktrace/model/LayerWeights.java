package org.thinktrace.model;

import ai.djl.ndarray.NDArray;

/**
 * The parameters of one decoder layer, named after their checkpoint keys
 * ({@code model.layers.{i}.<name>}). Optional parameters are null when the architecture lacks them.
 *
 * @param inputLayernorm         {@code input_layernorm.weight} [hidden]
 * @param qProj                  {@code self_attn.q_proj.weight} [heads*headDim, hidden]
 * @param qBias                  {@code self_attn.q_proj.bias} [heads*headDim], or null
 * @param kProj                  {@code self_attn.k_proj.weight} [kvHeads*headDim, hidden]
 * @param kBias                  {@code self_attn.k_proj.bias} [kvHeads*headDim], or null
 * @param vProj                  {@code self_attn.v_proj.weight} [kvHeads*headDim, hidden]
 * @param vBias                  {@code self_attn.v_proj.bias} [kvHeads*headDim], or null
 * @param qNorm                  {@code self_attn.q_norm.weight} [headDim], or null (Qwen3 only)
 * @param kNorm                  {@code self_attn.k_norm.weight} [headDim], or null (Qwen3 only)
 * @param oProj                  {@code self_attn.o_proj.weight} [hidden, heads*headDim]
 * @param postAttentionLayernorm {@code post_attention_layernorm.weight} [hidden]
 * @param gateProj               {@code mlp.gate_proj.weight} [intermediate, hidden]
 * @param upProj                 {@code mlp.up_proj.weight} [intermediate, hidden]
 * @param downProj               {@code mlp.down_proj.weight} [hidden, intermediate]
 */
public record LayerWeights(
        NDArray inputLayernorm,
        NDArray qProj, NDArray qBias,
        NDArray kProj, NDArray kBias,
        NDArray vProj, NDArray vBias,
        NDArray qNorm, NDArray kNorm,
        NDArray oProj,
        NDArray postAttentionLayernorm,
        NDArray gateProj, NDArray upProj, NDArray downProj) {
}
