package org.thinktrace.model;

/**
 * Java kernels on {@link Int8Matrix} rows: matrix-vector products {@code out[r] = Σ_c x[c] × weight[r][c]}
 * reading one byte per weight, and dequantization to FP32. Implementations are stateless and may
 * be called from several threads at once on disjoint row ranges.
 */
interface Int8Gemv {

    /**
     * Writes rows {@code [first, end)} of the matrix as FP32 ({@code values × scales}) into
     * {@code target} at the same places of a row-major [rows, cols] FP32 matrix.
     *
     * @param target a direct buffer of at least rows × cols floats (order and position ignored)
     */
    void dequantize(Int8Matrix matrix, java.nio.ByteBuffer target, int first, int end);

    /**
     * @param matrix   the weights
     * @param x        [cols] input
     * @param out      receives rows {@code [first, end)} at the same indices
     * @param first    first row
     * @param end      one past the last row
     */
    void multiply(Int8Matrix matrix, float[] x, float[] out, int first, int end);

    /** A short name for status lines. */
    String name();

    /**
     * The fastest kernel this JVM can run: the Vector API one when the {@code jdk.incubator.vector}
     * module is present (Java 22 or newer, started with {@code --add-modules jdk.incubator.vector}),
     * else the scalar one.
     */
    static Int8Gemv best() {
        return Int8GemvSelection.BEST;
    }
}
