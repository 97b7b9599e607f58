package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
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
     * {@code x · weightᵀ + bias} in the weight's precision, returned in FP32: an FP16 weight gets
     * its input cast to FP16 and its result cast back.
     *
     * @param x      [..., in] FP32
     * @param weight [out, in]
     * @param bias   [out] in the weight's type, or null
     * @return [..., out] FP32, attached to x's manager
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (weight.getDataType() == DataType.FLOAT32) {
            return Linear.linear(x, weight, bias).singletonOrThrow();               // [..., out]
        }
        NDArray input = x.toType(weight.getDataType(), false);                       // [..., in] FP16
        return Linear.linear(input, weight, bias).singletonOrThrow().toType(DataType.FLOAT32, false); // [..., out]
    }

    /**
     * @param x           [..., in]
     * @param projections the projections to apply to {@code x}
     * @return one result [..., out] per projection, in the same order
     */
    NDArray[] project(NDArray x, Projection... projections);
}
