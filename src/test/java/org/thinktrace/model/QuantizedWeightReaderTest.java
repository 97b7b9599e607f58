package org.thinktrace.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuantizedWeightReader} refuses weights it cannot quantize, naming the tensor, in both formats; GGUF Q4_0
 * and Q8_0 tensors go into 4-bit and int8 from their blocks, checked against the formats' definitions computed
 * here from the file's bytes (Q4_0: the same nibbles and scales; Q8_0: each row's weights {@code q × d}
 * quantized symmetrically with one scale per row).
 */
class QuantizedWeightReaderTest extends NativeMemoryTest {

    private static final int Q8_ROWS = 13;
    private static final int Q8_COLS = 96;
    private static final int Q4_ROWS = 11;
    private static final int Q4_COLS = 64;
    private static final String Q8_KEY = "model.layers.0.self_attn.q_proj.weight";
    private static final String Q4_KEY = "model.layers.0.mlp.up_proj.weight";

    @TempDir
    Path folder;

    /** One reader serves a load: a tensor after another, its staging grown for the larger one, reads as fresh readers do. */
    @Test
    void oneReaderReadsTensorAfterTensorAsFreshReadersDo() throws IOException {
        Random random = new Random(43);
        Path file = writeGguf(blocks(random, Q8_ROWS * Q8_COLS / 32, 34), blocks(random, Q4_ROWS * Q4_COLS / 32, 18));
        int blockBytes = 4 * Q8_COLS * Float.BYTES;                       // Q4's rows need less staging than Q8's
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(GgufFile.read(file), TinyModels.qwen2());
             QuantizedWeightReader shared = new QuantizedWeightReader(blockBytes)) {
            for (String key : new String[] {Q4_KEY, Q8_KEY, Q4_KEY}) {
                for (ComputePrecision precision : new ComputePrecision[] {ComputePrecision.INT8, ComputePrecision.Q4}) {
                    QuantizedMatrix expected = readOnce(checkpoint, key, precision, blockBytes);
                    QuantizedMatrix actual = shared.read(checkpoint, key, precision, manager);
                    assertEquals(expected.valueMemory(), actual.valueMemory(), key + " " + precision + " values");
                    assertEquals(expected.scaleMemory(), actual.scaleMemory(), key + " " + precision + " scales");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "Q4"})
    void aNonFiniteWeightIsRefusedNamingTheTensor(ComputePrecision precision) throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 35);
        values.get("model.layers.1.mlp.up_proj.weight")[70] = Float.POSITIVE_INFINITY;
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.F32, 1);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointException e = assertThrows(CheckpointException.class, () ->
                    DecoderWeights.load(config, checkpoint, manager, precision, LoadProgress.NONE));
            assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight") && e.getMessage().contains("non-finite"),
                    precision + ": " + e.getMessage());
        }
    }

    @Test
    void ggufQ8_0AndQ4_0BlocksAreTakenIntoInt8And4BitAsTheirDefinitionsSay() throws IOException {
        Random random = new Random(41);
        byte[] q8 = blocks(random, Q8_ROWS * Q8_COLS / 32, 34);
        byte[] q4 = blocks(random, Q4_ROWS * Q4_COLS / 32, 18);
        Path file = writeGguf(q8, q4);
        // blocks of 4 rows, 2 per thread: several blocks, a ragged last one
        int blockBytes = 4 * Q8_COLS * Float.BYTES;
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(GgufFile.read(file), TinyModels.qwen2())) {
            Int8Matrix int8 = (Int8Matrix) readOnce(checkpoint, Q8_KEY, ComputePrecision.INT8, blockBytes);
            for (int r = 0; r < Q8_ROWS; r++) {
                float[] row = new float[Q8_COLS];
                float max = 0;
                for (int c = 0; c < Q8_COLS; c++) {
                    int at = (r * Q8_COLS + c) / 32 * 34;
                    row[c] = q8[at + 2 + c % 32] * half(q8, at);
                    max = Math.max(max, Math.abs(row[c]));
                }
                float scale = max / 127;
                for (int c = 0; c < Q8_COLS; c++) {
                    int expected = Math.max(-127, Math.min(127, Math.round(row[c] * (1 / scale))));
                    assertEquals(expected * scale, int8.dequantized(r, c), 0f, "int8 row " + r + " column " + c);
                }
            }
            Q4Matrix nibbles = (Q4Matrix) readOnce(checkpoint, Q4_KEY, ComputePrecision.Q4, 3 * Q4_COLS * Float.BYTES);
            for (int r = 0; r < Q4_ROWS; r++) {
                for (int c = 0; c < Q4_COLS; c++) {
                    int at = (r * Q4_COLS + c) / 32 * 18;
                    int within = c % 32;
                    int b = q4[at + 2 + within % 16] & 0xFF;
                    float expected = ((within < 16 ? b & 0x0F : b >>> 4) - 8) * half(q4, at);
                    assertEquals(expected, nibbles.dequantized(r, c), 0f, "q4 row " + r + " column " + c);
                }
            }
        }
    }

    @Test
    void llamaQ8_0RowsTakenFromTheirBlocksAreUnpermutedAsTheirFp32RowsAre() throws IOException {
        ModelConfig llama = TinyModels.llama();
        int rows = llama.numAttentionHeads() * llama.headDim();
        int cols = llama.hiddenSize();
        byte[] q8 = blocks(new Random(43), rows * cols / 32, 34);
        Path file = folder.resolve("llama.gguf");
        Files.write(file, new GgufTestWriter()
                .put("general.architecture", GgufValueType.STRING, "llama")
                .tensor("blk.0.attn_q.weight", GgufTensorType.Q8_0, new long[] {cols, rows}, q8)
                .toBytes());
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(GgufFile.read(file), llama)) {
            Int8Matrix int8 = (Int8Matrix) readOnce(checkpoint, Q8_KEY, ComputePrecision.INT8, 3 * cols * Float.BYTES);
            ByteBuffer wide = checkpoint.readFloat32Rows(Q8_KEY, 0, rows);                   // rotate-half order
            for (int r = 0; r < rows; r++) {
                float max = 0;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, Math.abs(wide.getFloat((r * cols + c) * Float.BYTES)));
                }
                float scale = max / 127;
                for (int c = 0; c < cols; c++) {
                    float w = wide.getFloat((r * cols + c) * Float.BYTES);
                    int expected = Math.max(-127, Math.min(127, Math.round(w * (1 / scale))));
                    assertEquals(expected * scale, int8.dequantized(r, c), 0f, "row " + r + " column " + c);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"INT8", "Q4"})
    void aGgufBlockWithAnInfiniteScaleIsRefusedNamingTheTensor(ComputePrecision precision) throws IOException {
        Random random = new Random(42);
        byte[] q8 = blocks(random, Q8_ROWS * Q8_COLS / 32, 34);
        byte[] q4 = blocks(random, Q4_ROWS * Q4_COLS / 32, 18);
        byte[] broken = precision == ComputePrecision.INT8 ? q8 : q4;
        int at = 7 * (precision == ComputePrecision.INT8 ? 34 : 18);
        broken[at] = 0x00;
        broken[at + 1] = 0x7C;                                                   // FP16 +infinity
        Path file = writeGguf(q8, q4);
        String key = precision == ComputePrecision.INT8 ? Q8_KEY : Q4_KEY;
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(GgufFile.read(file), TinyModels.qwen2())) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> readOnce(checkpoint, key, precision, 1 << 16));
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("Infinity"), e.getMessage());
        }
    }

    /** Random blocks whose leading FP16 scale is a finite value of a weight's order (0.0001 to 0.01). */
    private static byte[] blocks(Random random, int count, int blockBytes) {
        byte[] bytes = new byte[count * blockBytes];
        random.nextBytes(bytes);
        for (int b = 0; b < count; b++) {
            short d = Float.floatToFloat16((random.nextBoolean() ? 1 : -1) * (1e-4f + random.nextFloat() * 1e-2f));
            bytes[b * blockBytes] = (byte) d;
            bytes[b * blockBytes + 1] = (byte) (d >> 8);
        }
        return bytes;
    }

    @Test
    void q4KTensorsAreReadWithOffsetsInQ4AndCountedWithThem() throws IOException {
        Random random = new Random(44);
        int rows = 6;
        int cols = 512;
        byte[] q4k = GgufTestBlocks.q4K(random, rows * cols / 256);
        Path file = folder.resolve("q4k.gguf");
        Files.write(file, new GgufTestWriter()
                .put("general.architecture", GgufValueType.STRING, "qwen2")
                .tensor("blk.0.ffn_up.weight", GgufTensorType.Q4_K, new long[] {cols, rows}, q4k)
                .toBytes());
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.ofGguf(GgufFile.read(file), TinyModels.qwen2())) {
            Q4Matrix matrix = (Q4Matrix) readOnce(checkpoint, Q4_KEY, ComputePrecision.Q4, 2 * cols * Float.BYTES);
            assertNotNull(matrix.offsets(), "Q4_K is held with an offset per group");
            assertEquals(matrix.byteSize(), QuantizedWeightReader.heldBytes(checkpoint, Q4_KEY, ComputePrecision.Q4, rows, cols));
            assertEquals(QuantizedMatrix.heldBytes(ComputePrecision.Q4, rows, cols) + rows * cols / 32 * 2, matrix.byteSize());
            assertEquals(QuantizedMatrix.heldBytes(ComputePrecision.INT8, rows, cols),
                    QuantizedWeightReader.heldBytes(checkpoint, Q4_KEY, ComputePrecision.INT8, rows, cols));
            float[] exact = new float[rows * cols];
            GgufDequantizer.dequantize(GgufTensorType.Q4_K, ByteBuffer.wrap(q4k), exact, 0, exact.length);
            for (int g = 0; g < exact.length / 32; g++) {
                float largest = 0;
                for (int i = 32 * g; i < 32 * g + 32; i++) largest = Math.max(largest, Math.abs(exact[i]));
                for (int i = 32 * g; i < 32 * g + 32; i++) {        // FP16 scale and offset: far below a nibble's step
                    assertEquals(exact[i], matrix.dequantized(i / cols, i % cols), 1e-2 * largest, "element " + i);
                }
            }
        }
    }

    private static float half(byte[] bytes, int at) {
        return Float.float16ToFloat(ByteBuffer.wrap(bytes, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    }

    private Path writeGguf(byte[] q8, byte[] q4) throws IOException {
        Path file = folder.resolve("blocks.gguf");
        Files.write(file, new GgufTestWriter()
                .put("general.architecture", GgufValueType.STRING, "qwen2")
                .tensor("blk.0.attn_q.weight", GgufTensorType.Q8_0, new long[] {Q8_COLS, Q8_ROWS}, q8)
                .tensor("blk.0.ffn_up.weight", GgufTensorType.Q4_0, new long[] {Q4_COLS, Q4_ROWS}, q4)
                .toBytes());
        return file;
    }

    /** The tensor read by a reader of its own, as a load of that one tensor would. */
    private QuantizedMatrix readOnce(SafetensorsCheckpoint checkpoint, String key, ComputePrecision precision, int blockBytes) {
        try (QuantizedWeightReader reader = new QuantizedWeightReader(blockBytes)) {
            return reader.read(checkpoint, key, precision, manager);
        }
    }
}
