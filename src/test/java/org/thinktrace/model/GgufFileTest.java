package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GGUF files written by {@link GgufTestWriter} read back exactly: metadata of every type, tensors of every type. */
class GgufFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void everyMetadataTypeReadsBack(int version) throws IOException {
        Path file = new GgufTestWriter().version(version)
                .put("general.architecture", GgufValueType.STRING, "qwen2")
                .put("u8", GgufValueType.UINT8, 255L)
                .put("i8", GgufValueType.INT8, -128L)
                .put("u16", GgufValueType.UINT16, 65535L)
                .put("i16", GgufValueType.INT16, -32768L)
                .put("u32", GgufValueType.UINT32, 4294967295L)
                .put("i32", GgufValueType.INT32, -2147483648L)
                .put("u64", GgufValueType.UINT64, 1L << 40)
                .put("i64", GgufValueType.INT64, Long.MIN_VALUE)
                .put("f32", GgufValueType.FLOAT32, 1e-6f)
                .put("f64", GgufValueType.FLOAT64, Math.PI)
                .put("yes", GgufValueType.BOOL, true)
                .put("no", GgufValueType.BOOL, false)
                .put("unicode", GgufValueType.STRING, "Grüße, 你好 🙂")
                .put("empty", GgufValueType.STRING, "")
                .put("tokens", GgufValueType.ARRAY, new GgufArray(GgufValueType.STRING, List.of("<|im_start|>", "Ġthe", "")))
                .put("scores", GgufValueType.ARRAY, new GgufArray(GgufValueType.FLOAT32, List.of(0.5f, -1f)))
                .put("types", GgufValueType.ARRAY, new GgufArray(GgufValueType.INT32, List.of(1L, 3L, 6L)))
                .put("none", GgufValueType.ARRAY, new GgufArray(GgufValueType.UINT8, List.of()))
                .write(dir.resolve("meta.gguf"));
        GgufFile gguf = GgufFile.read(file);
        GgufMetadata m = gguf.metadata();
        assertEquals(version, gguf.version());
        assertEquals(19, m.keys().size());
        assertEquals("qwen2", m.requireString("general.architecture"));
        assertEquals(255, m.requireInteger("u8"));
        assertEquals(-128, m.requireInteger("i8"));
        assertEquals(65535, m.requireInteger("u16"));
        assertEquals(-32768, m.requireInteger("i16"));
        assertEquals(4294967295L, m.requireInteger("u32"));
        assertEquals(-2147483648L, m.requireInteger("i32"));
        assertEquals(1L << 40, m.requireInteger("u64"));
        assertEquals(Long.MIN_VALUE, m.requireInteger("i64"));
        assertEquals(1e-6f, (float) m.requireNumber("f32"));
        assertEquals(Math.PI, m.requireNumber("f64"));
        assertEquals(true, m.values().get("yes"));
        assertEquals(false, m.values().get("no"));
        assertEquals("Grüße, 你好 🙂", m.requireString("unicode"));
        assertEquals("", m.requireString("empty"));
        assertEquals(List.of("<|im_start|>", "Ġthe", ""), m.requireArray("tokens").values());
        assertEquals(List.of(0.5f, -1f), m.requireArray("scores").values());
        assertEquals(List.of(1L, 3L, 6L), m.requireArray("types").values());
        assertEquals(GgufValueType.UINT8, m.requireArray("none").elementType());
        assertEquals(0, m.requireArray("none").size());
        assertEquals(GgufValueType.INT32, m.types().get("i32"));
        assertEquals(GgufFile.DEFAULT_ALIGNMENT, gguf.alignment());
        assertEquals(7, m.integerOr("absent", 7));
        assertMessage(assertThrows(CheckpointException.class, () -> m.requireString("u8")),
                file.toString(), "metadata key u8", "UINT8", "not a string");
        assertMessage(assertThrows(CheckpointException.class, () -> m.requireInteger("qwen2.block_count")),
                file.toString(), "qwen2.block_count", "missing");
    }

    @Test
    void stringsLongerThanTheReadWindowReadBack() throws IOException {
        String template = "{% for m in messages %}ü{{ m.content }}{% endfor %}".repeat(GgufCursor.WINDOW_BYTES / 20);
        Path file = new GgufTestWriter()
                .put("tokenizer.chat_template", GgufValueType.STRING, template)
                .put("after", GgufValueType.UINT16, 7L)
                .tensor("w", GgufTensorType.F32, new long[] {2}, GgufTestWriter.f32Bytes(new float[] {3, 4}))
                .write(dir.resolve("long.gguf"));
        GgufFile gguf = GgufFile.read(file);
        assertEquals(template, gguf.metadata().requireString("tokenizer.chat_template"));
        assertEquals(7, gguf.metadata().requireInteger("after"));
        try (GgufTensorReader reader = new GgufTensorReader(gguf)) {
            assertArrayEquals(new float[] {3, 4}, reader.readAll(gguf.tensor("w")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 64, 256})
    void tensorsOfEveryTypeReadBack(int alignment) throws IOException {
        Random random = new Random(alignment);
        GgufTestWriter writer = new GgufTestWriter().alignment(alignment);
        GgufTensorType[] types = GgufTensorType.values();
        byte[][] data = new byte[types.length][];
        for (int i = 0; i < types.length; i++) {
            GgufTensorType type = types[i];
            long[] dims = {2L * type.blockSize(), 3, i % 2 == 0 ? 1 : 2};
            long rows = dims[1] * dims[2];
            data[i] = new byte[(int) (rows * 2 * type.blockBytes())];
            random.nextBytes(data[i]);
            if (!type.isQuantized()) {
                data[i] = finiteFloats(type, (int) (rows * dims[0]), random);
            }
            writer.tensor("t." + type, type, dims, data[i]);
        }
        writer.tensor("norm", GgufTensorType.F32, new long[] {5}, GgufTestWriter.f32Bytes(new float[] {1, 2, 3, 4, 5}));
        GgufFile gguf = GgufFile.read(writer.write(dir.resolve("tensors.gguf")));
        assertEquals(alignment, gguf.alignment());
        assertEquals(0, gguf.dataStart() % alignment);
        try (GgufTensorReader reader = new GgufTensorReader(gguf)) {
            for (int i = 0; i < types.length; i++) {
                GgufTensorType type = types[i];
                GgufTensorInfo t = gguf.tensor("t." + type);
                assertEquals(type, t.type());
                assertEquals(0, (t.dataOffset() - gguf.dataStart()) % alignment);
                assertEquals(data[i].length, t.byteLength());
                float[] all = reader.readAll(t);
                for (int e = 0; e < all.length; e++) {
                    assertEquals((float) GgufDequantizerTest.reference(type, data[i], e), all[e], 0f, t.name() + "[" + e + "]");
                }
                float[] row = new float[(int) t.rowLength() + 1];
                reader.readRows(t, 2, 1, row, 1);
                for (int e = 0; e < t.rowLength(); e++) {
                    assertEquals(all[(int) (2 * t.rowLength()) + e], row[1 + e], 0f);
                }
            }
            GgufTensorInfo norm = gguf.tensor("norm");
            assertArrayEquals(new long[] {5}, norm.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5}, reader.readAll(norm));
            GgufTensorInfo q = gguf.tensor("t.Q4_K");
            assertArrayEquals(new long[] {GgufTensorType.Q4_K.ordinal() % 2 == 0 ? 1 : 2, 3, 512}, q.shape());
            assertThrows(IndexOutOfBoundsException.class, () -> reader.readRows(q, q.rowCount() - 1, 2, new float[4096], 0));
        }
        assertMessage(assertThrows(CheckpointException.class, () -> gguf.tensor("output.weight")),
                "output.weight", "missing");
    }

    /** Random F32/F16/BF16 values without NaN, so that exact comparison holds. */
    private static byte[] finiteFloats(GgufTensorType type, int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        }
        byte[] f32 = GgufTestWriter.f32Bytes(values);
        if (type == GgufTensorType.F32) {
            return f32;
        }
        byte[] half = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            short h = type == GgufTensorType.F16 ? HalfFloats.floatToF16(values[i]) : HalfFloats.floatToBf16(values[i]);
            half[2 * i] = (byte) h;
            half[2 * i + 1] = (byte) (h >> 8);
        }
        return half;
    }
}
