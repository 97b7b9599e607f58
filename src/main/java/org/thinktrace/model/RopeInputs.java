package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The RoPE operands of one forward pass, in the cheaper of two equivalent forms: for several
 * positions, cosine and sine tables applied elementwise (7 ops per tensor, differentiable); for a
 * single position (a decode step), one [D, D] rotation matrix, so RoPE is one product per tensor.
 *
 * @param cos      [T, D] cosines, or null in the matrix form
 * @param sin      [T, D] sines, or null in the matrix form
 * @param rotation [D, D] with {@code x · rotation = x·cos + rotate_half(x)·sin} (or [B, D, D], one per
 *                 row of a batch of single tokens), or null
 */
record RopeInputs(NDArray cos, NDArray sin, NDArray rotation) {

    /** The operands for positions {@code [start, start + count)}, created in {@code manager}. */
    static RopeInputs of(RotaryEmbedding rope, NDManager manager, int start, int count) {
        if (count == 1) {
            return new RopeInputs(null, null, rope.rotation(manager, start));
        }
        return new RopeInputs(rope.cosines(manager, start, count), rope.sines(manager, start, count), null);
    }

    /**
     * The operands of a batch whose rows each hold one token at its own position: one rotation matrix per row,
     * which {@link #apply} multiplies every head of its row by.
     *
     * @param positions the position of each row's token (length B)
     * @return rotations [B, D, D], created in {@code manager}
     */
    static RopeInputs rotations(RotaryEmbedding rope, NDManager manager, int[] positions) {
        int headDim = rope.headDim();
        float[] stacked = new float[positions.length * headDim * headDim];
        for (int b = 0; b < positions.length; b++) {
            System.arraycopy(rope.rotation(positions[b]), 0, stacked, b * headDim * headDim, headDim * headDim);
        }
        return new RopeInputs(null, null, manager.create(stacked, new Shape(positions.length, headDim, headDim)));
    }

    /**
     * Rotate-half RoPE: {@code x·cos + rotate_half(x)·sin} with {@code rotate_half([a, b]) = [-b, a]}
     * over the two halves of the last axis (see {@link RotaryEmbedding} for the layout trap).
     *
     * @param x [B, heads, T, D]
     * @return [B, heads, T, D]
     */
    NDArray apply(NDArray x) {
        if (rotation != null && rotation.getShape().dimension() == 3) {
            // one rotation per row: the heads of row b are the rows of one product with rotation b, a batched product
            // with no broadcast (a [B, 1, D, D] operand broadcast over the heads is copied out to [B, heads, D, D])
            Shape shape = x.getShape();                                  // [B, heads, 1, D]
            return x.reshape(shape.get(0), shape.get(1) * shape.get(2), shape.get(3)) // [B, heads, D], a view
                    .matMul(rotation)                                    // · [B, D, D] -> [B, heads, D]
                    .reshape(shape);                                     // [B, heads, 1, D]
        }
        if (rotation != null) {
            return x.matMul(rotation);                                   // [B, heads, 1, D] · [D, D]
        }
        long half = x.getShape().get(3) / 2;
        NDArray first = x.get(new NDIndex(":, :, :, :{}", half));       // [B, heads, T, D/2]
        NDArray second = x.get(new NDIndex(":, :, :, {}:", half));      // [B, heads, T, D/2]
        NDArray rotated = second.neg().concat(first, -1);               // [B, heads, T, D]
        return x.mul(cos).add(rotated.mul(sin));                        // [B, heads, T, D]
    }

    /** The rotation as a matrix [D, D] of {@code manager}; see {@link RotaryEmbedding#rotation(int)}. */
    static NDArray matrix(NDManager manager, float[] rotation, int headDim) {
        return manager.create(rotation, new Shape(headDim, headDim));
    }
}
