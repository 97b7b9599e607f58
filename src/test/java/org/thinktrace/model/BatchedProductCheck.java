package org.thinktrace.model;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks {@link QuantizedGemv#multiplyBatch} for one to eight inputs at once (a batched decode step: blocks of
 * four inputs, a repeated last input, an odd last row) against a naive double-precision product of each input
 * alone, over a random row range whose outside must stay untouched.
 */
final class BatchedProductCheck {

    private BatchedProductCheck() {
    }

    /** The products of several inputs with one matrix's rows {@code [first, end)}. */
    @FunctionalInterface
    interface Batched {
        void multiply(float[][] inputs, float[][] outs, int first, int end);
    }

    /**
     * @param naive     the exact product of one input, row by row
     * @param magnitude Σ_c |x[c] × w[r][c]| of one input, row by row: float sums may differ from the exact one
     *                  by a few ulps of it
     */
    static void assertOneToEightInputs(Random random, String where, int rows, int cols, Batched batched,
                                       Function<float[], double[]> naive, Function<float[], double[]> magnitude) {
        assertOneToNInputs(random, where, rows, cols, 8, batched, naive, magnitude);
    }

    /** As {@link #assertOneToEightInputs}, for one to {@code most} inputs at once. */
    static void assertOneToNInputs(Random random, String where, int rows, int cols, int most, Batched batched,
                                   Function<float[], double[]> naive, Function<float[], double[]> magnitude) {
        for (int count = 1; count <= most; count++) {
            float[][] inputs = new float[count][];
            float[][] outs = new float[count][rows];
            for (int b = 0; b < count; b++) {
                inputs[b] = RandomMatrices.gaussian(random, cols);
                Arrays.fill(outs[b], Float.NaN);
            }
            int first = random.nextInt(rows);
            int end = first + 1 + random.nextInt(rows - first);
            batched.multiply(inputs, outs, first, end);
            for (int b = 0; b < count; b++) {
                double[] expected = naive.apply(inputs[b]);
                double[] size = magnitude.apply(inputs[b]);
                for (int r = 0; r < rows; r++) {
                    String at = where + " " + rows + "x" + cols + ", input " + b + " of " + count + ", row " + r;
                    if (r < first || r >= end) {
                        assertTrue(Float.isNaN(outs[b][r]), at + " is outside [" + first + ", " + end
                                + ") and must stay untouched");
                    } else {
                        assertEquals(expected[r], outs[b][r], 1e-5 * (1 + size[r]), at);
                    }
                }
            }
        }
    }
}
