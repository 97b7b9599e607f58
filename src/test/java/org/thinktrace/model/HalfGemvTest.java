package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The FP16 Java kernels against a plain double-precision loop over {@link Float#float16ToFloat} of every weight, on
 * odd shapes and row ranges, one to eight inputs, and weights that hold FP16's edge values (subnormals, signed zeros,
 * the largest finite value).
 */
class HalfGemvTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {129, 95}, {5, 1536}, {33, 160}, {2, 17}};
    /** FP16 bit patterns at the format's edges: ±0, the least and greatest subnormals, the least normal, ±65504. */
    private static final short[] EDGES = {0x0000, (short) 0x8000, 0x0001, (short) 0x8001, 0x03FF, 0x0400, 0x7BFF,
            (short) 0xFBFF, 0x3C00, (short) 0xBC00};

    private static List<HalfGemv> kernels() {
        return GemvSelection.runnable(GemvSelection.VECTOR_HALF, HalfGemv.class, new ScalarHalfGemv());
    }

    @Test
    void theVectorKernelRunsInTheTestJvm() {
        assumeTrue(Runtime.version().feature() >= 22, "the Vector API kernel is built only by a JDK 22 or newer");
        assertNotNull(GemvSelection.vectorKernel(GemvSelection.VECTOR_HALF, HalfGemv.class),
                "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void bothKernelsMatchTheNaiveProductForOneToEightInputsOnOddShapesAndRowRanges() {
        Random random = new Random(11);
        for (HalfGemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                for (int count : new int[] {1, 2, 3, 4, 5, 8}) {
                    int rows = shape[0];
                    int cols = shape[1];
                    ByteBuffer half = randomHalves(random, rows * cols, random.nextInt(4) == 0);
                    float[][] inputs = new float[count][];
                    for (int b = 0; b < count; b++) inputs[b] = RandomMatrices.gaussian(random, cols);
                    int first = random.nextInt(rows);
                    int end = first + 1 + random.nextInt(rows - first);
                    float[][] outs = new float[count][rows];
                    for (float[] out : outs) Arrays.fill(out, Float.NaN);
                    gemv.multiply(half, cols, inputs, outs, first, end);
                    for (int b = 0; b < count; b++) {
                        for (int r = 0; r < rows; r++) {
                            String where = gemv.name() + " " + rows + "x" + cols + ", input " + b + " of " + count
                                    + ", row " + r;
                            if (r < first || r >= end) {
                                assertTrue(Float.isNaN(outs[b][r]), where + " lies outside [" + first + ", " + end + ")");
                                continue;
                            }
                            double[] expected = naive(half, cols, r, inputs[b]);
                            assertEquals(expected[0], outs[b][r], 1e-5 * (1 + expected[1]), where);
                        }
                    }
                }
            }
        }
    }

    /** A row of nothing but FP16's edge values, each alone against a one-hot input: the product is that value exactly. */
    @Test
    void edgeValuesAreWidenedExactly() {
        int cols = 40;                                             // two 16-lane vectors and a tail of eight
        for (HalfGemv gemv : kernels()) {
            for (short bits : EDGES) {
                for (int at : new int[] {0, 5, 17, 31, 39}) {
                    ByteBuffer half = ByteBuffer.allocateDirect(cols * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    half.putShort(at * Short.BYTES, bits);
                    float[] x = new float[cols];
                    x[at] = 1;
                    float[][] outs = new float[1][1];
                    gemv.multiply(half, cols, new float[][] {x}, outs, 0, 1);
                    float expected = Float.float16ToFloat(bits);
                    assertEquals(Float.floatToIntBits(expected) == Float.floatToIntBits(-0f) ? 0f : expected, outs[0][0],
                            0f, gemv.name() + ": bits " + Integer.toHexString(bits & 0xFFFF) + " at column " + at);
                }
            }
        }
    }

    /** Gaussian weights as FP16 (some rows scaled into FP16's subnormal range when {@code tiny}), little-endian. */
    private static ByteBuffer randomHalves(Random random, int count, boolean tiny) {
        ByteBuffer half = ByteBuffer.allocateDirect(count * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float scale = tiny ? 1e-5f : 0.05f;
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(40);
            short bits = pick == 0 ? EDGES[random.nextInt(EDGES.length)]
                    : Float.floatToFloat16((float) random.nextGaussian() * scale);
            half.putShort(i * Short.BYTES, bits);
        }
        return half;
    }

    /** {Σ w·x, Σ |w·x|} of row {@code r} in double precision. */
    private static double[] naive(ByteBuffer half, int cols, int r, float[] x) {
        double sum = 0;
        double magnitude = 0;
        for (int c = 0; c < cols; c++) {
            double term = (double) Float.float16ToFloat(half.getShort((r * cols + c) * Short.BYTES)) * x[c];
            sum += term;
            magnitude += Math.abs(term);
        }
        return new double[] {sum, magnitude};
    }
}
