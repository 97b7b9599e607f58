package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every {@link Q4RowQuantizer} this JVM runs gives {@link Q4Quantizer}'s bytes and failures, on random rows of many
 * shapes and magnitudes and on groups made to catch a lane-wise version out: ties of magnitude with opposite signs
 * (the first one sets the scale's sign), zeros and negative zeros, scales that round to FP16 zero, values at the
 * clamp, and the largest value anywhere in the group.
 */
class Q4RowQuantizerTest {

    private static final int[] WIDTHS = {1, 7, 31, 32, 33, 64, 95, 96, 100, 160, 1536};

    @Test
    void theVectorQuantizerRunsInTheTestJvm() {
        assumeTrue(Runtime.version().feature() >= 22, "the Vector API quantizer is built only by a JDK 22 or newer");
        assertNotNull(GemvSelection.vectorKernel(GemvSelection.VECTOR_Q4_QUANTIZER, Q4RowQuantizer.class),
                "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void randomRowsGiveTheScalarBytes() {
        Random random = new Random(41);
        for (int cols : WIDTHS) {
            float[][] rows = new float[13][cols];
            for (float[] row : rows) {
                double magnitude = Math.pow(10, random.nextInt(12) - 8);            // 1e-8 .. 1e3 per row
                for (int c = 0; c < cols; c++) {
                    row[c] = (float) (random.nextGaussian() * magnitude);
                }
            }
            assertAllEqualScalar(rows, cols + " columns");
        }
    }

    @Test
    void craftedGroupsGiveTheScalarBytes() {
        Random random = new Random(43);
        int cols = 96;
        float[][] rows = new float[40][cols];
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            for (int c = 0; c < cols; c++) {
                row[c] = (float) random.nextGaussian() * 0.02f;
            }
            int at = random.nextInt(32);
            int other = (at + 1 + random.nextInt(31)) % 32;
            switch (r % 8) {
                case 0 -> {                                   // equal magnitudes, opposite signs, either order
                    row[at] = 0.5f;
                    row[other] = -0.5f;
                }
                case 1 -> {                                   // zeros, with negative zeros among them
                    for (int c = 0; c < 32; c++) {
                        row[c] = c % 3 == 0 ? -0f : 0f;
                    }
                }
                case 2 -> {                                   // a scale below FP16's smallest: stored as zeros
                    for (int c = 32; c < 64; c++) {
                        row[c] = (float) random.nextGaussian() * 1e-9f;
                    }
                }
                case 3 -> {                                   // values just at and beyond the +7.5 step clamp
                    row[at] = -1f;
                    row[other] = 0.9375f;
                    row[(other + 5) % 32] = 0.93749994f;
                }
                case 4 -> row[64 + at] = -3e5f;               // a large magnitude within FP16 scale range
                case 5 -> row[at] = Float.MIN_VALUE;          // subnormal inputs
                case 6 -> {                                   // the largest value in the last lane
                    row[31] = 2f;
                    row[63] = -2f;
                }
                default -> row[at] = -row[at];
            }
        }
        assertAllEqualScalar(rows, "crafted groups");
    }

    @Test
    void nonFiniteValuesAndOversizedScalesFailAsTheScalarDoes() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e7f}) {
            for (int column : new int[] {0, 17, 40, 99}) {
                float[][] rows = new float[3][100];
                for (float[] row : rows) {
                    java.util.Arrays.fill(row, 0.25f);
                }
                rows[2][column] = bad;
                rows[2][column < 90 ? column + 5 : column - 5] = Float.NaN == bad ? Float.POSITIVE_INFINITY : bad;
                String expected = assertThrows(IllegalArgumentException.class,
                        () -> run(Q4RowQuantizer.SCALAR, rows, 100)).getMessage();
                for (Q4RowQuantizer quantizer : quantizers()) {
                    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                            () -> run(quantizer, rows, 100), quantizer + " with " + bad + " at " + column);
                    assertEquals(expected, failure.getMessage(), quantizer + " with " + bad + " at " + column);
                }
            }
        }
    }

    private static void assertAllEqualScalar(float[][] rows, String what) {
        Quantized expected = run(Q4RowQuantizer.SCALAR, rows, rows[0].length);
        for (Q4RowQuantizer quantizer : quantizers()) {
            Quantized actual = run(quantizer, rows, rows[0].length);
            for (int i = 0; i < expected.values.capacity(); i++) {
                assertEquals(expected.values.get(i), actual.values.get(i), what + ": " + quantizer
                        + " nibble byte " + i % 16 + " of group " + i / 16);
            }
            for (int i = 0; i < expected.scales.capacity(); i++) {
                assertEquals(expected.scales.get(i), actual.scales.get(i), what + ": " + quantizer
                        + " scale byte " + i);
            }
        }
    }

    private static List<Q4RowQuantizer> quantizers() {
        return GemvSelection.runnable(GemvSelection.VECTOR_Q4_QUANTIZER, Q4RowQuantizer.class, Q4RowQuantizer.SCALAR);
    }

    private record Quantized(ByteBuffer values, ByteBuffer scales) {
    }

    /** Quantizes through buffers whose positions are not 0, as the loader's slices of a matrix are. */
    private static Quantized run(Q4RowQuantizer quantizer, float[][] rows, int cols) {
        int groups = Q4Matrix.groups(cols);
        ByteBuffer source = ByteBuffer.allocateDirect(8 + rows.length * cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        source.position(8);
        for (float[] row : rows) {
            for (float v : row) {
                source.putFloat(v);
            }
        }
        source.position(8);
        ByteBuffer values = ByteBuffer.allocateDirect(3 + rows.length * groups * 16);
        ByteBuffer scales = ByteBuffer.allocateDirect(2 + rows.length * groups * Short.BYTES);
        quantizer.quantize(source, rows.length, cols, values.position(3), scales.position(2));
        assertEquals(8, source.position(), "source position unchanged");
        assertEquals(3, values.position(), "values position unchanged");
        return new Quantized(values.slice(3, values.capacity() - 3), scales.slice(2, scales.capacity() - 2));
    }
}
