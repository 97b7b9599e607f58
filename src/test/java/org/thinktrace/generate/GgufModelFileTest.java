package org.thinktrace.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.GgufFile;
import org.thinktrace.model.GgufTensorType;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.text.ChatTurn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled tiny model written as GGUF files ({@link TinyModelGguf}, as llama.cpp's converter lays them out)
 * and opened through {@link ModelSource#at}: the same prompt ids and greedy tokens as the model folder, F32 and
 * F16 exactly, Llama's permuted q/k rows un-permuted, Q8_0 and Q4_0 (converted to int8) within a reported
 * agreement; hostile tokenizer and template metadata refused naming the file and the key.
 */
class GgufModelFileTest {

    private static final Path FOLDER = BundledModel.locate().orElseThrow();
    private static final List<String> PROMPTS = List.of("What is 12 + 7?", "Is 91 a prime number?",
            "Sort 5, 3, 9 ascending.");
    private static final int TOKENS = 24;

    @TempDir
    static Path dir;
    private static LoadedModel folderModel;
    private static List<int[]> folderTokens;
    private static List<GenerationEvent.TokenInfo> folderInfos;

    @BeforeAll
    static void loadFolder() throws Exception {
        folderModel = ModelSource.at(FOLDER).load(LoadOptions.defaults(), LoadProgress.NONE);
        folderInfos = new ArrayList<>();
        folderTokens = greedy(folderModel, folderInfos);
    }

    @AfterAll
    static void close() {
        if (folderModel != null) folderModel.close();
    }

    @Test
    void f32GgufGeneratesTheFolderTokensAndHashesTheOneFile() throws Exception {
        Path file = TinyModelGguf.write(FOLDER, dir.resolve("tiny-F32.GGUF"), GgufTensorType.F32, "qwen2");
        assertInstanceOf(GgufModelFile.class, ModelSource.at(file), "the suffix is case-insensitive");
        List<long[]> progress = new ArrayList<>();
        try (LoadedModel gguf = ModelSource.at(file).load(LoadOptions.defaults(), (stage, done, total) -> {
            if (stage == LoadProgress.Stage.WEIGHTS) progress.add(new long[] {done, total});
        })) {
            assertEquals(List.of(file), gguf.weightFiles());
            assertEquals("tiny-F32.GGUF", gguf.name());
            long[] last = progress.getLast();
            assertEquals(last[1], last[0]);
            assertTrue(last[1] > 0.9 * Files.size(file) - 200_000, "progress counts the file's tensor bytes");
            assertEquals(folderModel.text().template().source(), gguf.text().template().source());
            assertEquals(folderModel.config().eosTokenIds(), gguf.config().eosTokenIds());
            List<GenerationEvent.TokenInfo> infos = new ArrayList<>();
            assertSameTokens(greedy(gguf, infos), 1.0);
            assertEquals(folderInfos, infos, "F32: the same probabilities, entropies and alternatives, bit for bit");
        }
    }

    @Test
    void f16GgufGeneratesTheFolderTokens() throws Exception {
        // the bundled weights are BF16: F16 holds each of them exactly unless it under/overflows
        Path file = TinyModelGguf.write(FOLDER, dir.resolve("tiny-F16.gguf"), GgufTensorType.F16, "qwen2");
        try (LoadedModel gguf = ModelSource.at(file).load(LoadOptions.defaults(), LoadProgress.NONE)) {
            assertSameTokens(greedy(gguf, new ArrayList<>()), 1.0);
        }
    }

    @Test
    void llamaGgufWithPermutedQkRowsGeneratesTheFolderTokens() throws Exception {
        Path file = TinyModelGguf.write(FOLDER, dir.resolve("tiny-llama.gguf"), GgufTensorType.F32, "llama");
        try (LoadedModel gguf = ModelSource.at(file).load(LoadOptions.defaults(), LoadProgress.NONE)) {
            List<GenerationEvent.TokenInfo> infos = new ArrayList<>();
            assertSameTokens(greedy(gguf, infos), 1.0);
            assertEquals(folderInfos, infos, "un-permuted rows give bit-identical distributions");
        }
    }

    /**
     * A Llama 3.1-style model (a llama3 {@code rope_scaling} block in the bundled folder's config, written as llama.cpp's
     * converter writes it: a {@code rope_freqs.weight} tensor) and a YaRN one (DeepSeek-R1-0528-Qwen3-8B's kind, written
     * as {@code rope.scaling.*} metadata): each GGUF gives its scaled folder's greedy tokens, which the scaling changes.
     */
    @ParameterizedTest
    @CsvSource({
        "llama, '{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 64}'",
        "qwen2, '{\"rope_type\": \"yarn\", \"factor\": 4.0, \"original_max_position_embeddings\": 64}'",
    })
    void ropeScalingFromAGgufGivesTheScaledFoldersTokens(String architecture, String ropeScaling) throws Exception {
        Path scaled = dir.resolve("scaled-" + architecture);
        Files.createDirectories(scaled);
        try (var files = Files.list(FOLDER)) {
            for (Path f : files.toList()) Files.copy(f, scaled.resolve(f.getFileName()));
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(scaled.resolve("config.json").toFile());
        config.set("rope_scaling", json.readTree(ropeScaling));
        json.writeValue(scaled.resolve("config.json").toFile(), config);
        List<int[]> folderScaled;
        try (LoadedModel model = ModelSource.at(scaled).load(LoadOptions.defaults(), LoadProgress.NONE)) {
            folderScaled = greedy(model, new ArrayList<>());
        }
        boolean changed = false;
        for (int p = 0; p < PROMPTS.size(); p++) changed |= !java.util.Arrays.equals(folderTokens.get(p), folderScaled.get(p));
        assertTrue(changed, "the scaling changes the model's tokens, so dropping it would be seen");
        Path file = TinyModelGguf.write(scaled, dir.resolve("tiny-scaled-" + architecture + ".gguf"), GgufTensorType.F32,
                architecture);
        try (LoadedModel gguf = ModelSource.at(file).load(LoadOptions.defaults(), LoadProgress.NONE)) {
            List<int[]> tokens = greedy(gguf, new ArrayList<>());
            for (int p = 0; p < PROMPTS.size(); p++) {
                assertArrayEquals(folderScaled.get(p), tokens.get(p), PROMPTS.get(p));
            }
        }
    }

    @Test
    void q8GgufLoadsAsInt8ByDefaultAndAgreesWithTheFolder() throws Exception {
        assertLoadedAgreeing(GgufTensorType.Q8_0, LoadOptions.defaults(), "INT8 (Q8_0 weights: converted to int8 at load)",
                0.9);                                                    // measured: 72 of 72
    }

    @Test
    void q4GgufLoadsAsQ4ByDefaultAndAsInt8WhenAsked() throws Exception {
        assertLoadedAgreeing(GgufTensorType.Q4_0, LoadOptions.defaults(), "Q4 (Q4_0 weights: kept as they are in q4)",
                0.5);                                                    // measured: 72 of 72
        assertLoadedAgreeing(GgufTensorType.Q4_0, INT8, "INT8 (Q4_0 weights: converted to int8 at load)", 0.5);
    }

    private static final LoadOptions INT8 = LoadOptions.defaults().withPrecision(PrecisionChoice.of(ComputePrecision.INT8));

    private static void assertLoadedAgreeing(GgufTensorType type, LoadOptions options, String precision, double share)
            throws Exception {
        Path file = TinyModelGguf.write(FOLDER, dir.resolve("tiny-" + type + ".gguf"), type, "qwen2");
        try (LoadedModel gguf = ModelSource.at(file).load(options, LoadProgress.NONE)) {
            String device = gguf.generator().deviceDescription();
            assertTrue(device.contains(precision), device);
            assertSameTokens(type.name(), greedy(gguf, new ArrayList<>()), share);
        }
    }

    /** Auto holds a quantized file in the format nearest its own: q4 when most of its weights have 4.5 bits or fewer. */
    @ParameterizedTest
    @CsvSource({
        "Q2_K, Q4", "Q3_K_M, Q4", "Q4_1, Q4", "IQ4_XS, Q4", "Q5_K_M, INT8",
    })
    void autoHoldsAFileInTheFormatNearestItsOwn(String kind, String precision) throws Exception {
        Path file = Path.of(GgufModelFileTest.class.getResource("/fixtures/gguf-models/tiny-" + kind + ".gguf").toURI());
        try (LoadedModel model = ModelSource.at(file).load(LoadOptions.defaults(), LoadProgress.NONE)) {
            String device = model.generator().deviceDescription();
            assertTrue(device.contains(" · " + precision + " (" + kind + " weights: "), device);
            assertSameTokens(kind + " by default", greedy(model, new ArrayList<>()), 0.9);   // measured: 72 of 72 each
        }
    }

    /**
     * Files quantized by llama.cpp's own {@code llama-quantize} from the bundled model's F32 GGUF (see
     * {@code fixtures/gguf-models/README.md}): their tensors are of the types the model's shapes allow
     * (128-column rows are not whole K-quant super-blocks, so llama.cpp falls back to Q5_0, Q5_1, IQ4_NL, …).
     */
    @ParameterizedTest
    @CsvSource({                                                        // measured: 72 of 72 tokens each
        "Q2_K, 'IQ4_NL+Q3_K+Q8_0', 0.9",
        "Q3_K_M, 'IQ4_NL+Q4_K+Q5_0+Q5_1+Q8_0', 0.9",
        "Q4_1, 'Q4_1+Q8_0', 0.9",
        "Q5_K_M, 'Q5_1+Q5_K+Q6_K+Q8_0', 0.9",
        "IQ4_XS, 'IQ4_NL+IQ4_XS+Q8_0', 0.9",
    })
    void filesQuantizedByLlamaCppLoadInInt8(String kind, String types, double share) throws Exception {
        Path file = Path.of(GgufModelFileTest.class.getResource("/fixtures/gguf-models/tiny-" + kind + ".gguf").toURI());
        GgufFile gguf = GgufFile.read(file);
        assertEquals(types, gguf.tensors().values().stream().filter(t -> t.type().isQuantized())
                .map(t -> t.type().name()).distinct().sorted().collect(java.util.stream.Collectors.joining("+")));
        try (LoadedModel model = ModelSource.at(file).load(INT8, LoadProgress.NONE)) {
            String device = model.generator().deviceDescription();
            assertTrue(device.contains(kind + " weights: converted to int8 at load"), device);
            assertSameTokens(kind, greedy(model, new ArrayList<>()), share);
        }
    }

    /** In q4, Q4_1 and Q4_K tensors are kept as they are (an offset per group); the file's other types converted. */
    @ParameterizedTest
    @CsvSource({                                                        // measured: 72 of 72 tokens each
        "Q4_1, 'Q4_1 weights: Q4_1 kept as they are in q4, Q8_0 converted to q4 at load', 0.9",
        "Q3_K_M, 'Q3_K_M weights: Q4_K kept as they are in q4, IQ4_NL, Q5_0, Q5_1, Q8_0 converted to q4 at load', 0.9",
    })
    void q4KeepsQ4_1AndQ4KTensorsAsTheyAre(String kind, String note, double share) throws Exception {
        Path file = Path.of(GgufModelFileTest.class.getResource("/fixtures/gguf-models/tiny-" + kind + ".gguf").toURI());
        LoadOptions q4 = LoadOptions.defaults().withPrecision(PrecisionChoice.of(ComputePrecision.Q4));
        try (LoadedModel model = ModelSource.at(file).load(q4, LoadProgress.NONE)) {
            String device = model.generator().deviceDescription();
            assertTrue(device.contains(note), device);
            assertSameTokens(kind + " in q4", greedy(model, new ArrayList<>()), share);
        }
    }

    @Test
    void aFileWithoutChatTemplateIsRefusedNamingTheKey() throws Exception {
        Path file = TinyModelGguf.write(FOLDER, dir.resolve("no-template.gguf"), GgufTensorType.F16, "qwen2",
                Map.of("tokenizer.chat_template", TinyModelGguf.OMIT));
        ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelSource.at(file).loadText());
        assertTrue(e.getMessage().startsWith(file + " is not a usable GGUF model file: metadata key"
                + " tokenizer.chat_template is missing"), e.getMessage());
    }

    @Test
    void hostileTokenizerMetadataIsRefusedNamingFileAndKey() throws Exception {
        Map<String, Map<String, Object>> cases = Map.of(
                "tokenizer.ggml.pre is 'falcon'", Map.of("tokenizer.ggml.pre", "falcon"),
                "tokenizer.ggml.model is 'llama'", Map.of("tokenizer.ggml.model", "llama"),
                "metadata key tokenizer.ggml.tokens is missing", Map.of("tokenizer.ggml.tokens", TinyModelGguf.OMIT),
                "metadata key tokenizer.ggml.token_type is missing",
                Map.of("tokenizer.ggml.token_type", TinyModelGguf.OMIT),
                "tokenizer.ggml.bos_token_id is 5000", Map.of("tokenizer.ggml.bos_token_id", 5000L),
                "tokenizer.chat_template: the chat template cannot be used",
                Map.of("tokenizer.chat_template", "{% for m in messages %}{{ m.content "));
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            Path file = TinyModelGguf.write(FOLDER, dir.resolve("hostile-" + i++ + ".gguf"), GgufTensorType.F16,
                    "qwen2", c.getValue());
            ModelFolderException e = assertThrows(ModelFolderException.class, () -> ModelSource.at(file).loadText(),
                    c.getKey());
            assertTrue(e.getMessage().startsWith(file + " is not a usable GGUF model file"), e.getMessage());
            assertTrue(e.getMessage().contains(c.getKey()), c.getKey() + " in: " + e.getMessage());
        }
    }

    /** Each prompt's greedy tokens, rendered by the model's own chat template. */
    private static List<int[]> greedy(LoadedModel model, List<GenerationEvent.TokenInfo> infos) throws Exception {
        List<int[]> all = new ArrayList<>();
        for (String prompt : PROMPTS) {
            GeneratorTest.Recorder events = new GeneratorTest.Recorder();
            model.generator().start(new GenerationRequest(List.of(ChatTurn.user(prompt)), SamplingSettings.greedy(),
                    TOKENS, 0, List.of()), events).done().get(120, TimeUnit.SECONDS);
            List<GenerationEvent.TokenInfo> tokens = events.of(GenerationEvent.TokenInfo.class);
            infos.addAll(tokens);
            all.add(tokens.stream().mapToInt(GenerationEvent.TokenInfo::id).toArray());
        }
        return all;
    }

    /** At least {@code share} of the tokens equal the folder's, position by position (1.0: all prompts equal). */
    private static void assertSameTokens(List<int[]> tokens, double share) {
        assertSameTokens("", tokens, share);
    }

    private static void assertSameTokens(String type, List<int[]> tokens, double share) {
        if (share == 1.0) {
            for (int p = 0; p < PROMPTS.size(); p++) {
                assertArrayEquals(folderTokens.get(p), tokens.get(p), PROMPTS.get(p));
            }
            return;
        }
        int same = 0;
        int total = 0;
        for (int p = 0; p < PROMPTS.size(); p++) {
            int[] a = folderTokens.get(p);
            int[] b = tokens.get(p);
            int n = Math.max(a.length, b.length);
            total += n;
            for (int i = 0; i < Math.min(a.length, b.length) && a[i] == b[i]; i++) same++;
        }
        double agreement = (double) same / total;
        System.out.printf("GGUF %s greedy agreement with the folder: %.3f (%d of %d tokens, common prefixes)%n",
                type, agreement, same, total);
        assertTrue(agreement >= share, "agreement " + agreement);
    }
}
