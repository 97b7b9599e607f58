package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A projection matrix [rows, cols] held in a quantized format in PyTorch memory owned by the
 * weights' manager, with the Java kernels of that format ({@link QuantizedGemv}) for decode steps
 * and for widening to FP32 before prefill products. {@link QuantizedProjectionKernel} multiplies
 * with any of them; {@link QuantizedWeightReader} fills any of them from a checkpoint.
 */
sealed interface QuantizedMatrix permits Int8Matrix, Q4Matrix {

    /** Output features. */
    int rows();

    /** Input features. */
    int cols();

    /**
     * The array that stands for this matrix among the weights' parameters (its quantized values),
     * or, for a tied {@code lm_head}, a copy of its own.
     */
    NDArray values();

    /** The quantized values' memory (the tensor {@link #values()} holds), position 0. */
    ByteBuffer valueMemory();

    /** The scales' memory, position 0. */
    ByteBuffer scaleMemory();

    /** Bytes held: values and scales. */
    long byteSize();

    /** Bytes of one row (values and scales): a decode step reads this much per output feature. */
    long rowBytes();

    /**
     * {@code out[r] = Σ_c x[c] × weight[r][c]} for rows {@code [first, end)}, on the fastest kernel
     * this JVM runs for the format.
     */
    void multiply(float[] x, float[] out, int first, int end);

    /**
     * {@link #multiply} for several inputs at once ({@link QuantizedGemv#multiplyBatch}): {@code outs[b][r] =
     * Σ_c inputs[b][c] × weight[r][c]} for rows {@code [first, end)}, each piece of weights read once for all
     * inputs.
     */
    void multiplyBatch(float[][] inputs, float[][] outs, int first, int end);

    /** Rows {@code [first, end)} as FP32 into a row-major [rows, cols] direct buffer (see {@link QuantizedGemv#dequantize}). */
    void dequantize(ByteBuffer target, int first, int end);

    /**
     * Rows {@code [first, end)} as a matrix of their own: views of the same memory (no copy), attached to
     * {@code manager} (closing it frees the views, not the weights); its row 0 is row {@code first}.
     *
     * @throws IllegalArgumentException when the range is empty or outside the matrix
     */
    QuantizedMatrix rowRange(int first, int end, NDManager manager);

    /** Checks a row range for {@link #rowRange}. */
    static void checkRowRange(QuantizedMatrix matrix, int first, int end) {
        if (first < 0 || end <= first || end > matrix.rows()) {
            throw new IllegalArgumentException("rows [" + first + ", " + end + ") of a matrix of " + matrix.rows());
        }
    }

    /** The name of the kernel {@link #multiply} runs on. */
    String kernelName();

    /**
     * Quantizes {@code count} rows of FP32 values into rows {@code [first, first + count)}.
     *
     * @param source little-endian FP32 values from its position, count × cols of them (position unchanged)
     * @throws IllegalArgumentException naming the row (counted from {@code source}'s first) and column of a
     *                                  value the format cannot hold (NaN, infinite, or out of its scale's range)
     */
    void quantizeRows(ByteBuffer source, int first, int count);

    /**
     * A matrix of that shape in {@code precision}'s format, uninitialised, owned by {@code manager}
     * (int8 with one scale per row).
     */
    static QuantizedMatrix allocate(ComputePrecision precision, int rows, int cols, NDManager manager) {
        return switch (precision) {
            case INT8 -> Int8Matrix.allocate(manager, rows, cols, Int8Matrix.PER_ROW);
            case Q4 -> Q4Matrix.allocate(manager, rows, cols);
            default -> throw new IllegalArgumentException(precision + " is not a quantized precision");
        };
    }

    /** The failure of a quantizer given the NaN or infinite value {@code value} at column {@code column} of row {@code row}. */
    static IllegalArgumentException nonFinite(int row, int column, float value) {
        return new IllegalArgumentException("row " + row + " holds a non-finite value (" + value + ") at column " + column);
    }

    /** Bytes a [rows, cols] matrix takes in {@code precision}'s format (as {@link #allocate} makes it). */
    static long heldBytes(ComputePrecision precision, long rows, long cols) {
        return switch (precision) {
            case INT8 -> rows * cols + rows * Float.BYTES;
            case Q4 -> rows * Q4Matrix.rowBytes(cols);
            default -> throw new IllegalArgumentException(precision + " is not a quantized precision");
        };
    }

    /**
     * Fills {@code matrix} from an FP32 (or other) matrix in memory: for tests and conversions of
     * small models; the FP32 copy it makes is freed before this returns.
     *
     * @param weight [rows, cols]
     * @return {@code matrix}
     */
    static <M extends QuantizedMatrix> M fill(M matrix, NDArray weight) {
        try (NDArray wide = weight.toType(DataType.FLOAT32, true)) {                     // a copy: freed here
            matrix.quantizeRows(wide.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), 0, matrix.rows());
        }
        return matrix;
    }
}
