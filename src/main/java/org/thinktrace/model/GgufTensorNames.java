package org.thinktrace.model;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps llama.cpp's GGUF tensor names ({@code token_embd.weight}, {@code blk.N.attn_q.weight},
 * {@code output_norm.weight}, …) to the HuggingFace parameter keys of {@link ParameterSpec}
 * ({@code model.embed_tokens.weight}, {@code model.layers.N.self_attn.q_proj.weight}, …), for the
 * Qwen2, Llama and Qwen3 architectures. GGUF dims are innermost first, so a mapped tensor's
 * {@link GgufTensorInfo#shape()} (not its dims) equals the parameter's shape.
 */
public final class GgufTensorNames {

    private static final Map<String, String> GLOBAL = Map.of(
            "token_embd.weight", "model.embed_tokens.weight",
            "output_norm.weight", "model.norm.weight",
            "output.weight", "lm_head.weight");

    private static final Map<String, String> LAYER = Map.ofEntries(
            Map.entry("attn_norm.weight", "input_layernorm.weight"),
            Map.entry("attn_q.weight", "self_attn.q_proj.weight"),
            Map.entry("attn_k.weight", "self_attn.k_proj.weight"),
            Map.entry("attn_v.weight", "self_attn.v_proj.weight"),
            Map.entry("attn_q.bias", "self_attn.q_proj.bias"),
            Map.entry("attn_k.bias", "self_attn.k_proj.bias"),
            Map.entry("attn_v.bias", "self_attn.v_proj.bias"),
            Map.entry("attn_q_norm.weight", "self_attn.q_norm.weight"),
            Map.entry("attn_k_norm.weight", "self_attn.k_norm.weight"),
            Map.entry("attn_output.weight", "self_attn.o_proj.weight"),
            Map.entry("ffn_norm.weight", "post_attention_layernorm.weight"),
            Map.entry("ffn_gate.weight", "mlp.gate_proj.weight"),
            Map.entry("ffn_up.weight", "mlp.up_proj.weight"),
            Map.entry("ffn_down.weight", "mlp.down_proj.weight"));

    private static final Pattern GGUF_LAYER = Pattern.compile("blk\\.(\\d{1,6})\\.(.+)");
    private static final Pattern HF_LAYER = Pattern.compile("model\\.layers\\.(\\d{1,6})\\.(.+)");

    private GgufTensorNames() {
    }

    /** The parameter key for GGUF tensor {@code ggufName}, or null when ThinkTrace has no such parameter. */
    public static String parameterKey(String ggufName) {
        String global = GLOBAL.get(ggufName);
        if (global != null) {
            return global;
        }
        Matcher m = GGUF_LAYER.matcher(ggufName);
        if (m.matches() && LAYER.containsKey(m.group(2))) {
            return ParameterSpec.layerKey(Integer.parseInt(m.group(1)), LAYER.get(m.group(2)));
        }
        return null;
    }

    /** The GGUF tensor name for parameter key {@code key}, or null when llama.cpp has no name for it. */
    public static String ggufName(String key) {
        for (Map.Entry<String, String> e : GLOBAL.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        Matcher m = HF_LAYER.matcher(key);
        if (m.matches()) {
            for (Map.Entry<String, String> e : LAYER.entrySet()) {
                if (e.getValue().equals(m.group(2))) {
                    return "blk." + Integer.parseInt(m.group(1)) + "." + e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * Undoes the row permutation llama.cpp's converter applies to the q and k projections of
     * LLaMA-family models (not Qwen2 or Qwen3): within each head of {@code headDim} rows, GGUF row
     * {@code 2i + s} holds HuggingFace row {@code s * headDim / 2 + i} (interleaved rotary pairs
     * against HuggingFace's rotate-half halves). {@code rows} holds whole rows of {@code rowLength}
     * floats for {@code heads} heads; a new array in HuggingFace order is returned.
     */
    public static float[] unpermuteRotaryRows(float[] rows, int heads, int headDim, int rowLength) {
        if (headDim % 2 != 0 || (long) heads * headDim * rowLength != rows.length) {
            throw new IllegalArgumentException(rows.length + " floats are not " + heads + " heads of " + headDim
                    + " even rows of " + rowLength);
        }
        float[] out = new float[rows.length];
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int s = 0; s < 2; s++) {
                    int from = h * headDim + 2 * i + s;
                    int to = h * headDim + s * half + i;
                    System.arraycopy(rows, from * rowLength, out, to * rowLength, rowLength);
                }
            }
        }
        return out;
    }
}
