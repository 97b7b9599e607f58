package org.thinktrace.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link ModelConfig} from a GGUF file's metadata ({@code general.architecture} and the
 * {@code <arch>.*} keys llama.cpp writes) and tensor list, for {@code llama}, {@code qwen2} and
 * {@code qwen3} files. A missing or mistyped key, or a feature ThinkTrace cannot run from a GGUF
 * (RoPE scaling), is a {@link CheckpointException} naming the file and the key.
 *
 * <p>Defaults follow llama.cpp: {@code head_count_kv} = {@code head_count}, {@code key_length} =
 * hidden / heads, {@code rope.freq_base} = 10000; the vocabulary size is the row count of
 * {@code token_embd.weight}; embeddings are tied when there is no {@code output.weight};
 * Qwen2 always has q/k/v biases and Llama has them when {@code blk.0.attn_q.bias} is present.
 */
public final class GgufModelConfig {

    private GgufModelConfig() {
    }

    /** The model configuration described by {@code gguf}. */
    public static ModelConfig read(GgufFile gguf) {
        GgufMetadata m = gguf.metadata();
        String arch = m.requireString("general.architecture");
        Architecture architecture = switch (arch) {
            case "llama" -> Architecture.LLAMA;
            case "qwen2" -> Architecture.QWEN2;
            case "qwen3" -> Architecture.QWEN3;
            default -> throw new CheckpointException(gguf.file(), "general.architecture is '" + arch
                    + "'; ThinkTrace runs llama, qwen2 and qwen3 GGUF files");
        };
        int hidden = positive(gguf, m.requireInteger(arch + ".embedding_length"), arch + ".embedding_length");
        int intermediate = positive(gguf, m.requireInteger(arch + ".feed_forward_length"), arch + ".feed_forward_length");
        int layers = positive(gguf, m.requireInteger(arch + ".block_count"), arch + ".block_count");
        int heads = positive(gguf, m.requireInteger(arch + ".attention.head_count"), arch + ".attention.head_count");
        int kvHeads = positive(gguf, m.integerOr(arch + ".attention.head_count_kv", heads),
                arch + ".attention.head_count_kv");
        if (heads % kvHeads != 0) {
            throw new CheckpointException(gguf.file(), arch + ".attention.head_count_kv (" + kvHeads
                    + ") must divide " + arch + ".attention.head_count (" + heads + ")");
        }
        String headDimKey = arch + ".attention.key_length";
        if (!m.has(headDimKey) && hidden % heads != 0) {
            throw new CheckpointException(gguf.file(), arch + ".embedding_length (" + hidden + ") is not a multiple of "
                    + arch + ".attention.head_count (" + heads + ") and no " + headDimKey + " is given");
        }
        int headDim = positive(gguf, m.integerOr(headDimKey, hidden / heads), headDimKey);
        if (headDim % 2 != 0) {
            String source = m.has(headDimKey) ? "" : " (absent: " + arch + ".embedding_length / " + arch
                    + ".attention.head_count = " + hidden + " / " + heads + ")";
            throw new CheckpointException(gguf.file(), headDimKey + source + " is " + headDim
                    + ", not even; RoPE rotates pairs of dimensions");
        }
        int contextLength = positive(gguf, m.requireInteger(arch + ".context_length"), arch + ".context_length");
        double eps = positiveFinite(gguf, arch + ".attention.layer_norm_rms_epsilon", Double.NaN);
        double theta = positiveFinite(gguf, arch + ".rope.freq_base", 10000.0);
        RopeScaling ropeScaling = ropeScaling(gguf, arch, headDim, contextLength);
        if (ropeScaling instanceof YarnRopeScaling && !(theta > 1)) {
            throw new CheckpointException(gguf.file(), arch + ".rope.freq_base is " + theta + "; YaRN scaling needs a"
                    + " RoPE base above 1 (it divides by its logarithm)");
        }
        GgufTensorInfo embeddings = gguf.tensor("token_embd.weight");
        int vocab = positive(gguf, embeddings.rowCount(), "token_embd.weight rows");
        boolean tied = !gguf.tensors().containsKey("output.weight");
        boolean bias = architecture == Architecture.QWEN2 || gguf.tensors().containsKey("blk.0.attn_q.bias");
        Integer bos = m.has("tokenizer.ggml.bos_token_id")
                ? tokenId(gguf, "tokenizer.ggml.bos_token_id", vocab) : null;
        List<Integer> eos = new ArrayList<>();
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id")) {
            if (m.has(key)) {
                int id = tokenId(gguf, key, vocab);
                if (!eos.contains(id)) {
                    eos.add(id);
                }
            }
        }
        return new ModelConfig(architecture, hidden, intermediate, layers, heads, kvHeads, headDim, vocab,
                contextLength, eps, theta, ropeScaling, tied, bias, architecture == Architecture.QWEN3, bos, eos);
    }

    /** Whether q/k rows in this file are in llama.cpp's interleaved order (see {@link GgufTensorNames#unpermuteRotaryRows}). */
    public static boolean hasPermutedQk(ModelConfig config) {
        return config.architecture() == Architecture.LLAMA;
    }

    /**
     * The number at {@code key} ({@code fallback} when absent; NaN means required). GGUF stores
     * these as FLOAT32, which turns 1e-6 into 9.99999997e-7; the shortest decimal that reads back
     * as the same float recovers the value the model's config.json gave.
     */
    private static double decimal(GgufMetadata m, String key, double fallback) {
        if (!m.has(key) && !Double.isNaN(fallback)) {
            return fallback;
        }
        Object value = m.values().get(key);
        return value instanceof Float f ? Double.parseDouble(Float.toString(f)) : m.requireNumber(key);
    }

    /** The number at {@code key} as {@link #decimal} reads it, refused unless positive and finite. */
    private static double positiveFinite(GgufFile gguf, String key, double fallback) {
        double value = decimal(gguf.metadata(), key, fallback);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new CheckpointException(gguf.file(), key + " is " + value + ", not a positive finite number");
        }
        return value;
    }

    /** The tensor that holds llama.cpp's per-frequency RoPE divisors (Llama 3.1's llama3 scaling). */
    static final String ROPE_FREQS = "rope_freqs.weight";

    /**
     * The file's RoPE scaling: YaRN from its {@code rope.scaling.*} metadata ({@link #yarn}), else its
     * {@value #ROPE_FREQS} divisors ({@link RopeFrequencyFactors}), or null without either; another
     * {@code rope.scaling.type} (linear) is refused.
     */
    private static RopeScaling ropeScaling(GgufFile gguf, String arch, int headDim, int contextLength) {
        String typeKey = arch + ".rope.scaling.type";
        String type = gguf.metadata().stringOr(typeKey, "none");
        if (type.equals("yarn")) {
            if (gguf.tensors().containsKey(ROPE_FREQS)) {
                throw new CheckpointException(gguf.file(), typeKey + " is 'yarn' and the file also holds " + ROPE_FREQS
                        + "; a model has one RoPE scaling");
            }
            return yarn(gguf, arch, contextLength);
        }
        if (!type.equals("none")) {
            throw new CheckpointException(gguf.file(), typeKey + " is '" + type + "'; ThinkTrace reads 'yarn' (or a "
                    + ROPE_FREQS + " tensor, Llama 3.1's scaling) from GGUF files; open the model's Hugging Face folder"
                    + " instead");
        }
        if (!gguf.tensors().containsKey(ROPE_FREQS)) {
            return null;
        }
        GgufTensorInfo tensor = gguf.tensor(ROPE_FREQS);
        if (tensor.dims().length != 1 || tensor.dims()[0] != headDim / 2) {
            throw new CheckpointException(gguf.file(), "tensor " + ROPE_FREQS + " has shape "
                    + Arrays.toString(tensor.dims()) + ", not one factor per rotary frequency ["
                    + headDim / 2 + "]");
        }
        float[] values;
        try (GgufTensorReader reader = new GgufTensorReader(gguf)) {
            values = reader.readAll(tensor);
        }
        double[] factors = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            factors[i] = values[i];
        }
        try {
            return new RopeFrequencyFactors(factors);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(gguf.file(), "tensor " + ROPE_FREQS + ": " + e.getMessage());
        }
    }

    /**
     * YaRN as llama.cpp's converter writes it (DeepSeek-R1-0528-Qwen3-8B): {@code rope.scaling.factor} (required, at
     * least 1), {@code rope.scaling.original_context_length} (default: the context length) and
     * {@code rope.scaling.attn_factor}, a multiplier on the default attention factor {@code 0.1 ln(factor) + 1} as
     * llama.cpp applies it (default 1); the ramp's bounds are YaRN's defaults (beta fast 32, slow 1), which
     * llama.cpp's converter does not write.
     */
    private static YarnRopeScaling yarn(GgufFile gguf, String arch, int contextLength) {
        GgufMetadata m = gguf.metadata();
        String factorKey = arch + ".rope.scaling.factor";
        double factor = decimal(m, factorKey, Double.NaN);
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new CheckpointException(gguf.file(), factorKey + " is " + factor + "; YaRN needs a finite factor of"
                    + " at least 1");
        }
        int original = positive(gguf, m.integerOr(arch + ".rope.scaling.original_context_length", contextLength),
                arch + ".rope.scaling.original_context_length");
        double attnFactor = positiveFinite(gguf, arch + ".rope.scaling.attn_factor", 1.0);
        return new YarnRopeScaling(factor, original, YarnRopeScaling.DEFAULT_BETA_FAST, YarnRopeScaling.DEFAULT_BETA_SLOW,
                true, YarnRopeScaling.defaultAttentionFactor(factor, 0, 0) * attnFactor);
    }

    private static int tokenId(GgufFile gguf, String key, int vocab) {
        long id = gguf.metadata().requireInteger(key);
        if (id < 0 || id >= vocab) {
            throw new CheckpointException(gguf.file(), key + " is " + id + ", outside the vocabulary of " + vocab);
        }
        return (int) id;
    }

    private static int positive(GgufFile gguf, long value, String key) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new CheckpointException(gguf.file(), key + " is " + value + ", not a positive int");
        }
        return (int) value;
    }
}
