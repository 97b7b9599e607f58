package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways into {@link Q4Matrix} for weights quantized elsewhere: GGUF Q4_0 blocks taken as they
 * are, checked against the GGUF reader's own Q4_0 decoder ({@link GgufDequantizer}), and scales
 * and nibbles given apart.
 */
class Q4MatrixTest extends NativeMemoryTest {

    private static final int ROWS = 5;
    private static final int COLS = 96;

    @Test
    void q4_0BlocksReadAsTheGgufDequantizerReadsThem() {
        ByteBuffer blocks = randomBlocks(new Random(21), ROWS * COLS / 32);
        Q4Matrix matrix = Q4Matrix.fromQ4_0Blocks(blocks, ROWS, COLS, manager);
        float[] expected = new float[ROWS * COLS];
        GgufDequantizer.dequantize(GgufTensorType.Q4_0, blocks.duplicate().order(ByteOrder.LITTLE_ENDIAN), expected, 0, expected.length);
        assertEquals(0, blocks.position(), "the caller's buffer is not moved");
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                assertEquals(expected[r * COLS + c], NaiveQ4.weight(matrix, r, c), 0, "row " + r + " column " + c);
            }
        }
    }

    @Test
    void scalesAndNibblesGivenApartMakeTheSameMatrixAsTheirBlocks() {
        int count = ROWS * COLS / 32;
        ByteBuffer blocks = randomBlocks(new Random(22), count);
        ByteBuffer scales = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer nibbles = ByteBuffer.allocate(count * 16);
        for (int b = 0; b < count; b++) {
            scales.putShort(blocks.getShort(b * 18));
            nibbles.put(blocks.slice(b * 18 + 2, 16));
        }
        Q4Matrix apart = Q4Matrix.copyOf(scales.flip(), nibbles.flip(), ROWS, COLS, manager);
        Q4Matrix together = Q4Matrix.fromQ4_0Blocks(blocks, ROWS, COLS, manager);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                assertEquals(NaiveQ4.weight(together, r, c), NaiveQ4.weight(apart, r, c), 0, "row " + r + " column " + c);
            }
        }
    }

    @Test
    void malformedInputIsRefusedWithItsFigures() {
        ByteBuffer blocks = randomBlocks(new Random(23), ROWS * COLS / 32);
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Q4Matrix.fromQ4_0Blocks(blocks, ROWS, 48, manager));
        assertTrue(ragged.getMessage().contains("48"), ragged.getMessage());
        IllegalArgumentException ashort = assertThrows(IllegalArgumentException.class,
                () -> Q4Matrix.fromQ4_0Blocks(blocks.slice(0, 100), ROWS, COLS, manager));
        assertTrue(ashort.getMessage().contains("270") && ashort.getMessage().contains("100"), ashort.getMessage());
        blocks.putShort(7 * 18, Float.floatToFloat16(Float.NaN));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Q4Matrix.fromQ4_0Blocks(blocks, ROWS, COLS, manager));
        assertTrue(nan.getMessage().contains("row 2 group 1") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException apart = assertThrows(IllegalArgumentException.class,
                () -> Q4Matrix.copyOf(ByteBuffer.allocate(10), ByteBuffer.allocate(240), ROWS, COLS, manager));
        assertTrue(apart.getMessage().contains("30 bytes of scales"), apart.getMessage());
    }

    /** Blocks of an FP16 scale in [-0.05, 0.05) and 16 random nibble bytes, little-endian. */
    private static ByteBuffer randomBlocks(Random random, int count) {
        ByteBuffer blocks = ByteBuffer.allocate(count * 18).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nibbles = new byte[16];
        for (int b = 0; b < count; b++) {
            blocks.putShort(Float.floatToFloat16((random.nextFloat() - 0.5f) / 10));
            random.nextBytes(nibbles);
            blocks.put(nibbles);
        }
        return blocks.flip();
    }
}
