package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that would otherwise load with wrong results fail, naming the file: a header length one byte
 * short, trailing or unclaimed bytes, JSON with trailing garbage, more layers than the config says, a
 * header of far too many tensors, and weights larger than free memory.
 */
class CheckpointIntegrityTest {

    @TempDir
    Path dir;

    /** A two-tensor file whose header is padded with spaces to 8 bytes, as the reference writer pads it. */
    private Path file(long headerLengthDelta, int extraDataBytes) throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        while ((json.length() + 8) % 8 != 0) json += " ";
        json += "        ";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 12 + extraDataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length + headerLengthDelta).put(header);
        for (int i = 0; i < 3 + extraDataBytes / 4; i++) buffer.putFloat(1.5f);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, buffer.array());
        return file;
    }

    private static void assertRefused(Path file, Runnable open, String... parts) {
        CheckpointException error = assertThrows(CheckpointException.class, open::run);
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        for (String part : parts) assertTrue(error.getMessage().contains(part), error.getMessage());
    }

    @Test
    void aWellFormedFileOpens() throws IOException {
        file(0, 0);
        SafetensorsCheckpoint.open(dir).close();
    }

    @Test
    void aHeaderLengthOneByteShortIsRefused() throws IOException {
        Path file = file(-1, 0);
        assertRefused(file, () -> SafetensorsCheckpoint.open(dir), "1 byte after the last tensor belong to no tensor");
    }

    @Test
    void trailingBytesAfterTheDataAreRefused() throws IOException {
        Path file = file(0, 4);
        assertRefused(file, () -> SafetensorsCheckpoint.open(dir), "the data section is 16 bytes but its tensors cover 12");
    }

    @Test
    void aGapBetweenTensorsIsRefused() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, buffer.array());
        assertRefused(file, () -> SafetensorsCheckpoint.open(dir), "bytes 4 to 8", "between tensors a and b");
    }

    @Test
    void jsonWithTrailingGarbageIsRefused() throws IOException {
        Path file = file(0, 0);
        Path index = dir.resolve(SafetensorsWriter.INDEX_FILE);
        Files.writeString(index, "{\"weight_map\": {\"a\": \"model.safetensors\"}} {\"weight_map\": {}}");
        assertRefused(index, () -> SafetensorsCheckpoint.open(dir), "not a readable JSON index");
        Files.delete(index);
        Files.writeString(dir.resolve("config.json"), ModelConfigLoaderTest.R1_QWEN_1_5B + " garbage");
        ModelConfigException error = assertThrows(ModelConfigException.class, () -> ModelConfigLoader.load(dir));
        assertTrue(error.getMessage().contains("config.json"), error.getMessage());
        assertTrue(file.toFile().exists());
    }

    @Test
    void moreLayersInTheFileThanInTheConfigAreRefused() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        TinyModels.writeCheckpoint(dir, config, TinyModels.randomWeights(config, 7), TensorDataType.F32, 1);
        ModelConfig fewer = new ModelConfig(Architecture.QWEN2, 32, 48, 1, 4, 2, 8, 61, 64, 1e-6, 10000.0,
                null, false, true, false, 1, List.of(2));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertRefused(dir, () -> WeightLoader.checkLayerCount(fewer, checkpoint),
                    "num_hidden_layers is 1 but the checkpoint has tensors for 2 layers", "model.layers.1.");
            WeightLoader.checkLayerCount(config, checkpoint);
        }
    }

    @Test
    void aHeaderOfFarTooManyTensorsIsRefusedBeforeItIsBuilt() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 10_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, buffer.array(), StandardOpenOption.CREATE);
        int allowed = Decoder.maxTensors(TinyModels.qwen2());
        assertRefused(file, () -> SafetensorsCheckpoint.open(dir, allowed), "more than " + allowed + " tensors");
    }

    @Test
    void weightsLargerThanFreeMemoryAreRefusedWithBothFigures() {
        Path model = dir.resolve("big-model");
        java.util.Map<ComputePrecision, Long> bytes = java.util.Map.of(ComputePrecision.FP32, 7_100_000_000L,
                ComputePrecision.FP16, 3_550_000_000L, ComputePrecision.INT8, 1_900_000_000L, ComputePrecision.Q4, 1_100_000_000L);
        CheckpointException error = assertThrows(CheckpointException.class, () ->
                MemoryBudget.require(model, ComputePrecision.FP32, bytes::get, 5_900_000_000L));
        assertTrue(error.getMessage().contains(model.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("this model needs 7.1 GB in FP32; 5.9 GB are free: try --dtype fp16"
                + " (FP16 weights need 3.6 GB)"), error.getMessage());
        error = assertThrows(CheckpointException.class, () ->
                MemoryBudget.require(model, ComputePrecision.FP32, bytes::get, 2_000_000_000L));
        assertTrue(error.getMessage().contains("2.0 GB are free: try --dtype int8 (INT8 weights need 1.9 GB)"),
                error.getMessage());
        error = assertThrows(CheckpointException.class, () ->
                MemoryBudget.require(model, ComputePrecision.INT8, bytes::get, 1_500_000_000L));
        assertTrue(error.getMessage().contains("needs 1.9 GB in INT8; 1.5 GB are free: try --dtype q4 (Q4 weights need 1.1 GB)"),
                error.getMessage());
        error = assertThrows(CheckpointException.class, () ->
                MemoryBudget.require(model, ComputePrecision.FP16, bytes::get, 1_000_000_000L));
        assertTrue(error.getMessage().endsWith("1.0 GB are free: close other programs or use a smaller model"),
                error.getMessage());
        MemoryBudget.require(model, ComputePrecision.FP32, bytes::get, 7_100_000_000L);
        MemoryBudget.require(model, ComputePrecision.FP32, bytes::get, -1);
    }

    @Test
    void heldBytesCountFp32AndHalfMatrices() {
        ModelConfig config = TinyModels.qwen2();
        List<ParameterSpec> specs = ParameterSpec.all(config);
        long elements = specs.stream().mapToLong(s -> TensorShape.elementCount(s.shape())).sum();
        assertTrue(WeightLoader.heldBytes(specs, ComputePrecision.FP32) == 4 * elements);
        long half = WeightLoader.heldBytes(specs, ComputePrecision.FP16);
        assertTrue(half > 2 * elements && half < 4 * elements, "norms stay FP32");
    }

    @Test
    void bf16DataLabelledF16IsNamedAsImplausible() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        java.util.Map<String, float[]> trained = new java.util.LinkedHashMap<>();
        java.util.Random random = new java.util.Random(3);
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] values = new float[Math.toIntExact(spec.elementCount())];
            for (int i = 0; i < values.length; i++) {
                values[i] = spec.shape().length == 2 ? (float) (0.03 * random.nextGaussian()) : 1f;
            }
            trained.put(spec.key(), values);
        }
        TinyModels.writeCheckpoint(dir, config, trained, TensorDataType.BF16, 1);
        List<ParameterSpec> specs = ParameterSpec.all(config);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertTrue(WeightPlausibility.problems(checkpoint, specs).isEmpty(), "correctly labelled BF16 is plausible");
        }
        Path file = dir.resolve(SafetensorsWriter.SINGLE_FILE);
        byte[] bytes = Files.readAllBytes(file);
        String relabelled = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"BF16\"", "\"F16\" ");
        Files.write(file, relabelled.getBytes(StandardCharsets.ISO_8859_1));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            List<String> problems = WeightPlausibility.problems(checkpoint, specs);
            assertTrue(problems.size() >= specs.stream().filter(s -> s.shape().length == 2).count() / 2, problems.toString());
            assertTrue(problems.getFirst().contains("(F16) has an RMS of"), problems.getFirst());
        }
    }
}
