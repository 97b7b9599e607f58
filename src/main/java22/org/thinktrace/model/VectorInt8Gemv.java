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
