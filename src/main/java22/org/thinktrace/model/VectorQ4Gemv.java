package org.thinktrace.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link Q4Gemv} with the Vector API (Java 22+, {@code --add-modules jdk.incubator.vector}): per
 * group of 32 weights it loads the 16 nibble bytes as one 128-bit vector, widens them to ints (one
 * vector on AVX-512, two on AVX2: x86 has no byte shifts), splits those into the low nibbles
 * (weights 0–15) and the high ones (16–31), subtracts 8, converts to floats and accumulates {@code w × x} with fused multiply-adds; the
 * group's sum is multiplied by its FP16 scale into one of two row accumulators (even and odd
 * groups). A shorter last group goes to {@link ScalarQ4Gemv}. Compiled from
 * {@code src/main/java22} and loaded by name, so the Java 21 code never links against it.
 */
final class VectorQ4Gemv implements Q4Gemv {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** Int lanes of the float vectors' width: nibbles are split and shifted as ints (x86 has no byte shifts). */
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    /** The 16 nibble bytes of a group. */
    private static final VectorSpecies<Byte> GROUP_BYTES = ByteVector.SPECIES_128;
    /** Float vectors per half group (16 weights). */
    private static final int PARTS = Q4Matrix.GROUP_BYTES / LANES;
    private static final Q4Gemv SCALAR = new ScalarQ4Gemv();
    private static final ValueLayout.OfShort HALF_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    VectorQ4Gemv() {
    }

    @Override
    public void multiply(Q4Matrix matrix, float[] x, float[] out, int first, int end) {
        if (PARTS < 1) {                                   // float vectors wider than 16 lanes
            SCALAR.multiply(matrix, x, out, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        int cols = matrix.cols();
        int groups = matrix.groups();
        int full = cols / Q4Matrix.GROUP;
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            FloatVector even = FloatVector.zero(FLOATS);
            FloatVector odd = FloatVector.zero(FLOATS);
            int g = 0;
            for (; g + 2 <= full; g += 2) {
                even = groupSum(values, rowGroup + g, x, g * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g)), even);
                odd = groupSum(values, rowGroup + g + 1, x, (g + 1) * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g + 1)), odd);
            }
            if (g < full) {
                even = groupSum(values, rowGroup + g, x, g * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g)), even);
            }
            float total = even.add(odd).reduceLanes(VectorOperators.ADD);
            if (full < groups) {
                total += ScalarQ4Gemv.groupDot(matrix.valueMemory(), rowGroup + full, cols, full, x)
                        * scale(scales, rowGroup + full);
            }
            out[r] = total;
        }
    }

    /** {@code Σ (nibble - 8) × x[offset + i]} over a whole group, lane by lane (not yet reduced). */
    private static FloatVector groupSum(MemorySegment values, long index, float[] x, int offset) {
        ByteVector packed = ByteVector.fromMemorySegment(GROUP_BYTES, values, index * Q4Matrix.GROUP_BYTES,
                ByteOrder.LITTLE_ENDIAN);
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int p = 0; p < PARTS; p++) {
            IntVector bytes = (IntVector) packed.convertShape(VectorOperators.B2I, INTS, p);        // bytes p·LANES..
            sum = low(bytes).fma(FloatVector.fromArray(FLOATS, x, offset + p * LANES), sum);
            sum = high(bytes).fma(FloatVector.fromArray(FLOATS, x, offset + Q4Matrix.GROUP_BYTES + p * LANES), sum);
        }
        return sum;
    }

    /** The low nibbles of (sign-extended) bytes minus 8, as floats: weights 0..15 of a group. */
    private static FloatVector low(IntVector bytes) {
        return (FloatVector) bytes.and(0x0F).sub(Q4Quantizer.ZERO).convert(VectorOperators.I2F, 0);
    }

    /** The high nibbles minus 8, as floats: weights 16..31 of a group. */
    private static FloatVector high(IntVector bytes) {
        return (FloatVector) bytes.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(Q4Quantizer.ZERO)
                .convert(VectorOperators.I2F, 0);
    }

    private static float scale(MemorySegment scales, long index) {
        return Float.float16ToFloat(scales.get(HALF_LE, index * Short.BYTES));
    }

    @Override
    public void dequantize(Q4Matrix matrix, ByteBuffer target, int first, int end) {
        if (PARTS < 1) {
            SCALAR.dequantize(matrix, target, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        MemorySegment out = MemorySegment.ofBuffer(target);
        ByteBuffer tail = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int cols = matrix.cols();
        int groups = matrix.groups();
        int full = cols / Q4Matrix.GROUP;
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            for (int g = 0; g < full; g++) {
                ByteVector packed = ByteVector.fromMemorySegment(GROUP_BYTES, values,
                        (rowGroup + g) * Q4Matrix.GROUP_BYTES, ByteOrder.LITTLE_ENDIAN);
                FloatVector scale = FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g));
                long at = ((long) r * cols + (long) g * Q4Matrix.GROUP) * Float.BYTES;
                for (int p = 0; p < PARTS; p++) {
                    IntVector bytes = (IntVector) packed.convertShape(VectorOperators.B2I, INTS, p);
                    low(bytes).mul(scale).intoMemorySegment(out, at + (long) p * LANES * Float.BYTES,
                            ByteOrder.LITTLE_ENDIAN);
                    high(bytes).mul(scale).intoMemorySegment(out,
                            at + (long) (Q4Matrix.GROUP_BYTES + p * LANES) * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
                }
            }
            if (full < groups) {
                ScalarQ4Gemv.dequantizeGroup(matrix, tail, r, full, groups, cols);
            }
        }
    }

    @Override
    public String name() {
        return "Vector API, " + LANES + " float lanes";
    }
}
