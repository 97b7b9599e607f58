package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RowSplitKernel#fewRowsLinear}, the transposed product of a few rows, against PyTorch's {@code linear}
 * (itself checked against the naive reference decoder elsewhere): same values, same shape, results owned by the
 * input's manager and nothing left with the weight's; which rows meet FP16 weights in FP16; and the widening of FP16
 * weight values for prompts.
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

    /**
     * FP16 weights: a decode step's row and a batched step's rows (up to {@link ProjectionKernel#MAX_HALF_ROWS}) are
     * multiplied in FP16, so every result is an FP16 value; a prompt's rows against an FP32 copy of the weight, whose
     * results are not; on the calling thread and on the two lanes alike.
     */
    @Test
    void fp16WeightsMeetUpToEightRowsInHalfPrecisionAndAPromptWidened() {
        ModelConfig config = TinyModels.qwen2();
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 5))
                .convertTo(ComputePrecision.FP16);
        try (RowSplitKernel split = new RowSplitKernel(weights, 2, 0)) {
            Projection q = new Projection(weights.layer(0).qProj(), weights.layer(0).qBias());
            for (int rows : new int[] {1, 2, ProjectionKernel.MAX_HALF_ROWS, ProjectionKernel.MAX_HALF_ROWS + 1, 64}) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomNormal(0, 1, new Shape(rows, config.hiddenSize()), DataType.FLOAT32);
                    for (ProjectionKernel kernel : new ProjectionKernel[] {ProjectionKernel.SERIAL, split}) {
                        float[] out = kernel.project(x, q)[0].toFloatArray();
                        long wider = 0;
                        for (float v : out) {
                            if (Float.float16ToFloat(Float.floatToFloat16(v)) != v) wider++;
                        }
                        String what = rows + " rows on " + (kernel == split ? "two lanes" : "the calling thread");
                        if (rows <= ProjectionKernel.MAX_HALF_ROWS) {
                            assertEquals(0, wider, what + ": results not in FP16");
                        } else {
                            assertTrue(wider > out.length / 2, what + ": only " + wider + " of " + out.length
                                    + " results wider than FP16");
                        }
                    }
                }
            }
        } finally {
            weights.close();
        }
    }

    @Test
    void widenWritesEveryHalfValueAsItsFloatFromTheOrigin() {
        int count = 10_000;
        ByteBuffer half = ByteBuffer.allocateDirect(count * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(3);
        for (int i = 0; i < count; i++) {
            half.putShort(i * Short.BYTES, (short) random.nextInt(1 << 16));   // every pattern: NaNs, infinities, subnormals
        }
        int origin = 1_000;
        int from = origin + 7;
        int to = count - 1;
        ByteBuffer target = ByteBuffer.allocateDirect((count - origin) * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);             // as WeightLoader.memoryOf gives it; zeros
        RowSplitKernel.widen(half, target, origin, from, to);
        ByteBuffer written = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = origin; i < count; i++) {
            int bits = written.getInt((i - origin) * Float.BYTES);
            int expected = i < from || i >= to ? 0
                    : Float.floatToRawIntBits(Float.float16ToFloat(half.getShort(i * Short.BYTES)));
            assertEquals(expected, bits, "value " + i);
        }
        assertEquals(0, target.position(), "the target's position is left alone");
    }
}
