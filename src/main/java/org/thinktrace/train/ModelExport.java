package org.thinktrace.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.thinktrace.model.DecoderWeights;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.SafetensorsWriter;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;

/**
 * Writes trained weights in HuggingFace layout beside the tokenizer files: {@code config.json}
 * ({@code Qwen2ForCausalLM}), {@code generation_config.json} (R1's recommended sampling) and
 * {@code model.safetensors} in BF16 like real R1 checkpoints, so the model loads through the same
 * path as any downloaded checkpoint.
 */
public final class ModelExport {

    /** R1's recommended sampling temperature. */
    static final double TEMPERATURE = 0.6;
    /** R1's recommended nucleus. */
    static final double TOP_P = 0.95;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelExport() {
    }

    /**
     * Writes the three files into {@code dir} (created if needed). A model trained by the second
     * teacher edition or later records it in {@code config.json} under {@link TeacherEdition#CONFIG_KEY};
     * a first-edition export has no such key (as the first-edition bundled model, which it reproduces).
     */
    public static void write(Path dir, DecoderWeights weights, TeacherEdition teacher) throws IOException {
        write(dir, weights.config(), weights.toTensorData(TensorDataType.F32), teacher);
    }

    /**
     * As {@link #write(Path, DecoderWeights, TeacherEdition)}, for weights held as tensors keyed by checkpoint key (a
     * {@link WeightAverages weight average}); they are written in BF16 whatever their type.
     */
    public static void write(Path dir, ModelConfig config, Map<String, TensorData> tensors, TeacherEdition teacher)
            throws IOException {
        if (!config.architecture().hfName().equals("Qwen2ForCausalLM") || config.headDim() * config.numAttentionHeads() != config.hiddenSize()) {
            throw new IllegalArgumentException("export writes Qwen2 configs with head_dim = hidden_size / heads, got "
                    + config.architecture() + " head_dim " + config.headDim());
        }
        Map<String, TensorData> bf16 = new LinkedHashMap<>();
        tensors.forEach((key, tensor) -> bf16.put(key, new TensorData(TensorDataType.BF16, tensor.shape(), tensor.values())));
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(ModelConfigLoader.CONFIG_FILE).toFile(), configJson(config, teacher));
        JSON.writeValue(dir.resolve(ModelConfigLoader.GENERATION_CONFIG_FILE).toFile(), generationConfig(config));
        SafetensorsWriter.write(dir.resolve(SafetensorsWriter.SINGLE_FILE), bf16, Map.of("format", "pt"));
    }

    private static Map<String, Object> configJson(ModelConfig c, TeacherEdition teacher) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architectures", new String[] {c.architecture().hfName()});
        json.put("model_type", "qwen2");
        json.put("attention_dropout", 0.0);
        json.put("bos_token_id", c.bosTokenId());
        json.put("eos_token_id", c.eosTokenIds().get(0));
        json.put("hidden_act", "silu");
        json.put("hidden_size", c.hiddenSize());
        json.put("initializer_range", 0.02);
        json.put("intermediate_size", c.intermediateSize());
        json.put("max_position_embeddings", c.maxPositionEmbeddings());
        json.put("max_window_layers", c.numHiddenLayers());
        json.put("num_attention_heads", c.numAttentionHeads());
        json.put("num_hidden_layers", c.numHiddenLayers());
        json.put("num_key_value_heads", c.numKeyValueHeads());
        json.put("rms_norm_eps", c.rmsNormEps());
        json.put("rope_theta", c.ropeTheta());
        json.put("sliding_window", c.maxPositionEmbeddings());
        json.put("tie_word_embeddings", c.tieWordEmbeddings());
        json.put("torch_dtype", "bfloat16");
        json.put("use_cache", true);
        json.put("use_sliding_window", false);
        json.put("vocab_size", c.vocabSize());
        if (teacher != TeacherEdition.FIRST) {
            json.put(TeacherEdition.CONFIG_KEY, teacher.number());
        }
        return json;
    }

    private static Map<String, Object> generationConfig(ModelConfig c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bos_token_id", c.bosTokenId());
        json.put("eos_token_id", c.eosTokenIds().get(0));
        json.put("do_sample", true);
        json.put("temperature", TEMPERATURE);
        json.put("top_p", TOP_P);
        return json;
    }
}
