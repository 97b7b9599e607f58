package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writer → reader round trips, checked against conversions computed independently in test code. */
class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    /** Values that exercise rounding: random normals, ties, subnormals, overflow, signed zeros. */
    private static float[] trickyValues(int randomCount, long seed) {
        Random random = new Random(seed);
        float[] special = {
            0f, -0f, 1f, -1f, 65504f, 65520f, -65520f, 1e-8f, -3e-6f, 6.1e-5f, 1.0009766f, 1.00048828125f,
            Float.intBitsToFloat(0x3F808000), Float.intBitsToFloat(0x3F818000), Float.intBitsToFloat(0x3F80FFFF),
            3.3895314e38f, Float.MAX_VALUE, Float.MIN_VALUE, 1e-40f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
        };
        float[] values = new float[special.length + randomCount];
        System.arraycopy(special, 0, values, 0, special.length);
        for (int i = special.length; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        }
        return values;
    }

    private static double expected(TensorDataType dtype, float v) {
        return switch (dtype) {
            case F32 -> v;
            case F16 -> HalfFloatReference.nearestF16(v);
            case BF16 -> HalfFloatReference.nearestBf16(v);
        };
    }

    private static float[] floats(ByteBuffer buffer) {
        float[] out = new float[buffer.remaining() / 4];
        buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(TensorDataType.class)
    void valuesSurviveAWriteAndReadRoundedToNearestEven(TensorDataType dtype) throws IOException {
        float[] values = trickyValues(300, 7);
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("w", TensorData.of(dtype, values, values.length)));

        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            TensorInfo info = checkpoint.info("w");
            assertEquals(dtype, info.dtype());
            assertArrayEquals(new long[] {values.length}, info.shape());
            ByteBuffer read = checkpoint.readFloat32("w");
            assertTrue(read.isDirect());
            assertEquals(ByteOrder.LITTLE_ENDIAN, read.order());
            float[] got = floats(read);
            for (int i = 0; i < values.length; i++) {
                assertEquals(expected(dtype, values[i]), got[i], 0.0, dtype + " value " + values[i] + " at " + i);
            }
            assertEquals((long) values.length * dtype.bytes(), checkpoint.bytesRead());
            assertEquals(checkpoint.totalBytes(), checkpoint.bytesRead());
        }
    }

    @Test
    void fileLayoutFollowsTheSafetensorsFormat() throws IOException {
        Path file = dir.resolve("one.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorData.of(TensorDataType.F32, new float[] {1.5f, -2f}, 2));
        tensors.put("b", TensorData.of(TensorDataType.BF16, new float[] {1f}, 1, 1));
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[8,10]}}", header);
        buffer.position(8 + (int) headerLength);
        assertEquals(1.5f, buffer.getFloat());
        assertEquals(-2f, buffer.getFloat());
        assertEquals((short) 0x3F80, buffer.getShort());
        assertEquals(bytes.length, buffer.position());
    }

    @Test
    void shardedCheckpointIsReadThroughItsIndex() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 7; i++) {
            float[] values = new float[12 * (i + 1)];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) random.nextGaussian();
            }
            tensors.put("model.layers." + i + ".weight", TensorData.of(TensorDataType.F32, values, i + 1, 12));
        }
        Path index = SafetensorsWriter.writeSharded(dir, tensors, 3);

        assertEquals(dir.resolve("model.safetensors.index.json"), index);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                            "model-00003-of-00003.safetensors", "model.safetensors.index.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(tensors.keySet(), checkpoint.tensorNames());
            assertEquals(3, checkpoint.files().size());
            for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
                assertArrayEquals(e.getValue().values(), floats(checkpoint.readFloat32(e.getKey())));
            }
        }
    }

    @Test
    void rowSlicesMatchTheWholeTensor() throws IOException {
        float[] values = new float[5 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f;
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"),
                Map.of("m", TensorData.of(TensorDataType.BF16, values, 5, 3)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            float[] rows = floats(checkpoint.readFloat32Rows("m", 2, 2));
            assertArrayEquals(new float[] {1.5f, 1.75f, 2f, 2.25f, 2.5f, 2.75f}, rows);
        }
    }

    @Test
    void rowSlicesFillAReusedBufferFromItsPosition() throws IOException {
        float[] values = {1, 2, 3, 4, 5, 6};
        SafetensorsWriter.write(dir.resolve("model.safetensors"),
                Map.of("m", TensorData.of(TensorDataType.F16, values, 3, 2)));
        ByteBuffer staging = ByteBuffer.allocateDirect(40).order(ByteOrder.LITTLE_ENDIAN);
        staging.position(4);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            checkpoint.readFloat32Rows("m", 1, 2, staging);
            assertEquals(20, staging.position());
            assertEquals(40, staging.limit());
            staging.flip().position(4);
            assertArrayEquals(new float[] {3, 4, 5, 6}, floats(staging));
            ByteBuffer bigEndian = ByteBuffer.allocateDirect(40);
            assertThrows(IllegalArgumentException.class, () -> checkpoint.readFloat32Rows("m", 0, 1, bigEndian));
            ByteBuffer tooSmall = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
            assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.readFloat32Rows("m", 0, 3, tooSmall));
            assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.readFloat32Rows("m", 2, 2));
        }
    }

    /** Every 16-bit pattern, repeated, written raw: the reader's widening is checked bit for bit. */
    private record AllPatterns(TensorDataType dtype, long count) implements TensorSource {
        static short pattern(long i) {
            return (short) (i * 40503);
        }

        @Override
        public long[] shape() {
            return new long[] {count};
        }

        @Override
        public void writeTo(java.nio.channels.WritableByteChannel out) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) count * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < count; i++) {
                buffer.putShort(pattern(i));
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TensorDataType.class, names = {"F16", "BF16"})
    void widensEveryBitPatternAcrossChunkBoundaries(TensorDataType dtype) throws IOException {
        long count = (1L << 20) + 5; // beyond one 1 MB staging buffer and several conversion chunks, odd tail
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("p", new AllPatterns(dtype, count)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            ByteBuffer read = checkpoint.readFloat32("p");
            for (int i = 0; i < count; i++) {
                int bits = AllPatterns.pattern(i) & 0xFFFF;
                double expected = dtype == TensorDataType.BF16
                        ? HalfFloatReference.bf16Value(bits) : HalfFloatReference.f16Value(bits);
                float got = read.getFloat(4 * i);
                if (Double.isNaN(expected)) {
                    assertTrue(Float.isNaN(got), "pattern " + Integer.toHexString(bits) + " is NaN");
                } else if (expected != got) {
                    assertEquals(expected, got, 0.0, "pattern " + Integer.toHexString(bits) + " at " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TensorDataType.class)
    void largeTensorsAreEncodedAcrossWriterChunks(TensorDataType dtype) throws IOException {
        float[] values = new float[(1 << 17) + 3]; // more than two of the writer's 65,536-element chunks
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 512) - 256;           // integers of magnitude <= 256 are exact in all three types
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("x", TensorData.of(dtype, values, values.length)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertArrayEquals(values, floats(checkpoint.readFloat32("x")));
        }
    }
}
