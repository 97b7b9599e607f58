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

    /**
     * {@link #multiply} for several inputs against the same rows: {@code outs[b][r] = Σ_c inputs[b][c] ×
     * weight[r][c]} for every input {@code b} and rows {@code [first, end)}. This default multiplies one input
     * after another; a kernel overrides it to convert each piece of weights once for several inputs (a batched
     * decode step), and must then give each input the same result as {@link #multiply} up to float rounding.
     *
     * @param inputs one or more [cols] inputs
     * @param outs   as many outputs as inputs, each receiving rows {@code [first, end)} at the same indices
     */
    default void multiplyBatch(M matrix, float[][] inputs, float[][] outs, int first, int end) {
        for (int b = 0; b < inputs.length; b++) {
            multiply(matrix, inputs[b], outs[b], first, end);
        }
    }

    /** A short name for status lines. */
    String name();
}
