package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;

/**
 * Computes several independent projections of the same input. Implementations choose how the
 * work is spread over threads; results are attached to {@code x}'s manager, never to a weight's.
 */
public interface ProjectionKernel {

    /** Runs every projection on the calling thread with PyTorch's own threading (differentiable). */
    ProjectionKernel SERIAL = (x, projections) -> {
        NDArray[] out = new NDArray[projections.length];
        for (int i = 0; i < projections.length; i++) {
            out[i] = linear(x, projections[i].weight(), projections[i].bias());
        }
        return out;
    };

    /**
     * Elements of FP32 weight copy a prefill against an FP16 weight holds at a time (16 MB).
     */
    long WIDE_BLOCK_ELEMENTS = 4L << 20;

    /**
     * {@code x · weightᵀ + bias}, returned in FP32. With an FP16 weight, a single input row
     * (decode) is multiplied in FP16, where PyTorch's GEMV reads half the bytes; several rows
     * (prefill) are multiplied in FP32, since PyTorch's FP16 matrix-matrix kernels on CPU are
     * several times slower than FP32 ones: the weight is widened block of output rows by block
     * (at most {@link #WIDE_BLOCK_ELEMENTS} elements), and each FP32 block is freed as soon as
     * its product is done, so a prefill never holds more than one block of widened weights.
     *
     * @param x      [..., in] FP32
     * @param weight [out, in]
     * @param bias   [out] in the weight's type, or null
     * @return [..., out] FP32, attached to x's manager
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (weight.getDataType() == DataType.FLOAT32) {
            return Linear.linear(x, weight, bias).singletonOrThrow();                   // [..., out]
        }
        long rows = x.getShape().size() / x.getShape().tail();
        if (rows > 1) {
            return linearThroughWideBlocks(x, weight, bias);                             // [..., out]
        }
        NDArray input = x.toType(weight.getDataType(), false);                           // [1, in] FP16
        return Linear.linear(input, weight, bias).singletonOrThrow().toType(DataType.FLOAT32, false); // [1, out]
    }

    /** The FP32 product of several rows with an FP16 weight, one widened block of output rows at a time. */
    private static NDArray linearThroughWideBlocks(NDArray x, NDArray weight, NDArray bias) {
        long out = weight.getShape().get(0);
        long in = weight.getShape().get(1);
        long blockRows = Math.max(1, Math.min(out, WIDE_BLOCK_ELEMENTS / in));
        NDList parts = new NDList();
        for (long first = 0; first < out; first += blockRows) {
            long end = Math.min(out, first + blockRows);
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray wide = toFloat32(weight.get(scratch, new NDIndex("{}:{}", first, end)), scratch); // [b, in] FP32
                NDArray wideBias = bias == null ? null
                        : toFloat32(bias.get(scratch, new NDIndex("{}:{}", first, end)), scratch);       // [b] FP32
                NDArray part = Linear.linear(x, wide, wideBias).singletonOrThrow();                      // [..., b]
                part.attach(x.getManager());                                                             // outlives the block
                parts.add(part);
            }
        }
        if (parts.size() == 1) {
            return parts.singletonOrThrow();                                              // [..., out]
        }
        NDArray joined = NDArrays.concat(parts, -1);                                      // [..., out]
        parts.forEach(NDArray::close);
        return joined;
    }

    /** An FP32 copy of (part of) a weight, owned by {@code owner} (never by the weights' manager). */
    private static NDArray toFloat32(NDArray weight, NDManager owner) {
        NDArray copy = weight.toType(DataType.FLOAT32, true);
        copy.attach(owner);
        return copy;
    }

    /**
     * @param x           [..., in]
     * @param projections the projections to apply to {@code x}
     * @return one result [..., out] per projection, in the same order
     */
    NDArray[] project(NDArray x, Projection... projections);
}
