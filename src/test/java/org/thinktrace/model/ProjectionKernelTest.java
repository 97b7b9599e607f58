package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several-row products with an FP16 weight (prefill) against a naive double-precision product of
 * the weight's FP16 values, for a weight large enough to be widened in several blocks, and with
 * no widened block left behind in the caller's manager.
 */
class ProjectionKernelTest extends NativeMemoryTest {

    @Test
    void severalRowsAgainstAHalfWeightMatchTheNaiveProductAcrossWideBlocks() {
        int in = 1024;
        int out = (int) (ProjectionKernel.WIDE_BLOCK_ELEMENTS / in * 2 + 37);  // two full blocks and a partial one
        int rows = 3;
        SplittableRandom random = new SplittableRandom(5);
        short[] weightBits = new short[out * in];
        short[] biasBits = new short[out];
        float[] input = new float[rows * in];
        for (int i = 0; i < weightBits.length; i++) {
            weightBits[i] = Float.floatToFloat16((float) random.nextGaussian(0, 0.05));
        }
        for (int i = 0; i < out; i++) {
            biasBits[i] = Float.floatToFloat16((float) random.nextGaussian(0, 0.1));
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        double[] expected = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double sum = HalfFloatReference.f16Value(biasBits[o] & 0xFFFF);
                for (int k = 0; k < in; k++) {
                    sum += input[r * in + k] * HalfFloatReference.f16Value(weightBits[o * in + k] & 0xFFFF);
                }
                expected[r * out + o] = sum;
            }
        }
        try (NDManager weights = manager.newSubManager(); NDManager step = manager.newSubManager()) {
            NDArray weight = weights.create(halfBytes(weightBits), new Shape(out, in), DataType.FLOAT16);  // [out, in]
            NDArray bias = weights.create(halfBytes(biasBits), new Shape(out), DataType.FLOAT16);            // [out]
            NDArray x = step.create(input, new Shape(1, rows, in));                                        // [1, T, in]
            int before = step.getManagedArrays().size();
            NDArray y = ProjectionKernel.linear(x, weight, bias);                                          // [1, T, out]
            assertEquals(new Shape(1, rows, out), y.getShape());
            assertEquals(DataType.FLOAT32, y.getDataType());
            float[] actual = y.toFloatArray();
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4 + 1e-4 * Math.abs(expected[i]), "output " + i);
            }
            assertTrue(step.getManagedArrays().size() <= before + 1,
                    "only the result is left in the caller's manager, not widened blocks");
        }
    }

    /** FP16 bit patterns as little-endian bytes (PyTorch copies them when creating the array). */
    private static ByteBuffer halfBytes(short[] bits) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bits.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (short b : bits) {
            buffer.putShort(b);
        }
        return buffer.flip();
    }
}
