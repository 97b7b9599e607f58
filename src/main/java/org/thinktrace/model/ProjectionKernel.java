package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
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
            // x [..., in] · weight[out, in]ᵀ + bias[out] -> [..., out]; attached to x's manager
            out[i] = Linear.linear(x, projections[i].weight(), projections[i].bias()).singletonOrThrow();
        }
        return out;
    };

    /**
     * @param x           [..., in]
     * @param projections the projections to apply to {@code x}
     * @return one result [..., out] per projection, in the same order
     */
    NDArray[] project(NDArray x, Projection... projections);
}
