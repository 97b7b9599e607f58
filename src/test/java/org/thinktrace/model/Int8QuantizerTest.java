package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Int8Quantizer} against the definition: scale = max|v| / 127, q = round(v / scale), |v - q·scale| ≤ scale / 2. */
class Int8QuantizerTest {

    @Test
    void randomRowsRoundTripWithinHalfAStepAndTheLargestValueMapsTo127() {
        Random random = new Random(3);
        for (int groupSize : new int[] {48, 16, 1}) {
            float[][] rows = new float[7][48];
            for (float[] row : rows) {
                double magnitude = Math.pow(10, random.nextInt(9) - 6);          // 1e-6 .. 1e2 per row
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) (random.nextGaussian() * magnitude);
                }
            }
            assertRoundTrip(rows, groupSize);
        }
    }

    @Test
    void anAllZeroRowHasScaleZeroAndZeroValuesWhileItsNeighboursKeepTheirScales() {
        float[][] rows = {{1f, -2f, 0.5f, 0f}, {0f, 0f, 0f, 0f}, {-0f, 0f, 3f, -127f}};
        Quantized q = quantize(rows, 4);
        assertEquals(2f / 127, q.scales[0], 0);
        assertEquals(0f, q.scales[1], 0);
        assertEquals(1f, q.scales[2], 0);
        for (int c = 0; c < 4; c++) {
            assertEquals(0, q.values[4 + c]);
        }
        assertEquals(-127, q.values[8 + 3]);
        assertEquals(3, q.values[8 + 2]);
        assertEquals(-127, q.values[1]);
    }

    @Test
    void extremeMagnitudesStayInRangeAndSymmetric() {
        float[][] rows = {
                {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE / 3, 1f},
                {Float.MIN_VALUE, -Float.MIN_VALUE, 0f, Float.MIN_VALUE},         // scale underflows to 0
                {Float.MIN_NORMAL * 127, -Float.MIN_NORMAL, 0f, Float.MIN_NORMAL * 64},
                {1e-30f, 1e30f, -1e30f, 5e29f}};
        Quantized q = quantize(rows, 4);
        assertEquals(127, q.values[0]);
        assertEquals(-127, q.values[1]);
        assertEquals(Float.MAX_VALUE / 127, q.scales[0], Math.ulp(Float.MAX_VALUE / 127));
        assertEquals(0f, q.scales[1], 0);
        for (int c = 0; c < 4; c++) {
            assertEquals(0, q.values[4 + c], "an underflowing scale stores zeros");
            assertTrue(q.values[c] >= -127 && q.values[c] <= 127);
        }
        assertRoundTrip(new float[][] {rows[0], rows[2], rows[3]}, 4);
    }

    /** The quantizer's rounding is Math.round's, clamped: on a sweep of all float bit patterns and around every tie. */
    @Test
    void roundingIsMathRoundClampedToTheLimitForEveryKindOfFloat() {
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 4099) {              // a stride that reaches every exponent
            float v = Float.intBitsToFloat((int) bits);
            assertEquals(Math.max(-127, Math.min(127, Math.round(v))), Int8Quantizer.quantize(v, 1f), "value " + v);
        }
        for (int k = -130; k <= 130; k++) {                                     // ties k + 1/2 and their neighbours
            float tie = k + 0.5f;
            for (float v : new float[] {Math.nextDown(tie), tie, Math.nextUp(tie), k, Math.nextDown((float) k)}) {
                assertEquals(Math.max(-127, Math.min(127, Math.round(v))), Int8Quantizer.quantize(v, 1f), "value " + v);
            }
        }
        assertEquals(0, Int8Quantizer.quantize(0.49999997f, 1f), "the largest float below 1/2 rounds down");
        assertEquals(-2, Int8Quantizer.quantize(-2.5f, 1f), "ties go toward positive infinity");
        assertEquals(127, Int8Quantizer.quantize(3f, 1e30f), "clamped");
    }

    @Test
    void nonFiniteValuesAreRefusedNamingTheRowAndColumn() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> quantize(new float[][] {{1f, 2f}, {3f, bad}}, 2));
            assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 1"), e.getMessage());
        }
    }

    @Test
    void aGroupSizeThatDoesNotDivideTheRowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> quantize(new float[][] {{1f, 2f, 3f}}, 2));
    }

    /** Checks every value against the definition, with its group's scale computed here in double. */
    private static void assertRoundTrip(float[][] rows, int groupSize) {
        Quantized q = quantize(rows, groupSize);
        int cols = rows[0].length;
        int groups = cols / groupSize;
        for (int r = 0; r < rows.length; r++) {
            for (int g = 0; g < groups; g++) {
                double max = 0;
                for (int i = 0; i < groupSize; i++) {
                    max = Math.max(max, Math.abs((double) rows[r][g * groupSize + i]));
                }
                float scale = q.scales[r * groups + g];
                assertEquals(max / 127, scale, max / 127 * 1e-6, "scale of row " + r + " group " + g);
                boolean hitsLimit = false;
                for (int i = 0; i < groupSize; i++) {
                    int c = g * groupSize + i;
                    int value = q.values[r * cols + c];
                    double error = Math.abs(rows[r][c] - (double) value * scale);
                    assertTrue(error <= scale * 0.5 * (1 + 1e-5) + Float.MIN_VALUE,
                            "row " + r + " column " + c + ": error " + error + " > half a step " + scale / 2);
                    hitsLimit |= Math.abs(value) == 127;
                }
                assertTrue(max == 0 || hitsLimit, "the largest magnitude of row " + r + " group " + g + " maps to ±127");
            }
        }
    }

    private static Quantized quantize(float[][] rows, int groupSize) {
        int cols = rows[0].length;
        ByteBuffer source = ByteBuffer.allocate(rows.length * cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                source.putFloat(v);
            }
        }
        source.flip();
        ByteBuffer values = ByteBuffer.allocate(rows.length * cols);
        ByteBuffer scales = ByteBuffer.allocate(rows.length * (cols / groupSize) * Float.BYTES);
        Int8Quantizer.quantize(source, rows.length, cols, groupSize, values, scales);
        float[] scaleArray = new float[rows.length * (cols / groupSize)];
        scales.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(scaleArray);
        return new Quantized(values.array(), scaleArray);
    }

    private record Quantized(byte[] values, float[] scales) {
    }
}
