package org.thinktrace.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;

/**
 * {@link Q4RowQuantizer} with the Vector API (Java 22+, {@code --add-modules jdk.incubator.vector}): per whole
 * group of 32 it takes the largest magnitude as a lane maximum, finds the first value of that magnitude with a
 * lane mask (its sign sets the scale's), and converts the 32 values to nibbles with the same float operations as
 * {@link Q4Quantizer} (a multiply, then an add of 8.5, truncated, capped at 15), so that the bytes are
 * {@link Q4Quantizer}'s; the low and high halves are packed into 16 bytes with a shift and an or. A row's shorter
 * last group, and vectors of other than 8 or 16 floats, go to {@link Q4Quantizer#quantizeGroup}. 3–4 × the
 * scalar rate once compiled (AVX-512 and AVX2). Compiled from {@code src/main/java22} and loaded by name.
 */
final class VectorQ4Quantizer implements Q4RowQuantizer {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** Whether whole groups take the vector path: 8 or 16 lanes (a half group is whole vectors, its bytes one). */
    private static final boolean VECTORS = LANES == 8 || LANES == 16;
    private static final VectorSpecies<Byte> PACKED = VECTORS
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * Byte.SIZE)) : null;
    /** Float vectors per group and per half group. */
    private static final int PARTS = Q4Matrix.GROUP / LANES;
    private static final int HALF_PARTS = PARTS / 2;

    VectorQ4Quantizer() {
    }

    @Override
    public void quantize(ByteBuffer source, int rows, int cols, ByteBuffer values, ByteBuffer scales) {
        Q4Quantizer.quantizeRows(source, rows, cols, values, scales,
                VECTORS ? VectorQ4Quantizer::quantizeGroup : Q4Quantizer::quantizeGroup);
    }

    /** {@link Q4Quantizer#quantizeGroup} with vectors for a whole group, by it for a shorter one. */
    private static short quantizeGroup(float[] row, int cols, int r, int g, byte[] packed) {
        int start = g * Q4Matrix.GROUP;
        if (start + Q4Matrix.GROUP > cols) {
            return Q4Quantizer.quantizeGroup(row, cols, r, g, packed);
        }
        FloatVector largest = FloatVector.fromArray(FLOATS, row, start).abs();
        for (int k = 1; k < PARTS; k++) {
            largest = largest.max(FloatVector.fromArray(FLOATS, row, start + k * LANES).abs());
        }
        float magnitude = largest.reduceLanes(VectorOperators.MAX);
        if (!(magnitude <= Float.MAX_VALUE)) {                  // NaN or infinite: name the first such value
            return Q4Quantizer.quantizeGroup(row, cols, r, g, packed);
        }
        float max = 0;
        for (int k = 0; k < PARTS; k++) {                       // the first value of that magnitude, with its sign
            VectorMask<Float> at = FloatVector.fromArray(FLOATS, row, start + k * LANES).abs().eq(magnitude);
            if (at.anyTrue()) {
                max = row[start + k * LANES + at.firstTrue()];
                break;
            }
        }
        short half = Q4Quantizer.scale(max, r, g, start, Q4Matrix.GROUP);
        int out = g * Q4Matrix.GROUP_BYTES;
        if (half == 0) {
            java.util.Arrays.fill(packed, out, out + Q4Matrix.GROUP_BYTES, (byte) (Q4Quantizer.ZERO * 0x11));
            return 0;
        }
        float inverse = 1 / (max / -8);
        for (int k = 0; k < HALF_PARTS; k++) {
            IntVector low = nibbles(row, start + k * LANES, inverse);
            IntVector high = nibbles(row, start + Q4Matrix.GROUP_BYTES + k * LANES, inverse);
            low.or(high.lanewise(VectorOperators.LSHL, 4))
                    .convertShape(VectorOperators.I2B, PACKED, 0)
                    .reinterpretAsBytes()
                    .intoArray(packed, out + k * LANES);
        }
        return half;
    }

    /** {@link Q4Quantizer#nibble} of {@code LANES} values from {@code row[from]}. */
    private static IntVector nibbles(float[] row, int from, float inverse) {
        return ((IntVector) FloatVector.fromArray(FLOATS, row, from).mul(inverse).add(8.5f)
                .convert(VectorOperators.F2I, 0)).min(15);
    }
}
