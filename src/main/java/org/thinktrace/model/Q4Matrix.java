package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A projection matrix held in 4 bits per weight, in llama.cpp's Q4_0 layout split into two
 * arrays: each row is cut into groups of {@value #GROUP} consecutive weights, and each group has
 * an FP16 scale {@code d} and 16 bytes of nibbles, byte {@code j} holding weight {@code j} of the
 * group in its low nibble and weight {@code 16 + j} in its high nibble; a weight reads as
 * {@code (nibble - 8) × d}. A row whose length is not a multiple of 32 ends in a shorter group
 * (the nibbles past the row's end are ignored). That is 18 bytes per 32 weights (4.5 bits).
 *
 * <p>Weights come from {@link Q4Quantizer} (at load, {@link QuantizedWeightReader}), or, already
 * quantized elsewhere, from {@link #copyOf} (scales and nibbles as separate arrays) or
 * {@link #fromQ4_0Blocks} (a GGUF Q4_0 tensor's blocks as they are in the file): Q4_0 data is taken
 * as is, no requantization. Both arrays live in PyTorch memory owned by the weights' manager;
 * {@link #valueMemory()} and {@link #scaleMemory()} are that same memory seen from Java (no
 * copy), valid only while the weights are open.
 *
 * <p>A matrix may also hold an FP16 <em>offset</em> {@code c} per group ({@link #withOffsets}): a weight then reads
 * as {@code (nibble - 8) × d + c}, which holds llama.cpp's affine 4-bit groups, Q4_1's {@code nibble × d + m} and
 * Q4_K's sub-blocks {@code nibble × (d·scale) - dmin·min}, up to the FP16 rounding of their scale and offset
 * ({@link #putQ4_1Rows}, {@link #putQ4KRows}). The kernels multiply the Q4_0 part; each product then adds
 * {@code Σ_g c_g × Σ x} over the row's groups ({@link Q4Gemv#addOffsetProducts}); widening to FP32 adds the offsets
 * ({@link Q4Gemv#dequantize}).
 *
 * @param values       [rows, groups × 16] UINT8, the nibbles
 * @param scales       [rows, groups] FP16
 * @param offsets      [rows, groups] FP16, or null (no offsets: Q4_0)
 * @param cols         weights per row
 * @param valueMemory  the nibbles' memory, position 0
 * @param scaleMemory  the scales' memory, little-endian, position 0
 * @param offsetMemory the offsets' memory, little-endian, position 0; null without offsets
 */
record Q4Matrix(NDArray values, NDArray scales, NDArray offsets, int cols, ByteBuffer valueMemory,
                ByteBuffer scaleMemory, ByteBuffer offsetMemory) implements QuantizedMatrix {

    /** Weights per group (and per GGUF Q4_0 block). */
    static final int GROUP = 32;
    /** Nibble bytes per group. */
    static final int GROUP_BYTES = GROUP / 2;
    /** Bytes of one GGUF Q4_0 block: the FP16 scale, then the nibbles. */
    static final int Q4_0_BLOCK_BYTES = Short.BYTES + GROUP_BYTES;

    Q4Matrix {
        if (values.getDataType() != DataType.UINT8 || scales.getDataType() != DataType.FLOAT16) {
            throw new IllegalArgumentException("q4 matrix needs UINT8 nibbles and FP16 scales, got "
                    + values.getDataType() + " and " + scales.getDataType());
        }
        long rows = values.getShape().get(0);
        if (cols < 1 || scales.getShape().get(0) != rows || scales.getShape().get(1) != groups(cols)
                || values.getShape().get(1) != (long) groups(cols) * GROUP_BYTES) {
            throw new IllegalArgumentException("nibbles " + values.getShape() + " and scales " + scales.getShape()
                    + " do not fit rows of " + cols + " in groups of " + GROUP);
        }
        if (offsets != null && (offsets.getDataType() != DataType.FLOAT16 || !offsets.getShape().equals(scales.getShape())
                || offsetMemory == null)) {
            throw new IllegalArgumentException("offsets " + offsets.getShape() + " " + offsets.getDataType()
                    + " do not match scales " + scales.getShape() + " FP16");
        }
    }

    /** Groups in a row of {@code cols} weights (the last one may be shorter). */
    static int groups(int cols) {
        return (cols + GROUP - 1) / GROUP;
    }

    /** Bytes a row of {@code cols} weights takes: nibbles and scales. */
    static long rowBytes(long cols) {
        return groups(Math.toIntExact(cols)) * (long) Q4_0_BLOCK_BYTES;
    }

    /**
     * Wraps quantized arrays that are contiguous in CPU memory.
     *
     * @param values [rows, groups × 16] UINT8
     * @param scales [rows, groups] FP16
     */
    static Q4Matrix of(NDArray values, NDArray scales, int cols) {
        return of(values, scales, null, cols);
    }

    /** {@link #of(NDArray, NDArray, int)} with FP16 offsets [rows, groups] (or null). */
    static Q4Matrix of(NDArray values, NDArray scales, NDArray offsets, int cols) {
        return new Q4Matrix(values, scales, offsets, cols, WeightLoader.memoryOf(values, values.size()),
                WeightLoader.memoryOf(scales, scales.size() * Short.BYTES),
                offsets == null ? null : WeightLoader.memoryOf(offsets, offsets.size() * Short.BYTES));
    }

    /** An uninitialised [rows, cols] matrix with an offset per group ({@link #offsets}), owned by {@code owner}. */
    static Q4Matrix withOffsets(NDManager owner, int rows, int cols) {
        Q4Matrix plain = allocate(owner, rows, cols);
        NDArray offsets = owner.create(new Shape(rows, groups(cols)), DataType.FLOAT16);             // [rows, groups]
        return of(plain.values(), plain.scales(), offsets, cols);
    }

    /** An uninitialised [rows, cols] matrix owned by {@code owner}. */
    static Q4Matrix allocate(NDManager owner, int rows, int cols) {
        int groups = groups(cols);
        NDArray values = owner.create(new Shape(rows, (long) groups * GROUP_BYTES), DataType.UINT8);  // [rows, groups × 16]
        NDArray scales = owner.create(new Shape(rows, groups), DataType.FLOAT16);                     // [rows, groups]
        return of(values, scales, cols);
    }

    /**
     * Quantizes a matrix in memory (for tests and conversions of small models) into arrays owned by
     * {@code owner}.
     *
     * @param weight [rows, cols], any float type
     */
    static Q4Matrix quantize(NDArray weight, NDManager owner) {
        int rows = Math.toIntExact(weight.getShape().get(0));
        int cols = Math.toIntExact(weight.getShape().get(1));
        return QuantizedMatrix.fill(allocate(owner, rows, cols), weight);
    }

    /**
     * A [rows, cols] matrix of weights quantized elsewhere, given as per-group scales and nibbles,
     * copied into arrays owned by {@code owner}: the way in for a GGUF loader whose tensors are
     * Q4_0 (or are requantized to it: Q4_K rows can be dequantized to FP32 and passed through
     * {@link #quantizeRows} of an {@link #allocate allocated} matrix block by block instead).
     *
     * @param scales  rows × groups little-endian FP16 scales {@code d}, from its position (position unchanged)
     * @param nibbles rows × groups × 16 bytes from its position (position unchanged): byte {@code j} of
     *                group {@code g} of a row holds weight {@code 32g + j} in its low nibble and
     *                {@code 32g + 16 + j} in its high nibble; a weight is {@code (nibble - 8) × d}
     * @throws IllegalArgumentException when a buffer holds fewer bytes than the shape needs, or a
     *                                  scale is NaN or infinite (naming its row and group)
     */
    static Q4Matrix copyOf(ByteBuffer scales, ByteBuffer nibbles, int rows, int cols, NDManager owner) {
        int groups = groups(cols);
        long scaleBytes = (long) rows * groups * Short.BYTES;
        long nibbleBytes = (long) rows * groups * GROUP_BYTES;
        if (scales.remaining() < scaleBytes || nibbles.remaining() < nibbleBytes) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " q4 matrix needs " + scaleBytes
                    + " bytes of scales and " + nibbleBytes + " of nibbles, got " + scales.remaining() + " and "
                    + nibbles.remaining());
        }
        Q4Matrix matrix = allocate(owner, rows, cols);
        matrix.scaleMemory().put(0, scales.duplicate().order(ByteOrder.LITTLE_ENDIAN), scales.position(), (int) scaleBytes);
        matrix.valueMemory().put(0, nibbles, nibbles.position(), (int) nibbleBytes);
        matrix.requireFiniteScales();
        return matrix;
    }

    /**
     * A [rows, cols] matrix from the data of a GGUF Q4_0 tensor with {@code ne0 = cols}: rows × cols / 32
     * blocks of 18 bytes, row by row, each an FP16 scale then 16 nibble bytes (the order of
     * {@link #copyOf}), split into arrays owned by {@code owner}.
     *
     * @param blocks the tensor's bytes from its position (position unchanged)
     * @throws IllegalArgumentException when cols is not a multiple of 32, the buffer is shorter than the
     *                                  shape needs, or a scale is NaN or infinite
     */
    static Q4Matrix fromQ4_0Blocks(ByteBuffer blocks, int rows, int cols, NDManager owner) {
        if (cols % GROUP != 0) {
            throw new IllegalArgumentException("a Q4_0 row holds whole blocks of " + GROUP + " weights; rows of "
                    + cols + " do not");
        }
        long count = (long) rows * groups(cols);
        if (blocks.remaining() < count * Q4_0_BLOCK_BYTES) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " Q4_0 tensor needs "
                    + count * Q4_0_BLOCK_BYTES + " bytes, got " + blocks.remaining());
        }
        Q4Matrix matrix = allocate(owner, rows, cols);
        matrix.putQ4_0Rows(blocks, 0, rows);
        return matrix;
    }

    /**
     * Fills rows {@code [first, first + count)} from a GGUF Q4_0 tensor's blocks for those rows as they are in
     * the file (row after row, each block an FP16 scale then 16 nibble bytes): the scales and nibbles are split
     * into this matrix's two arrays, nothing is requantized.
     *
     * @param blocks count × groups × 18 bytes from its position (position unchanged)
     * @throws IllegalArgumentException when cols is not a multiple of 32, the buffer is short, or a scale is NaN or
     *                                  infinite (naming its row, counted from {@code first}, and block)
     */
    void putQ4_0Rows(ByteBuffer blocks, int first, int count) {
        if (cols % GROUP != 0) {
            throw new IllegalArgumentException("a Q4_0 row holds whole blocks of " + GROUP + " weights; rows of "
                    + cols + " do not");
        }
        int groups = groups();
        int n = count * groups;
        if (blocks.remaining() < (long) n * Q4_0_BLOCK_BYTES) {
            throw new IllegalArgumentException(count + " rows of " + cols + " in Q4_0 need "
                    + (long) n * Q4_0_BLOCK_BYTES + " bytes, got " + blocks.remaining());
        }
        int piece = Math.min(n, PIECE_BLOCKS);
        byte[] in = new byte[piece * Q4_0_BLOCK_BYTES];
        byte[] scaleBytes = new byte[piece * Short.BYTES];
        byte[] nibbles = new byte[piece * GROUP_BYTES];
        long firstBlock = (long) first * groups;
        for (int done = 0; done < n; done += piece) {
            int m = Math.min(piece, n - done);
            blocks.get(blocks.position() + done * Q4_0_BLOCK_BYTES, in, 0, m * Q4_0_BLOCK_BYTES);
            for (int b = 0; b < m; b++) {
                int at = b * Q4_0_BLOCK_BYTES;
                short d = (short) ((in[at] & 0xFF) | in[at + 1] << 8);
                if (!Float.isFinite(Float.float16ToFloat(d))) {
                    throw new IllegalArgumentException("the scale of row " + (done + b) / groups + " group "
                            + (done + b) % groups + " is " + Float.float16ToFloat(d));
                }
                scaleBytes[b * Short.BYTES] = in[at];
                scaleBytes[b * Short.BYTES + 1] = in[at + 1];
                System.arraycopy(in, at + Short.BYTES, nibbles, b * GROUP_BYTES, GROUP_BYTES);
            }
            scaleMemory.put((int) ((firstBlock + done) * Short.BYTES), scaleBytes, 0, m * Short.BYTES);
            valueMemory.put((int) ((firstBlock + done) * GROUP_BYTES), nibbles, 0, m * GROUP_BYTES);
        }
    }

    /** Bytes of one GGUF Q4_1 block: the FP16 scale {@code d}, the FP16 minimum {@code m}, then the nibbles. */
    static final int Q4_1_BLOCK_BYTES = 2 * Short.BYTES + GROUP_BYTES;
    /** Bytes of one GGUF Q4_K super-block of 8 groups: d, dmin, 12 bytes of 6-bit scales and mins, 128 of nibbles. */
    static final int Q4_K_BLOCK_BYTES = 144;
    /** Groups per Q4_K super-block. */
    private static final int Q4_K_GROUPS = 8;

    /**
     * Fills rows {@code [first, first + count)} of a matrix {@link #withOffsets with offsets} from a GGUF Q4_1 tensor's
     * blocks for those rows (each an FP16 {@code d}, an FP16 {@code m}, then Q4_0's nibble bytes; weight
     * {@code nibble × d + m}): nibbles and {@code d} as they are, offset {@code c = m + 8 d} rounded to FP16.
     *
     * @param blocks count × groups × 20 bytes from its position (position unchanged)
     * @throws IllegalArgumentException when the matrix has no offsets or its rows are not whole blocks, the buffer is
     *                                  short, or a block's {@code d}, {@code m} or offset is not a finite FP16 value
     *                                  (naming its row, counted from {@code first}, and group)
     */
    void putQ4_1Rows(ByteBuffer blocks, int first, int count) {
        putAffineRows(blocks, first, count, Q4_1_BLOCK_BYTES, 1, (in, at, scaleOut, offsetOut, nibbles, to) -> {
            short d = (short) ((in[at] & 0xFF) | in[at + 1] << 8);
            float m = GgufDequantizer.halfOf(in, at + 2);
            scaleOut[0] = d;
            offsetOut[0] = Float.floatToFloat16(m + 8 * Float.float16ToFloat(d));
            System.arraycopy(in, at + 2 * Short.BYTES, nibbles, to, GROUP_BYTES);
            return Float.isFinite(m) ? null : "minimum " + m;
        });
    }

    /**
     * Fills rows {@code [first, first + count)} of a matrix {@link #withOffsets with offsets} from a GGUF Q4_K tensor's
     * super-blocks for those rows: each of a super-block's 8 sub-blocks of 32 weights {@code nibble × (d·scale) -
     * dmin·min} becomes a group with scale {@code a = d·scale} and offset {@code 8a - dmin·min}, both rounded to
     * FP16, and its nibbles in this layout's order (the super-block holds sub-blocks 2k and 2k + 1 in the low and high
     * nibbles of the same 32 bytes).
     *
     * @param blocks count × cols / 256 × 144 bytes from its position (position unchanged)
     * @throws IllegalArgumentException as {@link #putQ4_1Rows}, for rows that are not whole super-blocks of 256
     */
    void putQ4KRows(ByteBuffer blocks, int first, int count) {
        putAffineRows(blocks, first, count, Q4_K_BLOCK_BYTES, Q4_K_GROUPS, (in, at, scaleOut, offsetOut, nibbles, to) -> {
            float d = GgufDequantizer.halfOf(in, at);
            float dmin = GgufDequantizer.halfOf(in, at + 2);
            for (int sub = 0; sub < Q4_K_GROUPS; sub++) {
                float a = d * GgufDequantizer.kScale(in, at + 4, sub);
                float b = dmin * GgufDequantizer.kMin(in, at + 4, sub);
                scaleOut[sub] = Float.floatToFloat16(a);
                offsetOut[sub] = Float.floatToFloat16(8 * a - b);
                int chunk = at + 16 + 32 * (sub / 2);
                int shift = 4 * (sub % 2);
                for (int j = 0; j < GROUP_BYTES; j++) {
                    int lowHalf = ((in[chunk + j] & 0xFF) >>> shift) & 0x0F;
                    int highHalf = ((in[chunk + GROUP_BYTES + j] & 0xFF) >>> shift) & 0x0F;
                    nibbles[to + sub * GROUP_BYTES + j] = (byte) (lowHalf | highHalf << 4);
                }
            }
            return Float.isFinite(d) && Float.isFinite(dmin) ? null : "scales " + d + " and " + dmin;
        });
    }

    /** One block of a GGUF tensor split into this layout: its groups' scales, offsets and 16-byte nibble runs. */
    private interface AffineBlock {
        /**
         * Splits the block at {@code in[at]} into FP16 scales and offsets (one per group) and nibbles at
         * {@code nibbles[to]}.
         *
         * @return null, or what is wrong with the block's own fields
         */
        String split(byte[] in, int at, short[] scaleOut, short[] offsetOut, byte[] nibbles, int to);
    }

    private void putAffineRows(ByteBuffer blocks, int first, int count, int blockBytes, int groupsPerBlock,
                               AffineBlock splitter) {
        if (offsetMemory == null) {
            throw new IllegalArgumentException("a matrix without offsets cannot hold affine 4-bit groups");
        }
        int groups = groups();
        if (cols % (GROUP * groupsPerBlock) != 0) {
            throw new IllegalArgumentException("rows of " + cols + " are not whole blocks of " + GROUP * groupsPerBlock);
        }
        int blocksPerRow = groups / groupsPerBlock;
        long n = (long) count * blocksPerRow;
        if (blocks.remaining() < n * blockBytes) {
            throw new IllegalArgumentException(count + " rows of " + cols + " need " + n * blockBytes + " bytes, got "
                    + blocks.remaining());
        }
        int piece = (int) Math.min(n, Math.max(1, PIECE_BLOCKS / groupsPerBlock));
        byte[] in = new byte[piece * blockBytes];
        byte[] scaleBytes = new byte[piece * groupsPerBlock * Short.BYTES];
        byte[] offsetBytes = new byte[scaleBytes.length];
        byte[] nibbles = new byte[piece * groupsPerBlock * GROUP_BYTES];
        short[] blockScales = new short[groupsPerBlock];
        short[] blockOffsets = new short[groupsPerBlock];
        long firstGroup = (long) first * groups;
        for (long done = 0; done < n; done += piece) {
            int m = (int) Math.min(piece, n - done);
            blocks.get(blocks.position() + (int) (done * blockBytes), in, 0, m * blockBytes);
            for (int b = 0; b < m; b++) {
                long group = (done + b) * groupsPerBlock;
                String problem = splitter.split(in, b * blockBytes, blockScales, blockOffsets, nibbles,
                        b * groupsPerBlock * GROUP_BYTES);
                for (int k = 0; k < groupsPerBlock && problem == null; k++) {
                    if (!Float.isFinite(Float.float16ToFloat(blockScales[k]))
                            || !Float.isFinite(Float.float16ToFloat(blockOffsets[k]))) {
                        problem = "scale " + Float.float16ToFloat(blockScales[k]) + " and offset "
                                + Float.float16ToFloat(blockOffsets[k]) + " (FP16)";
                        group += k;                                   // the group itself, not its block's first
                    }
                    int at = (b * groupsPerBlock + k) * Short.BYTES;
                    scaleBytes[at] = (byte) blockScales[k];
                    scaleBytes[at + 1] = (byte) (blockScales[k] >> 8);
                    offsetBytes[at] = (byte) blockOffsets[k];
                    offsetBytes[at + 1] = (byte) (blockOffsets[k] >> 8);
                }
                if (problem != null) {
                    throw new IllegalArgumentException("row " + group / groups + " group " + group % groups + " has the "
                            + problem);
                }
            }
            int at = (int) ((firstGroup + done * groupsPerBlock) * Short.BYTES);
            scaleMemory.put(at, scaleBytes, 0, m * groupsPerBlock * Short.BYTES);
            offsetMemory.put(at, offsetBytes, 0, m * groupsPerBlock * Short.BYTES);
            valueMemory.put((int) ((firstGroup + done * groupsPerBlock) * GROUP_BYTES), nibbles, 0,
                    m * groupsPerBlock * GROUP_BYTES);
        }
    }

    /** Q4_0 blocks split per pass: small arrays, so that a load does not grow the Java heap. */
    private static final int PIECE_BLOCKS = 4096;

    private void requireFiniteScales() {
        int groups = groups();
        for (int i = 0; i < rows() * groups; i++) {
            float d = scale(i);
            if (!Float.isFinite(d)) {
                throw new IllegalArgumentException("the scale of row " + i / groups + " group " + i % groups + " is " + d);
            }
        }
    }

    @Override
    public void quantizeRows(ByteBuffer source, int first, int count) {
        int groups = groups();
        if (offsetMemory != null) {                                      // the Q4_0 rule has no offsets: zeros
            offsetMemory.put(first * groups * Short.BYTES, new byte[count * groups * Short.BYTES]);
        }
        Q4RowQuantizer.best().quantize(source, count, cols,
                valueMemory.slice(first * groups * GROUP_BYTES, count * groups * GROUP_BYTES),
                scaleMemory.slice(first * groups * Short.BYTES, count * groups * Short.BYTES));
    }

    @Override
    public int rows() {
        return Math.toIntExact(values.getShape().get(0));
    }

    /** Groups per row. */
    int groups() {
        return groups(cols);
    }

    /** Bytes held: half a byte per weight (rounded up to whole groups) and two per group. */
    @Override
    public long byteSize() {
        return values.size() + scales.size() * Short.BYTES * (offsets == null ? 1 : 2);
    }

    @Override
    public long rowBytes() {
        return rowBytes(cols) + (offsets == null ? 0 : (long) groups() * Short.BYTES);
    }

    /** The offset of group {@code index} counted over all rows; 0 without offsets. */
    float offset(long index) {
        return offsetMemory == null ? 0 : Float.float16ToFloat(offsetMemory.getShort(Math.toIntExact(index * Short.BYTES)));
    }

    /** {@code Σ x} over each group of a row's columns (the last one possibly shorter): what offsets multiply. */
    static float[] groupSums(float[] x) {
        float[] sums = new float[groups(x.length)];
        for (int c = 0; c < x.length; c++) {
            sums[c / GROUP] += x[c];
        }
        return sums;
    }

    /** The scale of group {@code index} counted over all rows ({@code row × groups + group}). */
    float scale(long index) {
        return Float.float16ToFloat(scaleMemory.getShort(Math.toIntExact(index * Short.BYTES)));
    }

    /** The nibble (0–15) of the weight at row {@code r}, column {@code c}. */
    int nibble(int r, int c) {
        int group = c / GROUP;
        int within = c % GROUP;
        int b = valueMemory.get((r * groups() + group) * GROUP_BYTES + within % GROUP_BYTES) & 0xFF;
        return within < GROUP_BYTES ? b & 0x0F : b >>> 4;
    }

    /** The FP32 value at row {@code r}, column {@code c} (for tests and checks; slow). */
    float dequantized(int r, int c) {
        long index = (long) r * groups() + c / GROUP;
        return (nibble(r, c) - Q4Quantizer.ZERO) * scale(index) + offset(index);
    }

    @Override
    public void multiply(float[] x, float[] out, int first, int end) {
        Q4Gemv.best().multiply(this, x, out, first, end);
        if (offsets != null) {
            Q4Gemv.best().addOffsetProducts(this, groupSums(x), out, first, end);
        }
    }

    /** {@code x} rounded for {@link #multiply(Q8Input, float[], int, int)}; null when it holds a NaN or an infinity. */
    static Q8Input roundInput(float[] x) {
        return Q4Gemv.best().roundInput(x);
    }

    /** Rows {@code [first, end)} times one input rounded by {@link #roundInput} (see {@link Q4Gemv#multiply(Q4Matrix, Q8Input, float[], int, int)}). */
    void multiply(Q8Input x, float[] out, int first, int end) {
        Q4Gemv.best().multiply(this, x, out, first, end);
        if (offsets != null) {
            Q4Gemv.best().addOffsetProducts(this, x.groupSums(), out, first, end);
        }
    }

    @Override
    public void multiplyBatch(float[][] inputs, float[][] outs, int first, int end) {
        Q4Gemv.best().multiplyBatch(this, inputs, outs, first, end);
        if (offsets != null) {
            for (int b = 0; b < inputs.length; b++) {
                Q4Gemv.best().addOffsetProducts(this, groupSums(inputs[b]), outs[b], first, end);
            }
        }
    }

    @Override
    public void dequantize(ByteBuffer target, int first, int end) {
        Q4Gemv.best().dequantize(this, target, first, end);
    }

    @Override
    public Q4Matrix rowRange(int first, int end, NDManager manager) {
        QuantizedMatrix.checkRowRange(this, first, end);
        NDIndex rows = new NDIndex("{}:{}", first, end);
        return of(values.get(manager, rows), scales.get(manager, rows),                   // [end - first, ...] views
                offsets == null ? null : offsets.get(manager, rows), cols);
    }

    @Override
    public String kernelName() {
        return Q4Gemv.best().name();
    }
}
