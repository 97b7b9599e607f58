package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thinktrace.testing.Fixture;

/** Reads configs copied from the real DeepSeek-R1 checkpoints, the stories260K fixture, and broken variants. */
class ModelConfigLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** config.json of deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B. */
    static final String R1_QWEN_1_5B = """
            {
              "_name_or_path": "/cpfs01/shared/public/models/Qwen2.5-Math-1.5B",
              "architectures": ["Qwen2ForCausalLM"],
              "attention_dropout": 0.0,
              "bos_token_id": 151643,
              "eos_token_id": 151643,
              "hidden_act": "silu",
              "hidden_size": 1536,
              "initializer_range": 0.02,
              "intermediate_size": 8960,
              "max_position_embeddings": 131072,
              "max_window_layers": 21,
              "model_type": "qwen2",
              "num_attention_heads": 12,
              "num_hidden_layers": 28,
              "num_key_value_heads": 2,
              "rms_norm_eps": 1e-06,
              "rope_theta": 10000,
              "sliding_window": 4096,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.44.0",
              "use_cache": true,
              "use_mrope": false,
              "use_sliding_window": false,
              "vocab_size": 151936
            }
            """;

    /** generation_config.json of the R1-Distill models: BOS is the R1 begin-of-sentence token here. */
    static final String R1_QWEN_GENERATION = """
            {
              "_from_model_config": true,
              "bos_token_id": 151646,
              "eos_token_id": 151643,
              "do_sample": true,
              "temperature": 0.6,
              "top_p": 0.95,
              "transformers_version": "4.39.3"
            }
            """;

    /** config.json of deepseek-ai/DeepSeek-R1-Distill-Llama-8B (Llama 3.1 with llama3 RoPE scaling). */
    static final String R1_LLAMA_8B = """
            {
              "architectures": ["LlamaForCausalLM"],
              "attention_bias": false,
              "attention_dropout": 0.0,
              "bos_token_id": 128000,
              "eos_token_id": 128001,
              "hidden_act": "silu",
              "hidden_size": 4096,
              "initializer_range": 0.02,
              "intermediate_size": 14336,
              "max_position_embeddings": 131072,
              "mlp_bias": false,
              "model_type": "llama",
              "num_attention_heads": 32,
              "num_hidden_layers": 32,
              "num_key_value_heads": 8,
              "pretraining_tp": 1,
              "rms_norm_eps": 1e-05,
              "rope_scaling": {
                "factor": 8.0,
                "high_freq_factor": 4.0,
                "low_freq_factor": 1.0,
                "original_max_position_embeddings": 8192,
                "rope_type": "llama3"
              },
              "rope_theta": 500000.0,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.43.0.dev0",
              "use_cache": true,
              "vocab_size": 128256
            }
            """;

    /**
     * config.json of deepseek-ai/DeepSeek-R1-0528-Qwen3-8B: YaRN RoPE scaling. Not copied from the
     * checkpoint itself (no copy is available offline) but checked field by field against two public
     * copies of it: the config quoted in a vLLM issue about its NVFP4 re-quantisation (identical but
     * for "transformers_version" 4.51.3 and the added quantisation block) and a parameter-counting
     * script that lists it verbatim. Its generation_config.json is not known here and not used.
     */
    static final String R1_0528_QWEN3_8B = """
            {
              "architectures": ["Qwen3ForCausalLM"],
              "attention_bias": false,
              "attention_dropout": 0.0,
              "bos_token_id": 151643,
              "eos_token_id": 151645,
              "head_dim": 128,
              "hidden_act": "silu",
              "hidden_size": 4096,
              "initializer_range": 0.02,
              "intermediate_size": 12288,
              "max_position_embeddings": 131072,
              "max_window_layers": 36,
              "model_type": "qwen3",
              "num_attention_heads": 32,
              "num_hidden_layers": 36,
              "num_key_value_heads": 8,
              "rms_norm_eps": 1e-06,
              "rope_scaling": {
                "rope_type": "yarn",
                "factor": 4.0,
                "original_max_position_embeddings": 32768,
                "attn_factor": 0.8782488562869419
              },
              "rope_theta": 1000000,
              "sliding_window": null,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.51.0",
              "use_cache": true,
              "use_sliding_window": false,
              "vocab_size": 151936
            }
            """;

    @TempDir
    Path dir;

    private Path folder(String config, String generation) throws IOException {
        Files.writeString(dir.resolve("config.json"), config);
        if (generation != null) {
            Files.writeString(dir.resolve("generation_config.json"), generation);
        }
        return dir;
    }

    @Test
    void readsR1DistillQwen() throws IOException {
        ModelConfig c = ModelConfigLoader.load(folder(R1_QWEN_1_5B, R1_QWEN_GENERATION));

        assertEquals(new ModelConfig(Architecture.QWEN2, 1536, 8960, 28, 12, 2, 128, 151936, 131072, 1e-6, 10000,
                null, false, true, false, 151646, List.of(151643)), c);
        assertEquals(6, c.groupSize());
    }

    @Test
    void aPathToConfigJsonItselfIsAccepted() throws IOException {
        Path folder = folder(R1_QWEN_1_5B, R1_QWEN_GENERATION);
        assertEquals(ModelConfigLoader.load(folder), ModelConfigLoader.load(folder.resolve("config.json")));
    }

    @Test
    void withoutGenerationConfigTheIdsComeFromConfigJson() throws IOException {
        ModelConfig c = ModelConfigLoader.load(folder(R1_QWEN_1_5B, null));

        assertEquals(151643, c.bosTokenId());
        assertEquals(List.of(151643), c.eosTokenIds());
    }

    @Test
    void readsR1DistillLlamaWithItsLlama3RopeScaling() throws IOException {
        ModelConfig c = ModelConfigLoader.load(folder(R1_LLAMA_8B, null));

        assertEquals(new ModelConfig(Architecture.LLAMA, 4096, 14336, 32, 32, 8, 128, 128256, 131072, 1e-5, 500000,
                new Llama3RopeScaling(8.0, 1.0, 4.0, 8192), false, false, false, 128000, List.of(128001)), c);
    }

    @Test
    void olderTypeKeyOfRopeScalingIsAccepted() throws IOException {
        String config = R1_LLAMA_8B.replace("\"rope_type\": \"llama3\"", "\"type\": \"llama3\"")
                .replace("\"factor\": 8.0", "\"factor\": 16.0");
        assertEquals(new Llama3RopeScaling(16.0, 1.0, 4.0, 8192), ModelConfigLoader.load(folder(config, null)).ropeScaling());
    }

    @Test
    void readsR1Qwen3WithItsYarnScaling() throws IOException {
        ModelConfig c = ModelConfigLoader.load(folder(R1_0528_QWEN3_8B, null));

        YarnRopeScaling yarn = assertInstanceOf(YarnRopeScaling.class, c.ropeScaling());
        // attn_factor 0.8782488562869419 = 1 / (0.1 ln 4 + 1) cancels HF's default attention factor
        assertEquals(1.0, yarn.attentionFactor(), 1e-15);
        assertEquals(new ModelConfig(Architecture.QWEN3, 4096, 12288, 36, 32, 8, 128, 151936, 131072, 1e-6, 1000000,
                new YarnRopeScaling(4.0, 32768, 32, 1, true, yarn.attentionFactor()), false, false, true,
                151643, List.of(151645)), c);
    }

    @Test
    void yarnOptionalKeysTakeHuggingFaceDefaults() throws IOException {
        String config = r1Qwen3With("{\"rope_type\": \"yarn\", \"factor\": 4.0}");
        YarnRopeScaling yarn = (YarnRopeScaling) ModelConfigLoader.load(folder(config, null)).ropeScaling();

        assertEquals(new YarnRopeScaling(4.0, 131072, 32, 1, true, 0.1 * Math.log(4) + 1), yarn,
                "original length = max_position_embeddings, betas 32 / 1, truncate, attention factor 0.1 ln 4 + 1");
    }

    @Test
    void yarnKeysGivenInTheFileAreAllRead() throws IOException {
        String config = r1Qwen3With("{\"type\": \"yarn\", \"factor\": 40, \"original_max_position_embeddings\": 4096,"
                + " \"beta_fast\": 16, \"beta_slow\": 2, \"truncate\": false, \"mscale\": 1.0,"
                + " \"mscale_all_dim\": 0.8}");
        YarnRopeScaling yarn = (YarnRopeScaling) ModelConfigLoader.load(folder(config, null)).ropeScaling();

        assertEquals(new YarnRopeScaling(40, 4096, 16, 2, false, (0.1 * 1.0 * Math.log(40) + 1) / (0.1 * 0.8 * Math.log(40) + 1)), yarn);
    }

    @Test
    void explicitYarnAttentionFactorWinsOverMscale() throws IOException {
        String config = r1Qwen3With("{\"rope_type\": \"yarn\", \"factor\": 4, \"attention_factor\": 0.75,"
                + " \"mscale\": 1.0, \"mscale_all_dim\": 0.5}");

        assertEquals(0.75, ((YarnRopeScaling) ModelConfigLoader.load(folder(config, null)).ropeScaling()).attentionFactor());
    }

    @Test
    void readsQwen3WithQkNormAndExplicitHeadDim() throws IOException {
        String config = r1Qwen3With("null")
                .replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 16")
                .replace("\"eos_token_id\": 151645", "\"eos_token_id\": [151645, 151643]");
        ModelConfig c = ModelConfigLoader.load(folder(config, null));

        assertEquals(Architecture.QWEN3, c.architecture());
        assertEquals(128, c.headDim(), "head_dim is read, not hidden/heads = 256");
        assertTrue(c.qkNorm());
        assertFalse(c.attentionBias());
        assertNull(c.ropeScaling());
        assertEquals(List.of(151645, 151643), c.eosTokenIds());
    }

    @Test
    void readsTheStories260KFixture() {
        Path fixture = Fixture.inRepository("models/stories260K");

        ModelConfig c = ModelConfigLoader.load(fixture);

        assertEquals(new ModelConfig(Architecture.LLAMA, 64, 172, 5, 8, 4, 8, 512, 512, 1e-5, 10000,
                null, true, false, false, 1, List.of(2)), c);
    }

    static Stream<Arguments> brokenConfigs() {
        return Stream.of(
                broken("unknown architecture", c -> c.putArray("architectures").add("MistralForCausalLM"),
                        "\"architectures\"", "MistralForCausalLM", "Qwen2ForCausalLM"),
                broken("missing hidden_size", c -> c.remove("hidden_size"), "\"hidden_size\" is missing"),
                broken("hidden_size as text", c -> c.put("hidden_size", "1536"), "\"hidden_size\"", "integer"),
                broken("zero vocabulary", c -> c.put("vocab_size", 0), "\"vocab_size\"", "positive"),
                broken("negative layers", c -> c.put("num_hidden_layers", -28), "\"num_hidden_layers\"", "-28"),
                broken("heads not divisible", c -> c.put("num_key_value_heads", 5), "\"num_key_value_heads\"", "(5)", "(12)"),
                broken("zero eps", c -> c.put("rms_norm_eps", 0.0), "\"rms_norm_eps\"", "positive"),
                broken("negative theta", c -> c.put("rope_theta", -1), "\"rope_theta\"", "-1"),
                broken("missing max positions", c -> c.remove("max_position_embeddings"), "\"max_position_embeddings\" is missing"),
                broken("hidden not divisible by heads", c -> c.put("num_attention_heads", 7).put("num_key_value_heads", 7),
                        "\"hidden_size\"", "(1536)", "(7)", "head_dim"),
                broken("odd head_dim", c -> c.put("head_dim", 3), "\"head_dim\" is 3", "not even"),
                broken("odd hidden / heads", c -> c.put("num_attention_heads", 512), "\"hidden_size\"", "(1536)", "(512)",
                        "odd head dimension 3"),
                broken("eos beyond vocabulary", c -> c.put("eos_token_id", 151936), "\"eos_token_id\"", "151936"),
                broken("eos list with text", c -> c.putArray("eos_token_id").add(1).add("x"), "\"eos_token_id\"", "integer"),
                broken("gelu activation", c -> c.put("hidden_act", "gelu"), "\"hidden_act\"", "gelu"),
                broken("sliding window", c -> c.put("use_sliding_window", true), "\"use_sliding_window\""),
                broken("qwen3 without head_dim", c -> c.putArray("architectures").add("Qwen3ForCausalLM"),
                        "\"head_dim\" is missing"),
                broken("llama3 scaling without low_freq_factor", c -> llama3(c).remove("low_freq_factor"),
                        "\"rope_scaling.low_freq_factor\" is missing"),
                broken("llama3 scaling without original length", c -> llama3(c).remove("original_max_position_embeddings"),
                        "\"rope_scaling.original_max_position_embeddings\" is missing"),
                broken("llama3 scaling with high below low", c -> llama3(c).put("high_freq_factor", 0.5),
                        "\"rope_scaling.high_freq_factor\""),
                broken("linear scaling", c -> c.putObject("rope_scaling").put("type", "linear").put("factor", 2.0),
                        "\"rope_scaling.type\"", "\"linear\"", "\"yarn\""),
                broken("yarn without factor", c -> yarn(c).remove("factor"), "\"rope_scaling.factor\" is missing"),
                broken("yarn on a RoPE base of 1", c -> yarn(c.put("rope_theta", 1.0)),
                        "\"rope_theta\"", "is 1.0", "above 1"),
                broken("yarn factor below 1", c -> yarn(c).put("factor", 0.5), "\"rope_scaling.factor\"", "0.5"),
                broken("yarn original length as text", c -> yarn(c).put("original_max_position_embeddings", "32k"),
                        "\"rope_scaling.original_max_position_embeddings\"", "integer"),
                broken("yarn zero beta_slow", c -> yarn(c).put("beta_slow", 0), "\"rope_scaling.beta_slow\"", "positive"),
                broken("yarn beta_fast below beta_slow", c -> yarn(c).put("beta_fast", 0.5),
                        "\"rope_scaling.beta_fast\"", "(0.5)", "beta_slow (1.0)"),
                broken("yarn truncate as text", c -> yarn(c).put("truncate", "yes"), "\"rope_scaling.truncate\"", "true or false"),
                broken("yarn negative mscale", c -> yarn(c).put("mscale", -1), "\"rope_scaling.mscale\"", "-1"),
                broken("yarn mscale_all_dim as text", c -> yarn(c).put("mscale_all_dim", "1"),
                        "\"rope_scaling.mscale_all_dim\"", "number"),
                broken("yarn zero attention factor", c -> yarn(c).put("attention_factor", 0.0),
                        "\"rope_scaling.attention_factor\"", "positive"),
                broken("yarn negative attn_factor", c -> yarn(c).put("attn_factor", -0.9),
                        "\"rope_scaling.attn_factor\"", "-0.9"),
                broken("yarn with both attention factors", c -> yarn(c).put("attention_factor", 1.0).put("attn_factor", 0.9),
                        "\"rope_scaling.attn_factor\"", "attention_factor"),
                broken("scaling without type", c -> c.putObject("rope_scaling").put("factor", 2.0),
                        "\"rope_scaling.type\" is missing"));
    }

    private static ObjectNode llama3(ObjectNode config) {
        return config.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0)
                .put("low_freq_factor", 1.0).put("high_freq_factor", 4.0).put("original_max_position_embeddings", 8192);
    }

    /** The R1-0528-Qwen3-8B config with its rope_scaling value replaced by {@code json}. */
    private static String r1Qwen3With(String ropeScaling) {
        return R1_0528_QWEN3_8B.replaceAll("(?s)\"rope_scaling\": \\{.*?},",
                Matcher.quoteReplacement("\"rope_scaling\": " + ropeScaling + ","));
    }

    private static ObjectNode yarn(ObjectNode config) {
        return config.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0)
                .put("original_max_position_embeddings", 32768);
    }

    private static Arguments broken(String name, Consumer<ObjectNode> damage, String... expected) {
        return Arguments.of(name, damage, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void brokenConfigNamesFileAndField(String name, Consumer<ObjectNode> damage, String[] expected) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(R1_QWEN_1_5B);
        damage.accept(config);
        Path folder = folder(JSON.writeValueAsString(config), null);

        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(folder));

        assertEquals(folder.resolve("config.json"), e.file());
        assertMessage(e, Stream.concat(Stream.of("config.json"), Stream.of(expected)).toArray(String[]::new));
    }

    @Test
    void missingConfigIsNamed() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(dir));
        assertMessage(e, dir.resolve("config.json").toString(), "missing");
    }

    @Test
    void configThatIsNotJsonIsNamed() throws IOException {
        Path folder = folder("{\"hidden_size\": 12,,}", null);
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(folder));
        assertMessage(e, "config.json", "not readable JSON");
    }

    @Test
    void configThatIsAnArrayIsNamed() throws IOException {
        Path folder = folder("[1, 2]", null);
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(folder));
        assertMessage(e, "config.json", "not a JSON object");
    }

    @Test
    void brokenGenerationConfigIsNamed() throws IOException {
        Path folder = folder(R1_QWEN_1_5B, "{\"eos_token_id\": -3}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(folder));
        assertMessage(e, "generation_config.json", "\"eos_token_id\"", "-3");
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }
}
