package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Q4Quantizer} against the definition of llama.cpp's Q4_0: per group of 32, d = m / -8 for
 * the value m of largest magnitude, stored as FP16; m reads back as -8·d; other values within
 * half a step, or a whole step where +8 would be needed (clamped to 7).
 */
class Q4QuantizerTest {

    @Test
    void aHandWorkedGroupGivesLlamaCppsNibbles() {
        float[] row = new float[32];
        float[] given = {-4f, 2f, 1f, 0.5f, 3.8f, 0.25f, -1.3f, 0f};
        System.arraycopy(given, 0, row, 0, given.length);
        Quantized q = quantize(new float[][] {row}, 32);
        // d = -4 / -8 = 0.5; n = min(15, trunc(v / 0.5 + 8.5))
        int[] expected = {0, 12, 10, 9, 15, 9, 5, 8};
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], q.nibble(0, c), "column " + c);
        }
        assertEquals(0.5f, q.scales[0], 0);
        assertEquals(8, q.nibble(0, 31), "zeros read back as nibble 8");
    }

    @Test
    void randomRowsRoundTripWithinHalfAStepExceptClampedValues() {
        Random random = new Random(13);
        for (int cols : new int[] {96, 100, 7}) {
            float[][] rows = new float[9][cols];
            for (float[] row : rows) {
                double magnitude = Math.pow(10, random.nextInt(6) - 3);              // 1e-3 .. 1e2 per row
                for (int c = 0; c < cols; c++) {
                    row[c] = (float) (random.nextGaussian() * magnitude);
                }
            }
            Quantized q = quantize(rows, cols);
            int groups = (cols + 31) / 32;
            for (int r = 0; r < rows.length; r++) {
                for (int g = 0; g < groups; g++) {
                    int start = g * 32;
                    int end = Math.min(cols, start + 32);
                    double m = 0;
                    int at = start;
                    for (int c = start; c < end; c++) {
                        if (Math.abs(rows[r][c]) > Math.abs(m)) {
                            m = rows[r][c];
                            at = c;
                        }
                    }
                    float d = q.scales[r * groups + g];
                    assertEquals(Float.float16ToFloat(Float.floatToFloat16((float) (m / -8))), d, 0, "scale of row " + r + " group " + g);
                    assertEquals(0, q.nibble(r, at), "the largest magnitude of row " + r + " group " + g + " reads -8·d");
                    for (int c = start; c < end; c++) {
                        double error = Math.abs(rows[r][c] - (q.nibble(r, c) - 8) * (double) d);
                        boolean clamped = rows[r][c] / (m / -8) > 7.5;
                        double bound = Math.abs(d) * ((clamped ? 1 : 0.5) + 1.0 / 256);
                        assertTrue(error <= bound, "row " + r + " column " + c + ": error " + error + " > " + bound);
                    }
                    for (int c = end; c < start + 32; c++) {
                        assertEquals(8, q.nibble(r, c), "padding of row " + r + " column " + c + " reads as zero");
                    }
                }
            }
        }
    }

    @Test
    void aZeroGroupAndOneBelowFp16sRangeStoreZeros() {
        float[] row = new float[64];
        for (int c = 32; c < 64; c++) {
            row[c] = 1e-9f * (c - 40);                    // d = 2.4e-8 / 8 rounds to FP16 zero
        }
        Quantized q = quantize(new float[][] {row}, 64);
        assertArrayEquals(new float[] {0f, 0f}, q.scales, 0);
        for (int c = 0; c < 64; c++) {
            assertEquals(8, q.nibble(0, c), "column " + c);
        }
    }

    @Test
    void nonFiniteValuesAndScalesBeyondFp16AreRefusedNamingTheRow() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> quantize(new float[][] {{1f, 2f}, {3f, bad}}, 2));
            assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 1"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> quantize(new float[][] {{1f, 2f}, {3f, 1e6f}}, 2));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("FP16"), e.getMessage());
    }

    private static Quantized quantize(float[][] rows, int cols) {
        ByteBuffer source = ByteBuffer.allocate(rows.length * cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                source.putFloat(v);
            }
        }
        source.flip();
        int groups = (cols + 31) / 32;
        ByteBuffer values = ByteBuffer.allocate(rows.length * groups * 16);
        ByteBuffer scales = ByteBuffer.allocate(rows.length * groups * 2);
        Q4Quantizer.quantize(source, rows.length, cols, values, scales);
        float[] scaleArray = new float[rows.length * groups];
        for (int i = 0; i < scaleArray.length; i++) {
            scaleArray[i] = Float.float16ToFloat(scales.order(ByteOrder.LITTLE_ENDIAN).getShort(i * 2));
        }
        return new Quantized(values.array(), scaleArray, groups);
    }

    /** Quantized bytes; {@link #nibble} reads them by Q4_0's order (low nibbles are weights 0–15 of a group). */
    private record Quantized(byte[] values, float[] scales, int groups) {

        int nibble(int r, int c) {
            int b = values[(r * groups + c / 32) * 16 + c % 16] & 0xFF;
            return c % 32 < 16 ? b & 15 : b >> 4;
        }
    }
}
