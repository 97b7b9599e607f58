package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 4-bit matrices with an offset per group ({@link Q4Matrix#withOffsets}), whose weights read {@code (n - 8) d + c}:
 * every product and the widening to FP32 against a naive reference written here from that definition, on both
 * kernels; and GGUF Q4_1 and Q4_K blocks put into them against {@link GgufDequantizer}'s values of the same blocks.
 */
class Q4OffsetsTest extends NativeMemoryTest {

    /** [rows, cols]: tails of 1-31, odd and even group counts, more groups than a vector has lanes, a 1.5B-like row. */
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {17, 33}, {64, 64}, {4, 97}, {11, 255}, {9, 544}, {5, 1536}};

    @Test
    void productsAddEachGroupsOffsetTimesTheInputsGroupSum() {
        Random random = new Random(36);
        for (int[] shape : SHAPES) {
            Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
            String name = shape[0] + "x" + shape[1];
            float[] x = RandomMatrices.gaussian(random, shape[1]);
            double[] expected = naiveProduct(matrix, x);
            double[] magnitude = absoluteProduct(matrix, x);
            float[] out = new float[shape[0]];
            matrix.multiply(x, out, 0, shape[0]);
            for (int r = 0; r < shape[0]; r++) {
                assertEquals(expected[r], out[r], 1e-5 * (1 + magnitude[r]), name + " row " + r);
            }
            Q8Input rounded = Q4Matrix.roundInput(x);
            double[] roundedExpected = naiveRoundedProduct(matrix, x);
            Arrays.fill(out, 0);
            matrix.multiply(rounded, out, 0, shape[0]);
            for (int r = 0; r < shape[0]; r++) {
                assertEquals(roundedExpected[r], out[r], 1e-5 * (1 + magnitude[r]), name + " rounded, row " + r);
            }
            for (int count : new int[] {2, 3, 5, 8}) {
                float[][] inputs = new float[count][];
                float[][] outs = new float[count][shape[0]];
                for (int b = 0; b < count; b++) inputs[b] = RandomMatrices.gaussian(random, shape[1]);
                int first = random.nextInt(shape[0]);
                int end = first + 1 + random.nextInt(shape[0] - first);
                matrix.multiplyBatch(inputs, outs, first, end);
                for (int b = 0; b < count; b++) {
                    double[] want = naiveProduct(matrix, inputs[b]);
                    double[] size = absoluteProduct(matrix, inputs[b]);
                    for (int r = 0; r < shape[0]; r++) {
                        if (r < first || r >= end) {
                            assertEquals(0f, outs[b][r], name + " batch: row " + r + " outside the range is untouched");
                        } else {
                            assertEquals(want[r], outs[b][r], 1e-5 * (1 + size[r]), name + " batch of " + count + ", input " + b + ", row " + r);
                        }
                    }
                }
            }
        }
    }

    @Test
    void wideningAndOffsetProductsAddEachGroupsOffsetOnBothKernels() {
        Random random = new Random(37);
        for (int[] shape : SHAPES) {
            Q4Matrix matrix = randomMatrix(random, shape[0], shape[1]);
            ByteBuffer target = ByteBuffer.allocateDirect(shape[0] * shape[1] * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            matrix.dequantize(target, 0, shape[0]);
            for (int r = 0; r < shape[0]; r++) {
                for (int c = 0; c < shape[1]; c++) {
                    assertEquals(naiveWeight(matrix, r, c), target.getFloat((r * shape[1] + c) * Float.BYTES), 0f,
                            shape[0] + "x" + shape[1] + " (" + r + ", " + c + ")");
                }
            }
            for (Q4Gemv gemv : kernels()) {
                ByteBuffer wide = ByteBuffer.allocateDirect(shape[0] * shape[1] * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                int first = random.nextInt(shape[0]);
                gemv.dequantize(matrix, wide, first, shape[0]);
                for (int r = 0; r < shape[0]; r++) {
                    for (int c = 0; c < shape[1]; c++) {
                        float want = r < first ? 0 : naiveWeight(matrix, r, c);
                        assertEquals(want, wide.getFloat((r * shape[1] + c) * Float.BYTES), 0f, gemv.name() + " (" + r + ", " + c + ")");
                    }
                }
                float[] sums = RandomMatrices.gaussian(random, Q4Matrix.groups(shape[1]));
                float[] out = new float[shape[0]];
                gemv.addOffsetProducts(matrix, sums, out, first, shape[0]);
                for (int r = 0; r < shape[0]; r++) {
                    double want = 0;
                    double size = 0;
                    for (int g = 0; g < sums.length; g++) {
                        want += (double) offset(matrix, r, g) * sums[g];
                        size += Math.abs((double) offset(matrix, r, g) * sums[g]);
                    }
                    assertEquals(r < first ? 0 : want, out[r], 1e-5 * (1 + size), gemv.name() + " offset products, row " + r);
                }
            }
        }
    }

    @Test
    void q4_1BlocksKeepTheirNibblesAndScalesAndTheirMinimumAsAnOffset() {
        Random random = new Random(38);
        int rows = 3;
        int cols = 96;
        byte[] blocks = new byte[rows * cols / 32 * 20];
        random.nextBytes(blocks);
        for (int at = 0; at < blocks.length; at += 20) {
            GgufTestBlocks.putHalf(blocks, at, (float) random.nextGaussian() * 0.01f);
            GgufTestBlocks.putHalf(blocks, at + 2, (float) random.nextGaussian() * 0.1f);
        }
        Q4Matrix matrix = Q4Matrix.withOffsets(manager, rows, cols);
        matrix.putQ4_1Rows(ByteBuffer.wrap(blocks), 0, rows);
        float[] reference = decoded(GgufTensorType.Q4_1, blocks, rows * cols);
        for (int i = 0; i < reference.length; i++) {
            // only the offset m + 8d is rounded to FP16 (10 bits of mantissa, 13 fewer than FP32): half an FP16 ulp
            float offset = offset(matrix, i / cols, i % cols / 32);
            assertEquals(reference[i], matrix.dequantized(i / cols, i % cols),
                    Math.ulp(offset) * (1 << 13) / 2 + Math.ulp(reference[i]) * 4, "Q4_1 element " + i);
        }
    }

    @Test
    void q4KSubBlocksBecomeGroupsWithTheirScaleAndOffsetInFp16() {
        Random random = new Random(39);
        int rows = 2;
        int cols = 512;
        byte[] blocks = GgufTestBlocks.q4K(random, rows * cols / 256);
        Q4Matrix matrix = Q4Matrix.withOffsets(manager, rows, cols);
        matrix.putQ4KRows(ByteBuffer.wrap(blocks), 0, rows);
        float[] reference = decoded(GgufTensorType.Q4_K, blocks, rows * cols);
        for (int g = 0; g < rows * cols / 32; g++) {
            float largest = 0;
            for (int i = 32 * g; i < 32 * g + 32; i++) largest = Math.max(largest, Math.abs(reference[i]));
            for (int i = 32 * g; i < 32 * g + 32; i++) {
                // the group's scale and offset rounded to FP16 (2^-11 of each, the scale counted up to 8 times):
                // far below one step of the nibbles, which any misplaced nibble would be off by
                assertEquals(reference[i], matrix.dequantized(i / cols, i % cols), 1e-2 * largest + 1e-9,
                        "Q4_K element " + i + " (group " + g + ")");
            }
        }
    }

    @Test
    void affineBlocksNeedAMatrixWithOffsetsAndFiniteFields() {
        Q4Matrix plain = Q4Matrix.allocate(manager, 1, 256);
        assertThrows(IllegalArgumentException.class, () -> plain.putQ4KRows(ByteBuffer.wrap(new byte[144]), 0, 1));
        Q4Matrix matrix = Q4Matrix.withOffsets(manager, 2, 32);
        byte[] blocks = new byte[40];
        GgufTestBlocks.putHalf(blocks, 20, 1f);
        blocks[22] = 0;
        blocks[23] = (byte) 0x7C;                                        // m = +infinity in row 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> matrix.putQ4_1Rows(ByteBuffer.wrap(blocks), 0, 2));
        assertTrue(e.getMessage().contains("row 1 group 0"), e.getMessage());
        Q4Matrix wide = Q4Matrix.withOffsets(manager, 1, 32);
        byte[] huge = new byte[20];
        GgufTestBlocks.putHalf(huge, 0, 65504f);
        GgufTestBlocks.putHalf(huge, 2, 65504f);                                          // m + 8d overflows FP16
        e = assertThrows(IllegalArgumentException.class, () -> wide.putQ4_1Rows(ByteBuffer.wrap(huge), 0, 1));
        assertTrue(e.getMessage().contains("offset Infinity"), e.getMessage());
        Q4Matrix k = Q4Matrix.withOffsets(manager, 1, 256);
        byte[] superBlock = new byte[144];
        GgufTestBlocks.putHalf(superBlock, 0, 65504f);                     // d: sub-block 3's scale 2 overflows FP16
        superBlock[4 + 3] = 2;
        e = assertThrows(IllegalArgumentException.class, () -> k.putQ4KRows(ByteBuffer.wrap(superBlock), 0, 1));
        assertTrue(e.getMessage().contains("row 0 group 3"), e.getMessage());
    }

    private static Q4Matrix randomMatrix(Random random, int rows, int cols) {
        Q4Matrix matrix = Q4Matrix.withOffsets(manager, rows, cols);
        byte[] nibbles = new byte[matrix.valueMemory().capacity()];
        random.nextBytes(nibbles);
        matrix.valueMemory().put(0, nibbles);
        int groups = rows * Q4Matrix.groups(cols);
        for (int g = 0; g < groups; g++) {
            matrix.scaleMemory().putShort(g * 2, Float.floatToFloat16((float) random.nextGaussian() * 0.05f));
            matrix.offsetMemory().putShort(g * 2, Float.floatToFloat16((float) random.nextGaussian() * 0.05f));
        }
        return matrix;
    }

    private static List<Q4Gemv> kernels() {
        return GemvSelection.runnable(GemvSelection.VECTOR_Q4, Q4Gemv.class, new ScalarQ4Gemv());
    }

    private static float offset(Q4Matrix matrix, int r, int g) {
        short half = matrix.offsetMemory().order(ByteOrder.LITTLE_ENDIAN).getShort((r * Q4Matrix.groups(matrix.cols()) + g) * 2);
        return Float.float16ToFloat(half);
    }

    /** Weight (r, c) from the bytes: nibble minus 8 times the FP16 scale, plus the FP16 offset (float arithmetic). */
    private static float naiveWeight(Q4Matrix matrix, int r, int c) {
        return (float) NaiveQ4.weight(matrix, r, c) + offset(matrix, r, c / 32);
    }

    private static double[] naiveProduct(Q4Matrix matrix, float[] x) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < matrix.cols(); c++) out[r] += (double) x[c] * naiveWeight(matrix, r, c);
        }
        return out;
    }

    /** The nibbles' part times the input rounded as a decode step rounds it, the offsets' part times the input as given. */
    private static double[] naiveRoundedProduct(Q4Matrix matrix, float[] x) {
        double[] rounded = NaiveQ4.roundedInput(x);
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                out[r] += rounded[c] * NaiveQ4.weight(matrix, r, c) + (double) x[c] * offset(matrix, r, c / 32);
            }
        }
        return out;
    }

    private static double[] absoluteProduct(Q4Matrix matrix, float[] x) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < matrix.cols(); c++) out[r] += Math.abs((double) x[c] * naiveWeight(matrix, r, c));
        }
        return out;
    }

    private static float[] decoded(GgufTensorType type, byte[] blocks, int count) {
        float[] out = new float[count];
        GgufDequantizer.dequantize(type, ByteBuffer.wrap(blocks), out, 0, count);
        return out;
    }
}
