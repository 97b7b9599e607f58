package org.thinktrace.model;

import java.nio.ByteBuffer;

/**
 * Java kernels on the rows of one quantized matrix format: matrix-vector products
 * {@code out[r] = Σ_c x[c] × weight[r][c]} reading the quantized bytes, and dequantization to FP32.
 * Implementations are stateless and may be called from several threads at once on disjoint row
 * ranges.
 *
 * @param <M> the matrix format
 */
interface QuantizedGemv<M extends QuantizedMatrix> {

    /**
     * Writes rows {@code [first, end)} of the matrix as FP32 into {@code target} at the same places
     * of a row-major [rows, cols] FP32 matrix.
     *
     * @param target a direct buffer of at least rows × cols floats (order and position ignored)
     */
    void dequantize(M matrix, ByteBuffer target, int first, int end);

    /**
     * @param matrix the weights
     * @param x      [cols] input
     * @param out    receives rows {@code [first, end)} at the same indices
     * @param first  first row
     * @param end    one past the last row
     */
    void multiply(M matrix, float[] x, float[] out, int first, int end);

    /** A short name for status lines. */
    String name();
}
