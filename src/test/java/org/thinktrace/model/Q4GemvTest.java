package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 4-bit Java kernels against {@link NaiveQ4} (dequantize from the bytes, then multiply in
 * double) on random matrices of odd sizes: rows not a multiple of anything, rows of whole groups
 * (odd and even counts) and rows ending in a shorter group, over arbitrary row ranges.
 */
class Q4GemvTest extends NativeMemoryTest {

    /** [rows, cols]: single groups, tails of 1–31, odd group counts, and a 1.5B-like row. */
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {129, 95}, {5, 1536}, {33, 160},
            {2, 17}, {7, 31}, {4, 97}, {9, 32}, {3, 96}, {11, 255}};

    @Test
    void theVectorKernelRunsInTheTestJvm() {
        assumeTrue(Runtime.version().feature() >= 22, "the Vector API kernel is built only by a JDK 22 or newer");
        assertNotNull(GemvSelection.vectorKernel(GemvSelection.VECTOR_Q4, Q4Gemv.class),
                "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void bothKernelsMatchTheNaiveProductOnRandomShapesAndRowRanges() {
        Random random = new Random(15);
        for (Q4Gemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
                float[] x = RandomMatrices.gaussian(random, shape[1]);
                double[] expected = NaiveQ4.product(matrix, x);
                double[] magnitude = absoluteProduct(matrix, x);
                int first = random.nextInt(shape[0]);
                int end = first + 1 + random.nextInt(shape[0] - first);
                float[] out = new float[shape[0]];
                Arrays.fill(out, Float.NaN);
                gemv.multiply(matrix, x, out, first, end);
                String name = gemv.name() + " " + shape[0] + "x" + shape[1];
                // float sums of up to 1536 terms against a double sum: a few ulps of Σ|w·x|
                assertRowRange(name, out, first, end, (r, where) ->
                        assertEquals(expected[r], out[r], 1e-5 * (1 + magnitude[r]), where));
            }
        }
    }

    /**
     * A decode step's single input, rounded to 8-bit levels per whole group of 32 by the kernel's own layout: equal to
     * the naive product of the input rounded by Q8_0's rule, on whole groups (odd and even counts, more than a chunk
     * of 16 with a partial last chunk) and shorter last groups.
     */
    @Test
    void bothKernelsMultiplyARoundedInputAsTheNaiveProductOfTheQ8RoundedInput() {
        Random random = new Random(19);
        int[][] shapes = {{1, 1}, {17, 33}, {129, 95}, {5, 1536}, {33, 160}, {3, 96}, {9, 32}, {11, 255}, {7, 1184},
                {6, 1287}, {4, 1056}, {3, 64}, {32, 48}, {32, 64}, {57, 32}, {64, 32}, {40, 1184}, {24, 95}};
        for (Q4Gemv gemv : kernels()) {
            for (int[] shape : shapes) {
                Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
                float[] x = RandomMatrices.gaussian(random, shape[1]);
                x[random.nextInt(shape[1])] = 0;
                if (shape[1] >= 64) {
                    Arrays.fill(x, 32, 64, 0f);                                   // an all-zero group: d = 0
                }
                double[] expected = NaiveQ4.productOfRoundedInput(matrix, x);
                double[] magnitude = absoluteProduct(matrix, x);
                double[] unrounded = NaiveQ4.product(matrix, x);
                int first = random.nextInt(shape[0]);
                int end = first + 1 + random.nextInt(shape[0] - first);
                float[] out = new float[shape[0]];
                Arrays.fill(out, Float.NaN);
                gemv.multiply(matrix, gemv.roundInput(x), out, first, end);
                String name = gemv.name() + " rounded input " + shape[0] + "x" + shape[1];
                assertRowRange(name, out, first, end, (r, where) -> {
                    assertEquals(expected[r], out[r], 1e-5 * (1 + magnitude[r]), where);
                    // each input moves by at most half a level, 1/254 of its group's largest value
                    assertEquals(unrounded[r], out[r], magnitude[r] / 100 + 1e-5, where + " against the unrounded input");
                });
            }
        }
    }

    @Test
    void anInputWithANaNOrInfinityIsNotRoundedAndAnInputOfTheWrongLayoutIsRefused() {
        Random random = new Random(20);
        Q4Matrix matrix = randomMatrix(random, 4, 96);
        for (Q4Gemv gemv : kernels()) {
            float[] x = RandomMatrices.gaussian(random, 96);
            x[40] = Float.NaN;
            assertNull(gemv.roundInput(x), gemv.name());
            x[40] = Float.NEGATIVE_INFINITY;
            assertNull(gemv.roundInput(x), gemv.name());
            x[40] = 1;
            Q8Input rounded = gemv.roundInput(x);
            Q8Input.Layout otherLayout = rounded.layout() == Q8Input.Layout.NATURAL
                    ? Q8Input.Layout.PAIRED : Q8Input.Layout.NATURAL;
            Q8Input other = Q8Input.round(x, otherLayout);
            assertThrows(IllegalArgumentException.class, () -> gemv.multiply(matrix, other, new float[4], 0, 4), gemv.name());
            Q8Input shorter = gemv.roundInput(Arrays.copyOf(x, 64));
            assertThrows(IllegalArgumentException.class, () -> gemv.multiply(matrix, shorter, new float[4], 0, 4), gemv.name());
        }
    }

    /** One to eight inputs at once on odd row counts, whole groups and rows ending in a shorter group. */
    @Test
    void bothKernelsMultiplyOneToEightInputsAsTheNaiveProductOfEach() {
        Random random = new Random(17);
        int[][] shapes = {{1, 1}, {7, 31}, {33, 97}, {6, 96}, {5, 1543}};
        for (Q4Gemv gemv : kernels()) {
            for (int[] shape : shapes) {
                Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
                BatchedProductCheck.assertOneToEightInputs(random, gemv.name(), shape[0], shape[1],
                        (inputs, outs, first, end) -> gemv.multiplyBatch(matrix, inputs, outs, first, end),
                        x -> NaiveQ4.product(matrix, x), x -> absoluteProduct(matrix, x));
            }
        }
    }

    /** Up to seventeen inputs at once: several whole blocks, then a padded block or a single input. */
    @Test
    void bothKernelsMultiplyUpToSeventeenInputsAsTheNaiveProductOfEach() {
        Random random = new Random(18);
        for (Q4Gemv gemv : kernels()) {
            for (int[] shape : new int[][] {{9, 47}, {13, 1543}}) {
                Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
                BatchedProductCheck.assertOneToNInputs(random, gemv.name(), shape[0], shape[1], 17,
                        (inputs, outs, first, end) -> gemv.multiplyBatch(matrix, inputs, outs, first, end),
                        x -> NaiveQ4.product(matrix, x), x -> absoluteProduct(matrix, x));
            }
        }
    }

    @Test
    void bothKernelsDequantizeExactlyToNibbleTimesScale() {
        Random random = new Random(16);
        for (Q4Gemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
                ByteBuffer target = ByteBuffer.allocateDirect(shape[0] * shape[1] * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                int split = shape[0] / 2;
                gemv.dequantize(matrix, target, split, shape[0]);
                gemv.dequantize(matrix, target, 0, split);
                for (int r = 0; r < shape[0]; r++) {
                    for (int c = 0; c < shape[1]; c++) {
                        assertEquals(NaiveQ4.weight(matrix, r, c), target.getFloat((r * shape[1] + c) * Float.BYTES), 0,
                                gemv.name() + " " + shape[0] + "x" + shape[1] + " row " + r + " column " + c);
                    }
                }
            }
        }
    }

    /** Checks each row of {@code out} in {@code [first, end)}, given its name; the others must still be NaN. */
    private static void assertRowRange(String name, float[] out, int first, int end, BiConsumer<Integer, String> check) {
        for (int r = 0; r < out.length; r++) {
            String where = name + " row " + r;
            if (r < first || r >= end) {
                assertTrue(Float.isNaN(out[r]), where + " is outside [" + first + ", " + end + ") and must stay untouched");
            } else {
                check.accept(r, where);
            }
        }
    }

    private static List<Q4Gemv> kernels() {
        return GemvSelection.runnable(GemvSelection.VECTOR_Q4, Q4Gemv.class, new ScalarQ4Gemv());
    }

    private static Q4Matrix randomMatrix(Random random, int rows, int cols) {
        return Q4Matrix.quantize(RandomMatrices.gaussianRows(random, rows, cols, manager), manager);
    }

    private static double[] absoluteProduct(Q4Matrix matrix, float[] x) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                out[r] += Math.abs(x[c] * NaiveQ4.weight(matrix, r, c));
            }
        }
        return out;
    }
}
