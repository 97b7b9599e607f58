package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int8 Java kernels against a plain double-precision loop over the dequantized weights
 * ({@code values × scales} read back from the matrix), on random shapes including odd sizes and
 * arbitrary row ranges.
 */
class Int8GemvTest extends NativeMemoryTest {

    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {129, 95}, {5, 1536}, {33, 160}, {2, 17}};

    @Test
    void theVectorKernelRunsInTheTestJvm() {
        assumeTrue(Runtime.version().feature() >= 22, "the Vector API kernel is built only by a JDK 22 or newer");
        assertNotNull(GemvSelection.vectorKernel(GemvSelection.VECTOR_INT8, Int8Gemv.class), "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void bothKernelsMatchTheNaiveProductOnRandomShapesAndRowRanges() {
        Random random = new Random(5);
        for (Int8Gemv gemv : kernels()) {
            for (int[] shape : SHAPES) {
                for (int groupSize : groupSizes(shape[1])) {
                    Int8Matrix matrix = randomMatrix(random, shape[0], shape[1], groupSize);
                    float[] x = RandomMatrices.gaussian(random, shape[1]);
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

    /** One to eight inputs at once on odd row counts and rows that are not a multiple of any vector length. */
    @Test
    void bothKernelsMultiplyOneToEightInputsAsTheNaiveProductOfEach() {
        Random random = new Random(7);
        int[][] shapes = {{1, 1}, {7, 31}, {33, 97}, {6, 96}, {5, 1543}};
        for (Int8Gemv gemv : kernels()) {
            for (int[] shape : shapes) {
                for (int groupSize : groupSizes(shape[1])) {
                    Int8Matrix matrix = randomMatrix(random, shape[0], shape[1], groupSize);
                    BatchedProductCheck.assertOneToEightInputs(random, gemv.name() + ", group " + groupSize,
                            shape[0], shape[1], (inputs, outs, first, end) -> gemv.multiplyBatch(matrix, inputs, outs,
                                    first, end),
                            x -> naiveProduct(matrix, x, false), x -> naiveProduct(matrix, x, true));
                }
            }
        }
    }

    /** Up to seventeen inputs at once: several whole blocks, then a padded block or single inputs. */
    @Test
    void bothKernelsMultiplyUpToSeventeenInputsAsTheNaiveProductOfEach() {
        Random random = new Random(8);
        for (Int8Gemv gemv : kernels()) {
            for (int[] shape : new int[][] {{9, 47}, {13, 1543}}) {
                Int8Matrix matrix = randomMatrix(random, shape[0], shape[1], Int8Matrix.PER_ROW);
                BatchedProductCheck.assertOneToNInputs(random, gemv.name(), shape[0], shape[1], 17,
                        (inputs, outs, first, end) -> gemv.multiplyBatch(matrix, inputs, outs, first, end),
                        x -> naiveProduct(matrix, x, false), x -> naiveProduct(matrix, x, true));
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

    private static List<Int8Gemv> kernels() {
        return GemvSelection.runnable(GemvSelection.VECTOR_INT8, Int8Gemv.class, new ScalarInt8Gemv());
    }

    private static int[] groupSizes(int cols) {
        return cols % 32 == 0 && cols != 32 ? new int[] {cols, 32} : new int[] {cols};
    }

    private static Int8Matrix randomMatrix(Random random, int rows, int cols, int groupSize) {
        NDArray weight = RandomMatrices.gaussianRows(random, rows, cols, manager);
        return Int8Matrix.quantize(weight, manager, groupSize == cols ? Int8Matrix.PER_ROW : groupSize);
    }

    /** Σ_c x[c] × values[r][c] × scale, in double, straight from the definition. */
    private static double[] naiveProduct(Int8Matrix matrix, float[] x) {
        return naiveProduct(matrix, x, false);
    }

    /** As above, or with {@code absolute} Σ_c |x[c] × values[r][c] × scale| (the size of a row's rounding). */
    private static double[] naiveProduct(Int8Matrix matrix, float[] x, boolean absolute) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < matrix.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < matrix.cols(); c++) {
                double term = (double) x[c] * matrix.dequantized(r, c);
                sum += absolute ? Math.abs(term) : term;
            }
            out[r] = sum;
        }
        return out;
    }
}
