package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.SafetensorsWriter;
import org.thinktrace.model.TensorData;
import org.thinktrace.model.TensorDataType;

class ModelFolderTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFolderAndAFileAreNamedAsSuch() throws IOException {
        assertEquals(List.of("the folder does not exist"), ModelFolder.problems(dir.resolve("nope"), true));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertEquals(List.of("it is a file, not a folder"), ModelFolder.problems(file, true));
    }

    @Test
    void anEmptyFolderListsEveryMissingPiece() {
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("config.json is missing"));
        assertTrue(problems.get(1).startsWith("tokenizer.json is missing"));
        assertTrue(problems.get(2).startsWith("no weights"));
        assertEquals(2, ModelFolder.problems(dir, false).size(), "weights are not needed for prompts only");
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelFolder.check(dir, true));
        assertTrue(e.getMessage().contains("tokenizer.json is missing"), e.getMessage());
        assertEquals(problems, e.problems());
    }

    @Test
    void pickleOnlyWeightsAreRefusedWithTheReason() throws IOException {
        Files.writeString(dir.resolve("config.json"), VALID_CONFIG);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("pytorch_model.bin"), "");
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("pickle") && problems.get(0).contains("safetensors"), problems.get(0));
    }

    /** A config.json that ModelConfigLoader accepts: a small Qwen2. */
    private static final String VALID_CONFIG = """
            {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 8,
             "intermediate_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1,
             "vocab_size": 32, "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 10000.0,
             "tie_word_embeddings": true, "torch_dtype": "float32", "bos_token_id": 1, "eos_token_id": 2}""";

    private void writeWeights() throws IOException {
        SafetensorsWriter.write(dir.resolve("model.safetensors"),
                Map.of("model.norm.weight", TensorData.of(TensorDataType.F32, new float[8], 8)));
    }

    private void writeCompleteFolder() throws IOException {
        Files.writeString(dir.resolve("config.json"), VALID_CONFIG);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        writeWeights();
    }

    @Test
    void aCompleteFolderHasNoProblems() throws IOException {
        writeCompleteFolder();
        assertEquals(List.of(), ModelFolder.problems(dir, true));
    }

    @Test
    void aBadConfigCorruptWeightsAndNoTokenizerAreAllNamedWithWhatToDo() throws IOException {
        Files.writeString(dir.resolve("config.json"), VALID_CONFIG.replace("\"hidden_size\": 8", "\"hidden_size\": -8"));
        Files.write(dir.resolve("model.safetensors"), new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, '{'});
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("config.json") && problems.get(0).contains("hidden_size")
                && problems.get(0).contains("take config.json again"), problems.get(0));
        assertTrue(problems.get(1).startsWith("tokenizer.json is missing") && problems.get(1).contains("Copy it"),
                problems.get(1));
        assertTrue(problems.get(2).contains("model.safetensors") && problems.get(2).contains("download it again"),
                problems.get(2));
        assertFalse(String.join("", problems).contains(".."), problems.toString());
    }

    @Test
    void pickleAdviceLoadsTensorsOnly() throws IOException {
        Files.writeString(dir.resolve("config.json"), VALID_CONFIG);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("pytorch_model.bin"), "");
        String advice = ModelFolder.problems(dir, true).getFirst();
        assertTrue(advice.contains("weights_only=True") && advice.contains("save_file("), advice);
        assertFalse(advice.replace("weights_only=True", "").contains("torch.load(f, map_location='cpu')"), advice);
    }

    @Test
    void loadingAFolderWithABrokenConfigNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{ not json");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("model.safetensors"), "");
        ModelFolderException e = assertThrows(ModelFolderException.class,
                () -> ModelSource.at(dir).load(LoadOptions.defaults(), LoadProgress.NONE));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void anOptionalFileThatCannotBeReadIsNamedAndAMissingOneIsFine() throws IOException {
        writeCompleteFolder();
        assertEquals(List.of(), ModelFolder.problems(dir, true),
                "tokenizer_config.json and generation_config.json are optional");
        Files.createDirectory(dir.resolve("tokenizer_config.json"));
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("tokenizer_config.json is a folder, not a file")
                && problems.get(0).contains("optional"), problems.get(0));
    }

    @Test
    void aBadGenerationConfigIsTheFileToTakeAgain() throws IOException {
        writeCompleteFolder();
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": \"x\"}");
        List<String> problems = ModelFolder.problems(dir, true);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("generation_config.json: field \"eos_token_id\"")
                && problems.get(0).contains("take generation_config.json again"), problems.get(0));
    }

    @Test
    void safetensorsFilesUnderOtherNamesAreWeights() throws IOException {
        Files.writeString(dir.resolve("config.json"), VALID_CONFIG);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        SafetensorsWriter.write(dir.resolve("weights-a.safetensors"),
                Map.of("model.norm.weight", TensorData.of(TensorDataType.F32, new float[8], 8)));
        assertEquals(List.of(), ModelFolder.problems(dir, true));
        Files.delete(dir.resolve("weights-a.safetensors"));
        String noWeights = ModelFolder.problems(dir, true).getFirst();
        assertTrue(noWeights.startsWith("no weights") && noWeights.contains("other *.safetensors files"), noWeights);
    }

    @Test
    void anEosTokenTheEmbeddingHasNoRowForIsRefusedAtLoadAnUnusedOneLoggedAndPaddedRowsAreFine() throws Exception {
        Path bundled = Path.of("models/thinktrace-r1-tiny");
        for (String name : List.of("tokenizer_config.json", "generation_config.json")) {
            Files.copy(bundled.resolve(name), dir.resolve(name));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizer = (ObjectNode) json.readTree(bundled.resolve("tokenizer.json").toFile());
        ((ArrayNode) tokenizer.get("added_tokens")).addObject().put("id", 1024).put("content", "<evil>")
                .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false)
                .put("special", true);
        json.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
        ObjectNode config = (ObjectNode) json.readTree(bundled.resolve("config.json").toFile());
        json.writeValue(dir.resolve("config.json").toFile(), config);

        try (ModelText text = ModelSource.at(dir).loadText()) { // an unused added token: logged, only its prompts fail
            assertEquals(1025, text.tokenizer().vocabSize());
        }
        ObjectNode settings = (ObjectNode) json.readTree(bundled.resolve("tokenizer_config.json").toFile());
        json.writeValue(dir.resolve("tokenizer_config.json").toFile(), settings.put("eos_token", "<evil>"));
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelSource.at(dir).loadText());
        assertTrue(e.getMessage().contains(dir.resolve("tokenizer.json") + ": added token '<evil>' has id 1024 but"
                + " config.json has vocab_size 1024"), e.getMessage());

        json.writeValue(dir.resolve("config.json").toFile(), config.put("vocab_size", 1088));
        try (ModelText text = ModelSource.at(dir).loadText()) {
            assertEquals(1025, text.tokenizer().vocabSize());
        }
    }
}
