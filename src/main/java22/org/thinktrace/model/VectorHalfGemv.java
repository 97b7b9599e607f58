package org.thinktrace.model;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HalfGemv} on the Vector API. The Vector API has no FP16 lanes, so a vector of FP16 bits is widened by
 * arithmetic: sign-extended to ints, its exponent and mantissa shifted into an FP32's places and multiplied by
 * 2^112 (which rebiases the exponent and turns FP16 subnormals into the FP32 values they stand for), the sign put
 * back. Infinities and NaNs (which weights never hold) come out as large finite values. Two weight rows times four
 * inputs are multiplied per pass ({@link InputBlocks}), each row widened once for the four.
 */
public final class VectorHalfGemv implements HalfGemv {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final VectorSpecies<Short> HALVES = VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * Short.SIZE));
    private static final HalfGemv SCALAR = new ScalarHalfGemv();
    /** 2^112: FP16's exponent bias (15) raised to FP32's (127). */
    private static final float REBIAS = 0x1p112f;

    @Override
    public void multiply(ByteBuffer half, int cols, float[][] inputs, float[][] outs, int first, int end) {
        if (LANES < 4) {
            SCALAR.multiply(half, cols, inputs, outs, first, end);
            return;
        }
        MemorySegment w = MemorySegment.ofBuffer(half);
        int whole = cols / LANES * LANES;
        if (inputs.length == 1) {
            float[] x = inputs[0];
            for (int r = first; r < end; r++) {
                outs[0][r] = one(w, (long) r * cols, whole, x) + tail(w, (long) r * cols, whole, cols, x);
            }
            return;
        }
        InputBlocks.multiply(inputs, outs, first, end, 2, (x, out, from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = one(w, (long) r * cols, whole, x) + tail(w, (long) r * cols, whole, cols, x);
            }
        }, (r0, r1, x0, x1, x2, x3, o0, o1, o2, o3) -> block(w, cols, whole, r0, r1, x0, x1, x2, x3, o0, o1, o2, o3));
    }

    /** One row (its first value at FP16 index {@code row}) times one input, over the whole vectors. */
    private static float one(MemorySegment w, long row, int whole, float[] x) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        int c = 0;
        for (; c + 2 * LANES <= whole; c += 2 * LANES) {
            a0 = widen(w, row + c).fma(FloatVector.fromArray(FLOATS, x, c), a0);
            a1 = widen(w, row + c + LANES).fma(FloatVector.fromArray(FLOATS, x, c + LANES), a1);
        }
        if (c < whole) {
            a0 = widen(w, row + c).fma(FloatVector.fromArray(FLOATS, x, c), a0);
        }
        return a0.add(a1).reduceLanes(VectorOperators.ADD);
    }

    /** Rows {@code r0} and {@code r1} times four inputs. */
    private static void block(MemorySegment w, int cols, int whole, int r0, int r1,
                              float[] x0, float[] x1, float[] x2, float[] x3,
                              float[] o0, float[] o1, float[] o2, float[] o3) {
        long row0 = (long) r0 * cols;
        long row1 = (long) r1 * cols;
        FloatVector a00 = FloatVector.zero(FLOATS);
        FloatVector a01 = FloatVector.zero(FLOATS);
        FloatVector a02 = FloatVector.zero(FLOATS);
        FloatVector a03 = FloatVector.zero(FLOATS);
        FloatVector a10 = FloatVector.zero(FLOATS);
        FloatVector a11 = FloatVector.zero(FLOATS);
        FloatVector a12 = FloatVector.zero(FLOATS);
        FloatVector a13 = FloatVector.zero(FLOATS);
        for (int c = 0; c < whole; c += LANES) {
            FloatVector w0 = widen(w, row0 + c);
            FloatVector w1 = widen(w, row1 + c);
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
        o0[r0] = a00.reduceLanes(VectorOperators.ADD) + tail(w, row0, whole, cols, x0);
        o1[r0] = a01.reduceLanes(VectorOperators.ADD) + tail(w, row0, whole, cols, x1);
        o2[r0] = a02.reduceLanes(VectorOperators.ADD) + tail(w, row0, whole, cols, x2);
        o3[r0] = a03.reduceLanes(VectorOperators.ADD) + tail(w, row0, whole, cols, x3);
        o0[r1] = a10.reduceLanes(VectorOperators.ADD) + tail(w, row1, whole, cols, x0);
        o1[r1] = a11.reduceLanes(VectorOperators.ADD) + tail(w, row1, whole, cols, x1);
        o2[r1] = a12.reduceLanes(VectorOperators.ADD) + tail(w, row1, whole, cols, x2);
        o3[r1] = a13.reduceLanes(VectorOperators.ADD) + tail(w, row1, whole, cols, x3);
    }

    /** Columns {@code [whole, cols)} of the row, one at a time. */
    private static float tail(MemorySegment w, long row, int whole, int cols, float[] x) {
        float sum = 0;
        for (int c = whole; c < cols; c++) {
            sum += Float.float16ToFloat(w.get(HalfLayout.LE, (row + c) * Short.BYTES)) * x[c];
        }
        return sum;
    }

    /** The {@link #LANES} FP16 values from FP16 index {@code index}, as FP32. */
    private static FloatVector widen(MemorySegment w, long index) {
        IntVector bits = (IntVector) ShortVector.fromMemorySegment(HALVES, w, index * Short.BYTES, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, INTS, 0);                                    // sign-extended
        FloatVector magnitude = bits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
        return magnitude.reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    @Override
    public String name() {
        return "vector fp16";
    }

    /** The FP16 values' layout in the weight memory. */
    private static final class HalfLayout {
        static final java.lang.foreign.ValueLayout.OfShort LE =
                java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    }
}
