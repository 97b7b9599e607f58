package org.thinktrace.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random-weight checkpoint with the exact shapes of a real model, for benchmarks: a HuggingFace
 * folder ({@code config.json}, {@code generation_config.json}, {@code model.safetensors}) whose
 * projections and embeddings hold N(0, 0.02²) noise, norms 1 and biases 0, streamed to disk in
 * BF16 without ever holding a tensor in memory. Written once; an existing complete folder is reused.
 */
public final class SyntheticCheckpoint {

    /** Weight noise of projections and embeddings (HF {@code initializer_range}). */
    public static final float INITIALIZER_RANGE = 0.02f;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CHUNK_ELEMENTS = 1 << 20;

    private final String name;
    private final Map<String, Object> config;
    private final Map<String, Object> generationConfig;

    private SyntheticCheckpoint(String name, Map<String, Object> config, Map<String, Object> generationConfig) {
        this.name = name;
        this.config = config;
        this.generationConfig = generationConfig;
    }

    /** The shapes of DeepSeek-R1-Distill-Qwen-1.5B (its {@code config.json}, values verbatim). */
    public static SyntheticCheckpoint qwen2OnePointFiveB() {
        return qwen2("qwen2-1.5b", 1536, 8960, 28, 12, 2, 151936, 131072, 10000.0, false);
    }

    /** The shapes of DeepSeek-R1-Distill-Qwen-7B (hidden 3584, MLP 18944, 28 layers, 28 query heads on 4 KV heads). */
    public static SyntheticCheckpoint qwen2SevenB() {
        return qwen2("qwen2-7b", 3584, 18944, 28, 28, 4, 152064, 131072, 10000.0, false);
    }

    /** The shapes of DeepSeek-R1-Distill-Qwen-14B (hidden 5120, MLP 13824, 48 layers, 40 query heads on 8 KV heads). */
    public static SyntheticCheckpoint qwen2FourteenB() {
        return qwen2("qwen2-14b", 5120, 13824, 48, 40, 8, 152064, 131072, 1000000.0, false);
    }

    /**
     * The shapes of Qwen2.5-0.5B (hidden 896, MLP 4864, 24 layers, 14 query heads on 2 KV heads,
     * tied embeddings): a third of the 1.5B's weights, for measurements on a busy machine.
     */
    public static SyntheticCheckpoint qwen2HalfB() {
        return qwen2("qwen2-0.5b", 896, 4864, 24, 14, 2, 151936, 32768, 1000000.0, true);
    }

    private static SyntheticCheckpoint qwen2(String name, int hidden, int intermediate, int layers, int heads,
                                             int kvHeads, int vocab, int maxPositions, double ropeTheta, boolean tied) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("Qwen2ForCausalLM"));
        c.put("model_type", "qwen2");
        c.put("hidden_size", hidden);
        c.put("intermediate_size", intermediate);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("vocab_size", vocab);
        c.put("max_position_embeddings", maxPositions);
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", ropeTheta);
        c.put("tie_word_embeddings", tied);
        c.put("hidden_act", "silu");
        c.put("bos_token_id", 151643);
        c.put("eos_token_id", 151643);
        c.put("torch_dtype", "bfloat16");
        c.put("initializer_range", INITIALIZER_RANGE);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("bos_token_id", 151646);
        g.put("eos_token_id", 151643);
        g.put("do_sample", true);
        g.put("temperature", 0.6);
        g.put("top_p", 0.95);
        return new SyntheticCheckpoint(name, c, g);
    }

    /** The synthetic models {@link #named} knows. */
    public static List<String> names() {
        return List.of("qwen2-1.5b", "qwen2-0.5b", "qwen2-7b", "qwen2-14b");
    }

    /**
     * The synthetic model called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static SyntheticCheckpoint named(String name) {
        return switch (name) {
            case "qwen2-1.5b" -> qwen2OnePointFiveB();
            case "qwen2-0.5b" -> qwen2HalfB();
            case "qwen2-7b" -> qwen2SevenB();
            case "qwen2-14b" -> qwen2FourteenB();
            default -> throw new IllegalArgumentException("unknown synthetic model '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }

    /** The model's shapes, as {@link ModelConfigLoader} reads them from the written {@code config.json}. */
    public ModelConfig modelConfig() {
        int hidden = (Integer) config.get("hidden_size");
        int heads = (Integer) config.get("num_attention_heads");
        return new ModelConfig(Architecture.QWEN2, hidden, (Integer) config.get("intermediate_size"),
                (Integer) config.get("num_hidden_layers"), heads, (Integer) config.get("num_key_value_heads"),
                hidden / heads, (Integer) config.get("vocab_size"), (Integer) config.get("max_position_embeddings"),
                (Double) config.get("rms_norm_eps"), (Double) config.get("rope_theta"), null,
                (Boolean) config.get("tie_word_embeddings"), true, false, (Integer) config.get("bos_token_id"),
                List.of((Integer) config.get("eos_token_id")));
    }

    /** The short name, e.g. {@code qwen2-1.5b}. */
    public String name() {
        return name;
    }

    /**
     * Writes the checkpoint into {@code folder} unless a complete one is there already (the
     * safetensors file is written atomically and last, so its presence means complete).
     *
     * @return true when it was written now, false when it was reused
     */
    public boolean writeIfAbsent(Path folder, long seed) throws IOException {
        Path weights = folder.resolve(SafetensorsWriter.SINGLE_FILE);
        if (Files.isRegularFile(weights)) {
            return false;
        }
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve(ModelConfigLoader.CONFIG_FILE).toFile(), config);
        JSON.writeValue(folder.resolve(ModelConfigLoader.GENERATION_CONFIG_FILE).toFile(), generationConfig);
        ModelConfig parsed = ModelConfigLoader.load(folder);
        Map<String, TensorSource> tensors = new LinkedHashMap<>();
        long tensorSeed = seed;
        for (ParameterSpec spec : ParameterSpec.all(parsed)) {
            tensors.put(spec.key(), new RandomBf16Tensor(spec, tensorSeed++));
        }
        SafetensorsWriter.write(weights, tensors);
        return true;
    }

    /** One parameter filled as {@link ParameterSpec#init()} says, encoded as BF16 on the fly. */
    private record RandomBf16Tensor(ParameterSpec spec, long seed) implements TensorSource {

        @Override
        public TensorDataType dtype() {
            return TensorDataType.BF16;
        }

        @Override
        public long[] shape() {
            return spec.shape();
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            SplittableRandom random = new SplittableRandom(seed);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * 2).order(ByteOrder.LITTLE_ENDIAN);
            long remaining = spec.elementCount();
            while (remaining > 0) {
                int n = (int) Math.min(CHUNK_ELEMENTS, remaining);
                chunk.clear();
                for (int i = 0; i < n; i++) {
                    float value = switch (spec.init()) {
                        case NORMAL -> (float) (random.nextGaussian() * INITIALIZER_RANGE);
                        case ONES -> 1f;
                        case ZEROS -> 0f;
                    };
                    chunk.putShort(HalfFloats.floatToBf16(value));
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                remaining -= n;
            }
        }
    }
}
