package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A projection matrix held as symmetric int8 values with FP32 scales ({@link Int8Quantizer}):
 * {@code weight[r][c] ≈ values[r][c] × scales[r][c / groupSize]}. Both arrays live in PyTorch
 * memory owned by the weights' manager; {@link #valueMemory()} and {@link #scaleMemory()} are that
 * same memory seen from Java (no copy), valid only while the weights are open.
 *
 * @param values      [rows, cols] INT8
 * @param scales      [rows, cols / groupSize] FP32
 * @param groupSize   values per scale, a divisor of cols (cols itself: one scale per row)
 * @param valueMemory the values' memory, little-endian, position 0, rows × cols bytes
 * @param scaleMemory the scales' memory, little-endian, position 0
 */
record Int8Matrix(NDArray values, NDArray scales, int groupSize, ByteBuffer valueMemory, ByteBuffer scaleMemory)
        implements QuantizedMatrix {

    /** Values per scale when a whole row shares one scale. */
    static final int PER_ROW = 0;

    Int8Matrix {
        if (values.getDataType() != DataType.INT8 || scales.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("int8 matrix needs INT8 values and FP32 scales, got "
                    + values.getDataType() + " and " + scales.getDataType());
        }
        long cols = values.getShape().get(1);
        if (groupSize < 1 || cols % groupSize != 0 || scales.getShape().get(0) != values.getShape().get(0)
                || scales.getShape().get(1) != cols / groupSize) {
            throw new IllegalArgumentException("scales " + scales.getShape() + " do not fit values "
                    + values.getShape() + " in groups of " + groupSize);
        }
    }

    /**
     * Wraps quantized arrays that are contiguous in CPU memory.
     *
     * @param values [rows, cols] INT8
     * @param scales [rows, groups] FP32
     */
    static Int8Matrix of(NDArray values, NDArray scales) {
        long cols = values.getShape().get(1);
        long groups = scales.getShape().get(1);
        return new Int8Matrix(values, scales, Math.toIntExact(cols / groups),
                WeightLoader.memoryOf(values, values.size()),
                WeightLoader.memoryOf(scales, scales.size() * Float.BYTES));
    }

    /**
     * An uninitialised matrix owned by {@code owner}.
     *
     * @param groupSize values per scale, or {@link #PER_ROW}
     */
    static Int8Matrix allocate(NDManager owner, int rows, int cols, int groupSize) {
        int group = groupSizeFor(groupSize, cols);
        NDArray values = owner.create(new Shape(rows, cols), DataType.INT8);            // [rows, cols]
        NDArray scales = owner.create(new Shape(rows, cols / group), DataType.FLOAT32);  // [rows, groups]
        return of(values, scales);
    }

    /**
     * Quantizes an FP32 matrix (in memory: for tests and conversions of small models) into arrays
     * owned by {@code owner}.
     *
     * @param weight    [rows, cols] FP32
     * @param groupSize values per scale, or {@link #PER_ROW}
     */
    static Int8Matrix quantize(NDArray weight, NDManager owner, int groupSize) {
        int rows = Math.toIntExact(weight.getShape().get(0));
        int cols = Math.toIntExact(weight.getShape().get(1));
        return QuantizedMatrix.fill(allocate(owner, rows, cols, groupSize), weight);
    }

    @Override
    public void quantizeRows(ByteBuffer source, int first, int count) {
        int cols = cols();
        Int8Quantizer.quantize(source, count, cols, groupSize,
                valueMemory.slice(first * cols, count * cols),
                scaleMemory.slice(first * groups() * Float.BYTES, count * groups() * Float.BYTES));
    }

    /** Weights per GGUF Q8_0 block. */
    static final int Q8_0_BLOCK = 32;
    /** Bytes of one GGUF Q8_0 block: the FP16 scale, then 32 int8 values. */
    static final int Q8_0_BLOCK_BYTES = Short.BYTES + Q8_0_BLOCK;

    /**
     * Fills rows {@code [first, first + count)} from a GGUF Q8_0 tensor's blocks for those rows (row after row,
     * each block an FP16 scale {@code d} then 32 int8 values {@code q}, weight {@code q × d}), requantized to this
     * matrix's groups exactly as {@link Int8Quantizer} would quantize the FP32 weights {@code q × d}: a row at a
     * time, in Java arrays whose loops the JIT vectorises.
     *
     * @param blocks count × cols / 32 × 34 bytes from its position (position unchanged)
     * @throws IllegalArgumentException when the group size is not a multiple of 32, the buffer is short, or a
     *                                  block's scale is NaN or infinite (naming its row, counted from {@code first})
     */
    void requantizeQ8_0Rows(ByteBuffer blocks, int first, int count) {
        int cols = cols();
        if (groupSize % Q8_0_BLOCK != 0) {
            throw new IllegalArgumentException("groups of " + groupSize + " do not hold whole Q8_0 blocks of "
                    + Q8_0_BLOCK);
        }
        int blocksPerRow = cols / Q8_0_BLOCK;
        int groups = groups();
        if (blocks.remaining() < (long) count * blocksPerRow * Q8_0_BLOCK_BYTES) {
            throw new IllegalArgumentException(count + " rows of " + cols + " in Q8_0 need "
                    + (long) count * blocksPerRow * Q8_0_BLOCK_BYTES + " bytes, got " + blocks.remaining());
        }
        byte[] in = new byte[blocksPerRow * Q8_0_BLOCK_BYTES];                     // one row of blocks
        float[] weights = new float[cols];                                           // the row as q × d
        byte[] out = new byte[cols];
        float[] scales = new float[groups];
        ByteBuffer scaleOut = scaleMemory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < count; r++) {
            blocks.get(blocks.position() + r * in.length, in);
            for (int b = 0; b < blocksPerRow; b++) {
                int at = b * Q8_0_BLOCK_BYTES;
                float d = GgufDequantizer.halfOf(in, at);
                if (!Float.isFinite(d)) {
                    throw new IllegalArgumentException("row " + r + " block " + b + " has the scale " + d);
                }
                widenBlock(in, at + Short.BYTES, d, weights, b * Q8_0_BLOCK);
            }
            for (int g = 0; g < groups; g++) {
                scales[g] = Int8Quantizer.quantizeGroup(weights, g * groupSize, groupSize, out);
            }
            int row = first + r;
            valueMemory.put(row * cols, out);
            for (int g = 0; g < groups; g++) {
                scaleOut.putFloat((row * groups + g) * Float.BYTES, scales[g]);
            }
        }
    }

    /** The 32 weights {@code q × d} of a Q8_0 block into {@code weights[to ..]}, as the FP32 pass reads them. */
    private static void widenBlock(byte[] in, int at, float d, float[] weights, int to) {
        for (int j = 0; j < Q8_0_BLOCK; j++) {
            weights[to + j] = in[at + j] * d;
        }
    }

    @Override
    public void multiply(float[] x, float[] out, int first, int end) {
        Int8Gemv.best().multiply(this, x, out, first, end);
    }

    @Override
    public void multiplyBatch(float[][] inputs, float[][] outs, int first, int end) {
        Int8Gemv.best().multiplyBatch(this, inputs, outs, first, end);
    }

    @Override
    public void dequantize(ByteBuffer target, int first, int end) {
        Int8Gemv.best().dequantize(this, target, first, end);
    }

    @Override
    public Int8Matrix rowRange(int first, int end, NDManager manager) {
        QuantizedMatrix.checkRowRange(this, first, end);
        NDIndex rows = new NDIndex("{}:{}", first, end);
        return of(values.get(manager, rows), scales.get(manager, rows));                // [end - first, ...] views
    }

    @Override
    public String kernelName() {
        return Int8Gemv.best().name();
    }

    @Override
    public int rows() {
        return Math.toIntExact(values.getShape().get(0));
    }

    @Override
    public int cols() {
        return Math.toIntExact(values.getShape().get(1));
    }

    /** Scales per row. */
    int groups() {
        return cols() / groupSize;
    }

    /** Bytes held: one per value and four per scale. */
    @Override
    public long byteSize() {
        return values.size() + scales.size() * Float.BYTES;
    }

    @Override
    public long rowBytes() {
        return cols() + (long) groups() * Float.BYTES;
    }

    /** The group size a request names: {@link #PER_ROW} means the whole row. */
    static int groupSizeFor(int requested, int cols) {
        return requested == PER_ROW ? cols : requested;
    }

    /** The FP32 value at row {@code r}, column {@code c} (for tests and checks; slow). */
    float dequantized(int r, int c) {
        int cols = cols();
        return valueMemory.get(r * cols + c) * scaleMemory.order(ByteOrder.LITTLE_ENDIAN)
                .getFloat((r * groups() + c / groupSize) * Float.BYTES);
    }
}
