package org.thinktrace.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a HuggingFace model folder's {@code config.json} (and {@code generation_config.json},
 * whose {@code bos_token_id} / {@code eos_token_id} win when present) into a {@link ModelConfig}.
 *
 * <p>Supported: {@code Qwen2ForCausalLM} (q/k/v biases always), {@code LlamaForCausalLM}
 * ({@code attention_bias}, default false), {@code Qwen3ForCausalLM} (q/k norms, {@code head_dim}
 * required, {@code attention_bias}); for each, {@code rope_scaling} null or of type {@code llama3}
 * or {@code yarn} (optional YaRN keys take HuggingFace's defaults).
 * Defaults follow the HuggingFace config classes where a field is optional there:
 * {@code num_key_value_heads} = heads, {@code head_dim} = hidden / heads,
 * {@code tie_word_embeddings} = false. Sizes, {@code rms_norm_eps}, {@code rope_theta} and
 * {@code max_position_embeddings} are required, since a silently assumed value would produce a
 * model that runs and talks nonsense.
 *
 * <p>Every problem raises {@link ModelConfigException} naming the file and the field.
 */
public final class ModelConfigLoader {

    /** The config file name inside a model folder. */
    public static final String CONFIG_FILE = "config.json";
    /** The generation config file name inside a model folder. */
    public static final String GENERATION_CONFIG_FILE = "generation_config.json";


    private ModelConfigLoader() {
    }

    /**
     * Loads the config of the model in {@code folder} (a path to its {@code config.json} works too).
     *
     * @throws ModelConfigException when config.json is missing or unreadable, names an unknown
     *                              architecture, or has a missing or out-of-range field
     */
    public static ModelConfig load(Path path) {
        Path folder = path.getFileName() != null && path.getFileName().toString().equals(CONFIG_FILE)
                && Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path;
        Path configFile = folder.resolve(CONFIG_FILE);
        JsonFields config = JsonFields.root(configFile, readObject(configFile));
        Path generationFile = folder.resolve(GENERATION_CONFIG_FILE);
        JsonFields generation = Files.isRegularFile(generationFile)
                ? JsonFields.root(generationFile, readObject(generationFile))
                : null;
        return parse(config, generation);
    }

    private static JsonNode readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelConfigException(file, "missing; a model folder needs the config.json of its"
                    + " HuggingFace checkpoint");
        }
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelConfigException(file, "not readable JSON: " + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelConfigException(file, "not a JSON object");
        }
        return root;
    }

    private static ModelConfig parse(JsonFields config, JsonFields generation) {
        Architecture architecture = architecture(config);
        int hiddenSize = config.positiveInt("hidden_size");
        int intermediateSize = config.positiveInt("intermediate_size");
        int layers = config.positiveInt("num_hidden_layers");
        int heads = config.positiveInt("num_attention_heads");
        int kvHeads = config.positiveInt("num_key_value_heads", heads);
        if (heads % kvHeads != 0) {
            throw config.error("num_key_value_heads", "(" + kvHeads + ") must divide num_attention_heads (" + heads + ")");
        }
        int headDim = headDim(config, architecture, hiddenSize, heads);
        int vocabSize = config.positiveInt("vocab_size");
        int maxPositions = config.positiveInt("max_position_embeddings");
        double eps = config.positiveDouble("rms_norm_eps");
        double theta = config.positiveDouble("rope_theta");
        RopeScaling ropeScaling = RopeScalingReader.read(config, maxPositions);
        if (ropeScaling instanceof YarnRopeScaling && !(theta > 1)) {
            throw config.error("rope_theta", "is " + theta + "; YaRN scaling needs a RoPE base above 1 (it divides by"
                    + " its logarithm)");
        }
        checkUnsupportedFeatures(config);
        boolean tie = config.bool("tie_word_embeddings", false);
        boolean attentionBias = architecture == Architecture.QWEN2 || config.bool("attention_bias", false);
        boolean qkNorm = architecture == Architecture.QWEN3;
        Integer bos = bosId(preferGeneration(config, generation, "bos_token_id"), vocabSize);
        List<Integer> eos = eosIds(preferGeneration(config, generation, "eos_token_id"), vocabSize);
        return new ModelConfig(architecture, hiddenSize, intermediateSize, layers, heads, kvHeads, headDim,
                vocabSize, maxPositions, eps, theta, ropeScaling, tie, attentionBias, qkNorm, bos, eos);
    }

    private static Architecture architecture(JsonFields config) {
        JsonNode list = config.node("architectures");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw config.error("architectures", "must be a non-empty list such as [\"Qwen2ForCausalLM\"]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode entry : list) {
            Architecture architecture = Architecture.fromHfName(entry.asText());
            if (architecture != null) {
                return architecture;
            }
            names.add(entry.asText());
        }
        throw config.error("architectures", "names " + names + ", none of which ThinkTrace runs (supported: "
                + Arrays.stream(Architecture.values()).map(Architecture::hfName).toList() + ")");
    }

    private static int headDim(JsonFields config, Architecture architecture, int hiddenSize, int heads) {
        if (architecture == Architecture.QWEN3 || config.has("head_dim")) {
            int headDim = config.positiveInt("head_dim");
            if (headDim % 2 != 0) {
                throw config.error("head_dim", "is " + headDim + ", not even; RoPE rotates pairs of dimensions");
            }
            return headDim;
        }
        if (hiddenSize % heads != 0) {
            throw config.error("hidden_size", "(" + hiddenSize + ") is not a multiple of num_attention_heads ("
                    + heads + ") and no head_dim is given");
        }
        if (hiddenSize / heads % 2 != 0) {
            throw config.error("hidden_size", "(" + hiddenSize + ") / num_attention_heads (" + heads + ") gives the odd"
                    + " head dimension " + hiddenSize / heads + " and no head_dim is given; RoPE rotates pairs of dimensions");
        }
        return hiddenSize / heads;
    }

    /** Refuses settings that would change the computation in ways the decoder does not implement. */
    private static void checkUnsupportedFeatures(JsonFields config) {
        if (config.has("hidden_act") && !config.text("hidden_act").equals("silu")) {
            throw config.error("hidden_act", "is \"" + config.text("hidden_act") + "\"; only \"silu\" is supported");
        }
        if (config.bool("mlp_bias", false)) {
            throw config.error("mlp_bias", "is true; MLP biases are not supported");
        }
        if (config.bool("use_sliding_window", false)) {
            throw config.error("use_sliding_window", "is true; sliding-window attention is not supported");
        }
    }

    /** generation_config.json wins for token ids when it sets them (R1-Distill-Qwen's BOS differs there). */
    private static JsonFields preferGeneration(JsonFields config, JsonFields generation, String field) {
        return generation != null && generation.has(field) ? generation : config;
    }

    private static Integer bosId(JsonFields source, int vocabSize) {
        JsonNode node = source.node("bos_token_id");
        return node == null ? null : tokenId(source, "bos_token_id", node, vocabSize);
    }

    private static List<Integer> eosIds(JsonFields source, int vocabSize) {
        JsonNode node = source.node("eos_token_id");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(tokenId(source, "eos_token_id", node, vocabSize));
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode item : node) {
            ids.add(tokenId(source, "eos_token_id", item, vocabSize));
        }
        return ids;
    }

    private static int tokenId(JsonFields source, String field, JsonNode node, int vocabSize) {
        int id = source.integer(field, node);
        if (id < 0 || id >= vocabSize) {
            throw source.error(field, "holds token id " + id + ", outside the vocabulary [0, " + vocabSize + ")");
        }
        return id;
    }
}
