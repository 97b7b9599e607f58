package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken, hostile or refused checkpoint gives a CheckpointException naming the file and the tensor or field. */
class SafetensorsCheckpointErrorsTest {

    @TempDir
    Path dir;

    /** Writes a safetensors file by hand: the given header length, header text and {@code dataBytes} zero bytes. */
    private static Path rawFile(Path file, long declaredHeaderLength, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredHeaderLength).put(json);
        Files.write(file, buffer.array());
        return file;
    }

    private static Path rawFile(Path file, String header, int dataBytes) throws IOException {
        return rawFile(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    static Stream<Arguments> brokenHeaders() {
        return Stream.of(
                Arguments.of("header not JSON", "{\"w\": {\"dtype\": \"F32\",", 0, new String[] {"not valid JSON"}),
                Arguments.of("header an array", "[1, 2, 3]", 0, new String[] {"not a JSON object", "array"}),
                Arguments.of("duplicate key", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, new String[] {"Duplicate", "'w'"}),
                Arguments.of("offsets beyond data", "{\"w\":{\"dtype\":\"F32\",\"shape\":[250],\"data_offsets\":[0,1000]}}", 8,
                        new String[] {"tensor w", "[0, 1000]", "data section of 8 bytes"}),
                Arguments.of("offsets reversed", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", 8,
                        new String[] {"tensor w", "[8, 4]"}),
                Arguments.of("negative offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 8,
                        new String[] {"tensor w", "[-4, 0]"}),
                Arguments.of("overlapping tensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                        new String[] {"tensors a and b overlap"}),
                Arguments.of("length not shape x dtype", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                        new String[] {"tensor w", "span 8 bytes", "[3]", "F32 needs 12"}),
                Arguments.of("unknown dtype", "{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8,
                        new String[] {"tensor w", "'I64'", "F32, F16 and BF16"}),
                Arguments.of("missing dtype", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        new String[] {"tensor w", "\"dtype\""}),
                Arguments.of("negative dimension", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}", 16,
                        new String[] {"tensor w", "negative dimension -2"}),
                Arguments.of("fractional dimension", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4,
                        new String[] {"tensor w", "\"shape\"", "1.5"}),
                Arguments.of("shape not an array", "{\"w\":{\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,16]}}", 16,
                        new String[] {"tensor w", "\"shape\" is not an array"}),
                Arguments.of("three offsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 8,
                        new String[] {"tensor w", "\"data_offsets\" is not an array of 2 integers"}),
                Arguments.of("entry not an object", "{\"w\":[1,2]}", 0, new String[] {"tensor w", "not a JSON object"}),
                Arguments.of("metadata not strings", "{\"__metadata__\":{\"format\":3}}", 0,
                        new String[] {"__metadata__", "'format'"}),
                Arguments.of("overflowing shape", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1099511627776,1099511627776],"
                        + "\"data_offsets\":[0,4]}}", 4, new String[] {"tensor w", "more elements"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeaders")
    void brokenHeaderIsNamed(String name, String header, int dataBytes, String[] expected) throws IOException {
        Path file = rawFile(dir.resolve("model.safetensors"), header, dataBytes);

        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));

        assertEquals(file, e.file());
        assertMessage(e, file.toString());
        assertMessage(e, expected);
    }

    @Test
    void fileShorterThanTheLengthPrefixIsNamed() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, file.toString(), "3 bytes long");
    }

    @Test
    void headerLengthBeyondTheFileIsRefusedBeforeAllocating() throws IOException {
        Path file = rawFile(dir.resolve("model.safetensors"), 1L << 40, "{}", 0);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, file.toString(), "header length 1099511627776 bytes goes beyond the end of the file (10 bytes)");
    }

    @Test
    void headerLengthWithTheTopBitSetIsReadAsUnsigned() throws IOException {
        Path file = rawFile(dir.resolve("model.safetensors"), -8, "{}", 0);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, file.toString(), "header length 18446744073709551608 bytes goes beyond");
    }

    private SafetensorsCheckpoint smallModel() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : new String[] {"model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
            "model.layers.0.self_attn.k_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.norm.weight"}) {
            tensors.put(name, TensorData.of(TensorDataType.F32, new float[8], 2, 4));
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors);
        return SafetensorsCheckpoint.open(dir);
    }

    @Test
    void missingTensorNamesTheClosestMatches() throws IOException {
        try (SafetensorsCheckpoint checkpoint = smallModel()) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> checkpoint.info("model.layers.0.self_attn.v_proj.weight"));
            assertMessage(e, dir.toString(), "tensor model.layers.0.self_attn.v_proj.weight is missing",
                    "close matches: model.layers.0.self_attn.k_proj.weight, model.layers.0.self_attn.q_proj.weight");
        }
    }

    @Test
    void missingTensorWithNothingSimilarListsWhatIsThere() throws IOException {
        try (SafetensorsCheckpoint checkpoint = smallModel()) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> checkpoint.readFloat32("lm_head.weight"));
            assertMessage(e, "tensor lm_head.weight is missing", "holds 5 tensors, e.g. model.embed_tokens.weight");
        }
    }

    @Test
    void shapeThatDisagreesWithTheConfigSaysExpectedAndActual() throws IOException {
        try (SafetensorsCheckpoint checkpoint = smallModel()) {
            assertEquals(8, checkpoint.requireShape("model.norm.weight", 2, 4).elementCount());
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> checkpoint.requireShape("model.norm.weight", 4));
            assertMessage(e, "model.safetensors", "tensor model.norm.weight has shape [2, 4]",
                    "the model config expects [4]");
        }
    }

    private Map<String, TensorData> twoTensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorData.of(TensorDataType.F32, new float[] {1, 2}, 2));
        tensors.put("b", TensorData.of(TensorDataType.F16, new float[] {3, 4}, 2));
        return tensors;
    }

    @Test
    void indexReferringToAMissingShardIsNamed() throws IOException {
        SafetensorsWriter.writeSharded(dir, twoTensors(), 2);
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, "model.safetensors.index.json", "tensor b", "'model-00002-of-00002.safetensors'", "missing");
    }

    @Test
    void indexMappingATensorToTheWrongShardIsNamed() throws IOException {
        SafetensorsWriter.writeSharded(dir, twoTensors(), 2);
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, Files.readString(index).replace("\"b\" : \"model-00002", "\"b\" : \"model-00001"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, "model.safetensors.index.json", "tensor b is mapped to model-00001-of-00002.safetensors",
                "no such tensor");
    }

    @Test
    void indexPointingOutsideTheFolderIsRefused() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"../elsewhere.safetensors\"}}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, "model.safetensors.index.json", "tensor a", "not a plain file name");
    }

    @Test
    void indexWithoutWeightMapIsNamed() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, "model.safetensors.index.json", "\"weight_map\" is missing");
    }

    @Test
    void sameTensorInTwoUnindexedFilesIsAmbiguous() throws IOException {
        SafetensorsWriter.write(dir.resolve("part-1.safetensors"), twoTensors());
        SafetensorsWriter.write(dir.resolve("part-2.safetensors"), Map.of("b", TensorData.of(TensorDataType.F32, new float[1], 1)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, "part-2.safetensors", "tensor b is also in part-1.safetensors");
    }

    @Test
    void unindexedFilesAreReadTogether() throws IOException {
        SafetensorsWriter.write(dir.resolve("part-1.safetensors"), twoTensors());
        SafetensorsWriter.write(dir.resolve("part-2.safetensors"), Map.of("c", TensorData.of(TensorDataType.BF16, new float[] {5}, 1)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(java.util.List.of("a", "b", "c"), java.util.List.copyOf(checkpoint.tensorNames()));
            assertEquals(5f, checkpoint.readFloat32("c").getFloat(0));
        }
    }

    @Test
    void pickleOnlyFolderIsRefusedWithTheWayToConvert() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMessage(e, dir.toString(), "pytorch_model.bin", "can run arbitrary code",
                "torch.load(f, map_location='cpu', weights_only=True)", "'" + dir.resolve("pytorch_model.bin") + "'",
                "save_file(", "'" + dir.resolve("model.safetensors") + "'");
    }

    @Test
    void pickleFileChosenDirectlyIsRefused() throws IOException {
        Path file = dir.resolve("consolidated.pth");
        Files.write(file, new byte[] {(byte) 0x80, 2});
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(file));
        assertMessage(e, file.toString(), "arbitrary code", "weights_only=True", "'" + file + "'");
    }

    @Test
    void emptyAndAbsentFoldersAreNamed() {
        assertMessage(assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(dir)),
                dir.toString(), "no *.safetensors");
        Path absent = dir.resolve("absent");
        assertMessage(assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.open(absent)),
                absent.toString(), "no such folder");
    }

    @Test
    void fileTruncatedAfterOpeningIsNamedWhenRead() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, twoTensors());
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir);
             RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 2);
            CheckpointException e = assertThrows(CheckpointException.class, () -> checkpoint.readFloat32("b"));
            assertMessage(e, file.toString(), "while reading tensor b", "truncated");
        }
    }

    @Test
    void tensorBeyondTwoGigabytesIsReadWithLongOffsets() throws IOException {
        long far = 3_000_000_000L;
        String header = "{\"filler\":{\"dtype\":\"BF16\",\"shape\":[1500000000],\"data_offsets\":[0," + far + "]},"
                + "\"far\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + far + "," + (far + 8) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // sparse: only the header and the last 8 bytes occupy disk
            raf.setLength(8 + json.length + far + 8);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            raf.seek(8 + json.length + far);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.25f).putFloat(-7f).array());
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(8 + json.length + far, checkpoint.info("far").dataOffset());
            assertEquals(far + 8, checkpoint.totalBytes());
            float[] values = new float[2];
            checkpoint.readFloat32("far").asFloatBuffer().get(values);
            assertArrayEquals(new float[] {1.25f, -7f}, values);
            assertEquals(8, checkpoint.bytesRead());
        }
    }
}
