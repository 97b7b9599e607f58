package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

/** Random inputs for the quantized kernels' tests. */
final class RandomMatrices {

    private RandomMatrices() {
    }

    /**
     * A [rows, cols] FP32 matrix of Gaussian rows with standard deviations 1, 2 and 3 in turn, and,
     * when there are more than two rows, an all-zero second row; owned by {@code manager}.
     */
    static NDArray gaussianRows(Random random, int rows, int cols, NDManager manager) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (1 + (i / cols) % 3));
        }
        if (rows > 2) {
            Arrays.fill(values, cols, 2 * cols, 0f);
        }
        return manager.create(values, new Shape(rows, cols));
    }

    /** {@code n} values from N(0, 1). */
    static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
