package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link RowSplitKernel#fewRowsLinear}, the transposed product of a few rows, against PyTorch's {@code linear}
 * (itself checked against the naive reference decoder elsewhere): same values, same shape, results owned by the
 * input's manager and nothing left with the weight's.
 */
class RowSplitKernelTest extends NativeMemoryTest {

    @Test
    void theTransposedProductOfAFewRowsEqualsLinearWithAndWithoutBias() {
        manager.getEngine().setRandomSeed(17);
        try (NDManager weights = manager.newSubManager()) {
            NDArray weight = weights.randomNormal(0, 1, new Shape(37, 29), DataType.FLOAT32);    // [out, in]
            NDArray bias = weights.randomNormal(0, 1, new Shape(37), DataType.FLOAT32);          // [out]
            int held = weights.getManagedArrays().size();
            for (long[] shape : new long[][] {{7, 29}, {8, 29}, {2, 10, 29}, {32, 1, 29}}) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomNormal(0, 1, new Shape(shape), DataType.FLOAT32);
                    for (NDArray b : new NDArray[] {null, bias}) {
                        NDArray expected = ProjectionKernel.linear(x, weight, b);
                        NDArray actual = RowSplitKernel.fewRowsLinear(x, weight, b);
                        String what = new Shape(shape) + (b == null ? " without" : " with") + " bias";
                        assertEquals(expected.getShape(), actual.getShape(), what);
                        float[] e = expected.toFloatArray();
                        float[] a = actual.toFloatArray();
                        for (int i = 0; i < e.length; i++) {
                            assertEquals(e[i], a[i], 1e-4f * (1 + Math.abs(e[i])), what + " at " + i);
                        }
                        assertSame(step, actual.getManager(), what + ": the result belongs to the input's manager");
                    }
                }
                assertEquals(held, weights.getManagedArrays().size(), "nothing is left with the weight's manager");
            }
        }
    }
}
