package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
     * The most input rows multiplied in FP16 against an FP16 weight (a decode step, or the branches of a batched one);
     * more (a prompt) are multiplied in FP32 against an FP32 copy of the weight. PyTorch's FP16 product of a few rows
     * costs up to about as many single rows' products, while widening a weight to FP32 costs about eight to ten of
     * them at every call: at eight rows the two are about even, at 64 the widened product is several times faster.
     */
    int MAX_HALF_ROWS = 8;

    /**
     * {@code x · weightᵀ + bias}, returned in FP32. With an FP16 weight, up to {@link #MAX_HALF_ROWS} input rows
     * (decode) are multiplied in FP16, where PyTorch's GEMV reads half the bytes; more rows
     * (prefill) are multiplied in FP32 against a temporary FP32 copy of the weight, freed as soon
     * as the product is done, since PyTorch's FP16 matrix-matrix kernels on CPU are several times
     * slower than FP32 ones.
     *
     * @param x      [..., in] FP32
     * @param weight [out, in]
     * @param bias   [out] in the weight's type, or null
     * @return [..., out] FP32, attached to x's manager (temporaries too)
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (weight.getDataType() == DataType.FLOAT32) {
            return Linear.linear(x, weight, bias).singletonOrThrow();                   // [..., out]
        }
        long rows = x.getShape().size() / x.getShape().tail();
        if (rows > MAX_HALF_ROWS) {
            NDArray wide = toFloat32(weight, x.getManager());                            // [out, in] FP32
            NDArray wideBias = bias == null ? null : toFloat32(bias, x.getManager());    // [out] FP32
            NDArray product = Linear.linear(x, wide, wideBias).singletonOrThrow();      // [..., out]
            // Free the FP32 copy now, not with x's manager: a layer would otherwise hold all seven
            // (187 MB at 1.5B shapes) at once. Inference only: FP16 weights are never trained.
            wide.close();
            if (wideBias != null) {
                wideBias.close();
            }
            return product;
        }
        NDArray input = x.toType(weight.getDataType(), false);                           // [..., in] FP16
        return Linear.linear(input, weight, bias).singletonOrThrow().toType(DataType.FLOAT32, false); // [..., out]
    }

    /** An FP32 copy of a weight, owned by {@code owner} (never by the weights' manager). */
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

    /**
     * {@code product(rows) + bias} reshaped back: x's leading dimensions flattened into rows for a product that
     * takes [M, in] (a PyTorch module's method), the bias added out of place (a module's results are PyTorch
     * inference tensors, which refuse in-place updates).
     *
     * @param x    [..., in] FP32
     * @param out  the product's columns
     * @param bias [out] or null
     * @return [..., out], attached to the product's manager
     */
    static NDArray rowsLinear(NDArray x, int out, NDArray bias, java.util.function.UnaryOperator<NDArray> product) {
        Shape inShape = x.getShape();
        NDArray result = product.apply(x.reshape(-1, inShape.tail()));                   // [M, out]
        if (bias != null) {
            NDArray biased = result.add(bias);
            result.close();
            result = biased;
        }
        return result.reshape(inShape.slice(0, inShape.dimension() - 1).add(out));     // [..., out]
    }
}
