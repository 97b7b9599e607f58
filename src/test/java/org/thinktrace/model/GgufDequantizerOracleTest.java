package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every quantized GGUF block type decodes to the values llama.cpp's own reader gives: the fixtures in
 * {@code fixtures/gguf-blocks} are random blocks of each type (scales made finite, some extreme, subnormal or
 * zero, one block all zeros) and their values as decoded by llama.cpp's {@code gguf-py} (see the folder's
 * README). Equal bit for bit: both decode with the same float operations in the same order.
 */
class GgufDequantizerOracleTest {

    @ParameterizedTest
    @EnumSource(value = GgufTensorType.class, names = {"F32", "F16", "BF16"}, mode = EnumSource.Mode.EXCLUDE)
    void blocksDecodeAsLlamaCppDecodesThem(GgufTensorType type) throws IOException {
        byte[] blocks = resource(type + ".blocks");
        ByteBuffer expected = ByteBuffer.wrap(resource(type + ".f32")).order(ByteOrder.LITTLE_ENDIAN);
        int count = blocks.length / type.blockBytes() * type.blockSize();
        assertEquals(count * Float.BYTES, expected.capacity(), type + ": one value per element in the fixture");
        float[] out = new float[count];
        GgufDequantizer.dequantize(type, ByteBuffer.wrap(blocks), out, 0, count);
        for (int i = 0; i < count; i++) {
            float want = expected.getFloat(i * Float.BYTES);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(out[i]),
                    "element " + i + " (block " + i / type.blockSize() + ") of " + type + ": llama.cpp gives " + want + ", ThinkTrace " + out[i]);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GgufDequantizerOracleTest.class.getResourceAsStream("/fixtures/gguf-blocks/" + name)) {
            assertNotNull(in, "fixture " + name);
            return in.readAllBytes();
        }
    }
}
