package org.thinktrace.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link Int8Gemv} with the Vector API (Java 22+, {@code --add-modules jdk.incubator.vector}):
 * each step loads as many int8 weights as the preferred float vector has lanes (8 on AVX2, 16 on
 * AVX-512), widens them to floats and accumulates {@code w × x} with fused multiply-adds into four
 * independent accumulators; the scale is applied once per row, or once per group. Compiled from
 * {@code src/main/java22} and loaded by name, so the Java 21 code never links against it.
 */
final class VectorInt8Gemv implements Int8Gemv {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** As many bytes as {@link #FLOATS} has lanes. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * Byte.SIZE));
    private static final Int8Gemv SCALAR = new ScalarInt8Gemv();
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    VectorInt8Gemv() {
    }

    @Override
    public void multiply(Int8Matrix matrix, float[] x, float[] out, int first, int end) {
        int cols = matrix.cols();
        int groupSize = matrix.groupSize();
        if (groupSize != cols && groupSize % LANES != 0) {
            SCALAR.multiply(matrix, x, out, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        if (groupSize == cols) {
            for (int r = first; r < end; r++) {
                out[r] = dot(values, (long) r * cols, x, 0, cols) * scale(scales, r);
            }
        } else {
            int groups = cols / groupSize;
            for (int r = first; r < end; r++) {
                out[r] = groupedDot(values, scales, r, cols, groupSize, groups, x);
            }
        }
    }

    /**
     * Several inputs with one scale per row: with 16-lane vectors, five to eight inputs as one block of eight times
     * two weight rows ({@link #wideBlock}); otherwise, and for more or fewer inputs, in blocks of four inputs times
     * two weight rows ({@link InputBlocks}), so that every weight vector is widened once per block and the block's
     * sums live in registers. Groups of scales take the default, one input after another.
     */
    @Override
    public void multiplyBatch(Int8Matrix matrix, float[][] inputs, float[][] outs, int first, int end) {
        int cols = matrix.cols();
        if (matrix.groupSize() != cols || inputs.length == 1) {
            Int8Gemv.super.multiplyBatch(matrix, inputs, outs, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        if (WIDE_BLOCK_FITS && inputs.length > InputBlocks.SIZE && inputs.length <= WIDE_BLOCK) {
            int[] at = new int[WIDE_BLOCK];              // inputs past the last repeat it: its products are written twice
            for (int b = 0; b < WIDE_BLOCK; b++) at[b] = Math.min(b, inputs.length - 1);
            for (int r = first; r < end; r += 2) {
                wideBlock(values, scales, cols, r, Math.min(r + 1, end - 1), inputs, outs, at);
            }
            return;
        }
        InputBlocks.multiply(inputs, outs, first, end, SMALLEST_BLOCK, (x, out, from, to) -> multiply(matrix, x, out, from, to),
                (r0, r1, x0, x1, x2, x3, o0, o1, o2, o3) -> block(values, scales, cols, r0, r1, x0, x1, x2, x3,
                        o0, o1, o2, o3));
    }

    /** The fewest inputs multiplied as a block of four ({@link InputBlocks}): three inputs: two cost less one by one (BatchedGemvProbe). */
    private static final int SMALLEST_BLOCK = 3;

    /** Rows {@code r0} and {@code r1} (scale per row) times four inputs. */
    private static void block(MemorySegment values, MemorySegment scales, int cols, int r0, int r1,
                              float[] x0, float[] x1, float[] x2, float[] x3,
                              float[] o0, float[] o1, float[] o2, float[] o3) {
        long base0 = (long) r0 * cols;
        long base1 = (long) r1 * cols;
        FloatVector a00 = FloatVector.zero(FLOATS);
        FloatVector a01 = FloatVector.zero(FLOATS);
        FloatVector a02 = FloatVector.zero(FLOATS);
        FloatVector a03 = FloatVector.zero(FLOATS);
        FloatVector a10 = FloatVector.zero(FLOATS);
        FloatVector a11 = FloatVector.zero(FLOATS);
        FloatVector a12 = FloatVector.zero(FLOATS);
        FloatVector a13 = FloatVector.zero(FLOATS);
        int c = 0;
        for (; c + LANES <= cols; c += LANES) {
            FloatVector w0 = weights(values, base0 + c);
            FloatVector w1 = weights(values, base1 + c);
            FloatVector x = FloatVector.fromArray(FLOATS, x0, c);
            a00 = w0.fma(x, a00);
            a10 = w1.fma(x, a10);
            x = FloatVector.fromArray(FLOATS, x1, c);
            a01 = w0.fma(x, a01);
            a11 = w1.fma(x, a11);
            x = FloatVector.fromArray(FLOATS, x2, c);
            a02 = w0.fma(x, a02);
            a12 = w1.fma(x, a12);
            x = FloatVector.fromArray(FLOATS, x3, c);
            a03 = w0.fma(x, a03);
            a13 = w1.fma(x, a13);
        }
        float s0 = scale(scales, r0);
        float s1 = scale(scales, r1);
        o0[r0] = (a00.reduceLanes(VectorOperators.ADD) + tail(values, base0, x0, c, cols)) * s0;
        o1[r0] = (a01.reduceLanes(VectorOperators.ADD) + tail(values, base0, x1, c, cols)) * s0;
        o2[r0] = (a02.reduceLanes(VectorOperators.ADD) + tail(values, base0, x2, c, cols)) * s0;
        o3[r0] = (a03.reduceLanes(VectorOperators.ADD) + tail(values, base0, x3, c, cols)) * s0;
        o0[r1] = (a10.reduceLanes(VectorOperators.ADD) + tail(values, base1, x0, c, cols)) * s1;
        o1[r1] = (a11.reduceLanes(VectorOperators.ADD) + tail(values, base1, x1, c, cols)) * s1;
        o2[r1] = (a12.reduceLanes(VectorOperators.ADD) + tail(values, base1, x2, c, cols)) * s1;
        o3[r1] = (a13.reduceLanes(VectorOperators.ADD) + tail(values, base1, x3, c, cols)) * s1;
    }

    /**
     * Inputs multiplied as one wide block ({@link #wideBlock}) when there are more than {@link InputBlocks#SIZE}
     * and at most this many: each weight vector widened once for eight inputs instead of once per block of four.
     * Eight inputs took 0.77–0.86 × the time of two blocks of four ({@code BatchedGemvProbe}, AMD EPYC, AVX-512).
     */
    private static final int WIDE_BLOCK = 8;

    /**
     * Whether {@link #wideBlock} runs: with 16-lane vectors (AVX-512, 32 vector registers) its sixteen sums, two
     * weight vectors and an input stay in registers; with 8 lanes (AVX2, 16 registers) they do not, and eight inputs
     * took 1.11–1.14 × the time of two blocks of four (the same probe with {@code -XX:UseAVX=2}).
     */
    private static final boolean WIDE_BLOCK_FITS = LANES >= 16;

    /**
     * Rows {@code r0} and {@code r1} (scale per row) times the eight inputs {@code inputs[at[0..7]]}, into the same
     * rows of {@code outs[at[0..7]]}: sixteen sums held in registers.
     */
    private static void wideBlock(MemorySegment values, MemorySegment scales, int cols, int r0, int r1,
                                  float[][] inputs, float[][] outs, int[] at) {
        long base0 = (long) r0 * cols;
        long base1 = (long) r1 * cols;
        float[] x0 = inputs[at[0]], x1 = inputs[at[1]], x2 = inputs[at[2]], x3 = inputs[at[3]];
        float[] x4 = inputs[at[4]], x5 = inputs[at[5]], x6 = inputs[at[6]], x7 = inputs[at[7]];
        FloatVector a00 = FloatVector.zero(FLOATS), a01 = FloatVector.zero(FLOATS);
        FloatVector a02 = FloatVector.zero(FLOATS), a03 = FloatVector.zero(FLOATS);
        FloatVector a04 = FloatVector.zero(FLOATS), a05 = FloatVector.zero(FLOATS);
        FloatVector a06 = FloatVector.zero(FLOATS), a07 = FloatVector.zero(FLOATS);
        FloatVector a10 = FloatVector.zero(FLOATS), a11 = FloatVector.zero(FLOATS);
        FloatVector a12 = FloatVector.zero(FLOATS), a13 = FloatVector.zero(FLOATS);
        FloatVector a14 = FloatVector.zero(FLOATS), a15 = FloatVector.zero(FLOATS);
        FloatVector a16 = FloatVector.zero(FLOATS), a17 = FloatVector.zero(FLOATS);
        int c = 0;
        for (; c + LANES <= cols; c += LANES) {
            FloatVector w0 = weights(values, base0 + c);
            FloatVector w1 = weights(values, base1 + c);
            FloatVector x = FloatVector.fromArray(FLOATS, x0, c);
            a00 = w0.fma(x, a00);
            a10 = w1.fma(x, a10);
            x = FloatVector.fromArray(FLOATS, x1, c);
            a01 = w0.fma(x, a01);
            a11 = w1.fma(x, a11);
            x = FloatVector.fromArray(FLOATS, x2, c);
            a02 = w0.fma(x, a02);
            a12 = w1.fma(x, a12);
            x = FloatVector.fromArray(FLOATS, x3, c);
            a03 = w0.fma(x, a03);
            a13 = w1.fma(x, a13);
            x = FloatVector.fromArray(FLOATS, x4, c);
            a04 = w0.fma(x, a04);
            a14 = w1.fma(x, a14);
            x = FloatVector.fromArray(FLOATS, x5, c);
            a05 = w0.fma(x, a05);
            a15 = w1.fma(x, a15);
            x = FloatVector.fromArray(FLOATS, x6, c);
            a06 = w0.fma(x, a06);
            a16 = w1.fma(x, a16);
            x = FloatVector.fromArray(FLOATS, x7, c);
            a07 = w0.fma(x, a07);
            a17 = w1.fma(x, a17);
        }
        float s0 = scale(scales, r0);
        float s1 = scale(scales, r1);
        // each sum written out: vectors kept in an array would be boxed (the JIT keeps them in registers only as locals)
        outs[at[0]][r0] = (a00.reduceLanes(VectorOperators.ADD) + tail(values, base0, x0, c, cols)) * s0;
        outs[at[1]][r0] = (a01.reduceLanes(VectorOperators.ADD) + tail(values, base0, x1, c, cols)) * s0;
        outs[at[2]][r0] = (a02.reduceLanes(VectorOperators.ADD) + tail(values, base0, x2, c, cols)) * s0;
        outs[at[3]][r0] = (a03.reduceLanes(VectorOperators.ADD) + tail(values, base0, x3, c, cols)) * s0;
        outs[at[4]][r0] = (a04.reduceLanes(VectorOperators.ADD) + tail(values, base0, x4, c, cols)) * s0;
        outs[at[5]][r0] = (a05.reduceLanes(VectorOperators.ADD) + tail(values, base0, x5, c, cols)) * s0;
        outs[at[6]][r0] = (a06.reduceLanes(VectorOperators.ADD) + tail(values, base0, x6, c, cols)) * s0;
        outs[at[7]][r0] = (a07.reduceLanes(VectorOperators.ADD) + tail(values, base0, x7, c, cols)) * s0;
        outs[at[0]][r1] = (a10.reduceLanes(VectorOperators.ADD) + tail(values, base1, x0, c, cols)) * s1;
        outs[at[1]][r1] = (a11.reduceLanes(VectorOperators.ADD) + tail(values, base1, x1, c, cols)) * s1;
        outs[at[2]][r1] = (a12.reduceLanes(VectorOperators.ADD) + tail(values, base1, x2, c, cols)) * s1;
        outs[at[3]][r1] = (a13.reduceLanes(VectorOperators.ADD) + tail(values, base1, x3, c, cols)) * s1;
        outs[at[4]][r1] = (a14.reduceLanes(VectorOperators.ADD) + tail(values, base1, x4, c, cols)) * s1;
        outs[at[5]][r1] = (a15.reduceLanes(VectorOperators.ADD) + tail(values, base1, x5, c, cols)) * s1;
        outs[at[6]][r1] = (a16.reduceLanes(VectorOperators.ADD) + tail(values, base1, x6, c, cols)) * s1;
        outs[at[7]][r1] = (a17.reduceLanes(VectorOperators.ADD) + tail(values, base1, x7, c, cols)) * s1;
    }

    /** {@code Σ values[base + i] × x[i]} for i in [from, cols): the columns past the last whole vector. */
    private static float tail(MemorySegment values, long base, float[] x, int from, int cols) {
        float sum = 0;
        for (int c = from; c < cols; c++) {
            sum += values.get(ValueLayout.JAVA_BYTE, base + c) * x[c];
        }
        return sum;
    }

    /** {@code Σ values[base + i] × x[offset + i]} for i in [0, count). */
    private static float dot(MemorySegment values, long base, float[] x, int offset, int count) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int c = 0;
        for (; c + 4 * LANES <= count; c += 4 * LANES) {
            a0 = weights(values, base + c).fma(FloatVector.fromArray(FLOATS, x, offset + c), a0);
            a1 = weights(values, base + c + LANES).fma(FloatVector.fromArray(FLOATS, x, offset + c + LANES), a1);
            a2 = weights(values, base + c + 2 * LANES).fma(FloatVector.fromArray(FLOATS, x, offset + c + 2 * LANES), a2);
            a3 = weights(values, base + c + 3 * LANES).fma(FloatVector.fromArray(FLOATS, x, offset + c + 3 * LANES), a3);
        }
        for (; c + LANES <= count; c += LANES) {
            a0 = weights(values, base + c).fma(FloatVector.fromArray(FLOATS, x, offset + c), a0);
        }
        float sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; c < count; c++) {
            sum += values.get(ValueLayout.JAVA_BYTE, base + c) * x[offset + c];
        }
        return sum;
    }

    /** One row with a scale per group of {@code groupSize} (a multiple of the lane count). */
    private static float groupedDot(MemorySegment values, MemorySegment scales, int r, int cols, int groupSize,
                                    int groups, float[] x) {
        long base = (long) r * cols;
        FloatVector total = FloatVector.zero(FLOATS);
        for (int g = 0; g < groups; g++) {
            int offset = g * groupSize;
            FloatVector group = FloatVector.zero(FLOATS);
            for (int c = 0; c < groupSize; c += LANES) {
                group = weights(values, base + offset + c).fma(FloatVector.fromArray(FLOATS, x, offset + c), group);
            }
            total = group.fma(FloatVector.broadcast(FLOATS, scale(scales, (long) r * groups + g)), total);
        }
        return total.reduceLanes(VectorOperators.ADD);
    }

    /** {@link #LANES} int8 weights from {@code offset}, widened to floats. */
    private static FloatVector weights(MemorySegment values, long offset) {
        return (FloatVector) ByteVector.fromMemorySegment(BYTES, values, offset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2F, FLOATS, 0);
    }

    private static float scale(MemorySegment scales, long index) {
        return scales.get(FLOAT_LE, index * Float.BYTES);
    }

    @Override
    public void dequantize(Int8Matrix matrix, java.nio.ByteBuffer target, int first, int end) {
        int cols = matrix.cols();
        int groupSize = matrix.groupSize();
        if (groupSize % LANES != 0) {
            SCALAR.dequantize(matrix, target, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        MemorySegment out = MemorySegment.ofBuffer(target);
        int groups = cols / groupSize;
        for (int r = first; r < end; r++) {
            long base = (long) r * cols;
            for (int g = 0; g < groups; g++) {
                FloatVector scale = FloatVector.broadcast(FLOATS, scale(scales, (long) r * groups + g));
                long offset = base + (long) g * groupSize;
                for (int c = 0; c < groupSize; c += LANES) {
                    weights(values, offset + c).mul(scale)
                            .intoMemorySegment(out, (offset + c) * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
                }
            }
        }
    }

    @Override
    public String name() {
        return "Vector API, " + LANES + " float lanes";
    }
}
