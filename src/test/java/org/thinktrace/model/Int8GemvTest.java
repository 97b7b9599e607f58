package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int8 Java kernels and {@link Int8ProjectionKernel} against a plain double-precision loop over
 * the dequantized weights ({@code values × scales} read back from the matrix), on random shapes
 * including odd sizes, arbitrary row ranges and the two-lane split's boundaries.
 */
class Int8GemvTest extends NativeMemoryTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {129, 95}, {5, 1536}, {33, 160}, {2, 17}};

    @Test
    void theVectorKernelRunsInTheTestJvm() {
        assumeTrue(Runtime.version().feature() >= 22, "the Vector API kernel is built only by a JDK 22 or newer");
        assertNotNull(Int8GemvSelection.vectorKernel(), "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void bothKernelsMatchTheNaiveProductOnRandomShapesAndRowRanges() {
        Random random = new Random(5);
        for (Int8Gemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                for (int groupSize : groupSizes(shape[1])) {
                    Int8Matrix matrix = randomMatrix(random, shape[0], shape[1], groupSize);
                    float[] x = randomVector(random, shape[1]);
                    double[] expected = naiveProduct(matrix, x);
                    int first = random.nextInt(shape[0]);
                    int end = first + 1 + random.nextInt(shape[0] - first);
                    float[] out = new float[shape[0]];
                    java.util.Arrays.fill(out, Float.NaN);
                    gemv.multiply(matrix, x, out, first, end);
                    for (int r = 0; r < shape[0]; r++) {
                        String where = gemv.name() + " " + shape[0] + "x" + shape[1] + " group " + groupSize + " row " + r;
                        if (r < first || r >= end) {
                            assertTrue(Float.isNaN(out[r]), where + " is outside [" + first + ", " + end + ") and must stay untouched");
                        } else {
                            assertEquals(expected[r], out[r], 1e-4 * (1 + Math.abs(expected[r])), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void bothKernelsDequantizeExactlyToValuesTimesScales() {
        Random random = new Random(6);
        for (Int8Gemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                for (int groupSize : groupSizes(shape[1])) {
                    Int8Matrix matrix = randomMatrix(random, shape[0], shape[1], groupSize);
                    ByteBuffer target = ByteBuffer.allocateDirect(shape[0] * shape[1] * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    int split = shape[0] / 2;
                    gemv.dequantize(matrix, target, split, shape[0]);
                    gemv.dequantize(matrix, target, 0, split);
                    for (int r = 0; r < shape[0]; r++) {
                        for (int c = 0; c < shape[1]; c++) {
                            assertEquals(matrix.dequantized(r, c), target.getFloat((r * shape[1] + c) * Float.BYTES), 0,
                                    gemv.name() + " row " + r + " column " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void projectionKernelSplitsDecodeRowsOverTwoLanesAndWidensForPrefill() {
        Random random = new Random(8);
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 9))
                .quantizeToInt8(Int8Matrix.PER_ROW);
             Int8ProjectionKernel oneLane = new Int8ProjectionKernel(weights, 1, Int8Gemv.best(), 0, 1 << 20);
             // chunks of 3 rows of 32 (q has 32 rows, k and v 16): ragged last chunks in every projection
             Int8ProjectionKernel twoLanes = new Int8ProjectionKernel(weights, 2, Int8Gemv.best(), 0, 3 * 32);
             NDManager step = manager.newSubManager()) {
            LayerWeights layer = weights.layer(1);
            Projection[] qkv = {new Projection(layer.qProj(), layer.qBias()), new Projection(layer.kProj(), layer.kBias()),
                    new Projection(layer.vProj(), layer.vBias())};
            for (int tokens : new int[] {1, 5}) {
                float[] input = randomVector(random, tokens * config.hiddenSize());
                NDArray x = step.create(input, new Shape(1, tokens, config.hiddenSize()));
                NDArray[] one = oneLane.project(x, qkv);
                NDArray[] two = twoLanes.project(x, qkv);
                for (int p = 0; p < qkv.length; p++) {
                    Int8Matrix matrix = weights.quantized(qkv[p].weight());
                    float[] bias = qkv[p].bias().toFloatArray();
                    float[] expected = new float[tokens * matrix.rows()];
                    for (int t = 0; t < tokens; t++) {
                        float[] row = java.util.Arrays.copyOfRange(input, t * matrix.cols(), (t + 1) * matrix.cols());
                        double[] product = naiveProduct(matrix, row);
                        for (int r = 0; r < matrix.rows(); r++) {
                            expected[t * matrix.rows() + r] = (float) (product[r] + bias[r]);
                        }
                    }
                    assertEquals(new Shape(1, tokens, matrix.rows()), two[p].getShape());
                    assertArrayEquals(expected, one[p].toFloatArray(), 1e-4f, "one lane, " + tokens + " tokens, projection " + p);
                    assertArrayEquals(expected, two[p].toFloatArray(), 1e-4f, "two lanes, " + tokens + " tokens, projection " + p);
                }
            }
        }
    }

    private static List<Int8Gemv> kernels() {
        List<Int8Gemv> kernels = new ArrayList<>(List.of(new ScalarInt8Gemv()));
        Int8Gemv vector = Int8GemvSelection.vectorKernel();
        if (vector != null) {
            kernels.add(vector);
        }
        return kernels;
    }

    private static int[] groupSizes(int cols) {
        return cols % 32 == 0 && cols != 32 ? new int[] {cols, 32} : new int[] {cols};
    }

    private static Int8Matrix randomMatrix(Random random, int rows, int cols, int groupSize) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (1 + (i / cols) % 3));
        }
        if (rows > 2) {
            java.util.Arrays.fill(values, cols, 2 * cols, 0f);                      // an all-zero row
        }
        NDArray weight = manager.create(values, new Shape(rows, cols));
        return Int8Matrix.quantize(weight, manager, groupSize == cols ? Int8Matrix.PER_ROW : groupSize);
    }

    private static float[] randomVector(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** Σ_c x[c] × values[r][c] × scale, in double, straight from the definition. */
    private static double[] naiveProduct(Int8Matrix matrix, float[] x) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < matrix.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < matrix.cols(); c++) {
                sum += (double) x[c] * matrix.dequantized(r, c);
            }
            out[r] = sum;
        }
        return out;
    }
}
