package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * 4-bit quantization of FP32 rows in groups of {@value Q4Matrix#GROUP} with llama.cpp's Q4_0 rule
 * ({@code quantize_row_q4_0_ref}), so that the nibbles and scales equal those of a GGUF Q4_0 file
 * made from the same weights. For each group, {@code m} is the value of largest magnitude (with
 * its sign), {@code d = m / -8}, and each value {@code v} becomes the nibble
 * {@code n = min(15, trunc(v / d + 8.5))}, read back as {@code (n - 8) × d}; {@code d} is stored
 * as FP16. So {@code m} maps to {@code -8 × d}, and every other value lies within {@code |d| / 2}
 * of its reading, except values on the side opposite to {@code m} beyond {@code 7.5 |d|}, which
 * are clamped to {@code 7 × d} (within {@code |d|}); the FP16 rounding of {@code d} adds at most
 * {@code 8 |d| × 2⁻¹¹}. A group of zeros, or one whose scale rounds to FP16 zero (all
 * magnitudes below about 2.4e-7), is stored as nibbles 8 with scale 0.
 *
 * <p>Nibble order within a group is Q4_0's: byte {@code j} (0–15) holds element {@code j} in its
 * low nibble and element {@code 16 + j} in its high nibble. A row whose length is not a multiple
 * of 32 ends in a shorter group whose missing elements are stored as nibble 8 (zero).
 */
final class Q4Quantizer {

    /** The nibble that reads back as zero. */
    static final int ZERO = 8;

    private Q4Quantizer() {
    }

    /**
     * Quantizes {@code rows} rows of {@code cols} FP32 values.
     *
     * @param source little-endian FP32 values from its position, rows × cols of them (position unchanged)
     * @param values receives rows × groups × 16 bytes from its position (position unchanged)
     * @param scales receives rows × groups little-endian FP16 scales from its position (position unchanged)
     * @throws IllegalArgumentException naming the row and column of a NaN or infinite value, or the row
     *                                  and group whose scale exceeds FP16's range (a magnitude above 8 × 65504)
     */
    static void quantize(ByteBuffer source, int rows, int cols, ByteBuffer values, ByteBuffer scales) {
        quantizeRows(source, rows, cols, values, scales, Q4Quantizer::quantizeGroup);
    }

    /** Quantizes group {@code g} of row {@code r} (held in {@code row}) into {@code packed}; returns its FP16 scale. */
    interface GroupQuantizer {
        short quantize(float[] row, int cols, int r, int g, byte[] packed);
    }

    /**
     * The row loop of {@link #quantize}: each row is read into an array, its groups quantized by {@code groups} into
     * arrays of nibble bytes and scales, which are then written out whole.
     */
    static void quantizeRows(ByteBuffer source, int rows, int cols, ByteBuffer values, ByteBuffer scales,
                             GroupQuantizer groups) {
        FloatBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        ShortBuffer scaleOut = scales.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ByteBuffer valueOut = values.duplicate();
        int groupCount = Q4Matrix.groups(cols);
        float[] row = new float[cols];
        byte[] packed = new byte[groupCount * Q4Matrix.GROUP_BYTES];
        short[] halves = new short[groupCount];
        for (int r = 0; r < rows; r++) {
            in.get(r * cols, row, 0, cols);
            for (int g = 0; g < groupCount; g++) {
                halves[g] = groups.quantize(row, cols, r, g, packed);
            }
            valueOut.put(values.position() + r * packed.length, packed);
            scaleOut.put(r * groupCount, halves);
        }
    }

    /**
     * Group {@code g} of a row by the rule above, one value at a time (the reference every other
     * {@link Q4RowQuantizer} equals): its 16 nibble bytes into {@code packed[g × 16 ..]}.
     *
     * @param r the row's index, for messages
     * @return the FP16 scale (0 for a group stored as zeros)
     */
    static short quantizeGroup(float[] row, int cols, int r, int g, byte[] packed) {
        int start = g * Q4Matrix.GROUP;
        int length = Math.min(Q4Matrix.GROUP, cols - start);
        float max = 0;
        for (int i = 0; i < length; i++) {
            float v = row[start + i];
            if (!Float.isFinite(v)) {
                throw QuantizedMatrix.nonFinite(r, start + i, v);
            }
            if (Math.abs(v) > Math.abs(max)) {
                max = v;
            }
        }
        short half = scale(max, r, g, start, length);
        float inverse = half == 0 ? 0 : 1 / (max / -8);
        int out = g * Q4Matrix.GROUP_BYTES;
        for (int j = 0; j < Q4Matrix.GROUP_BYTES; j++) {
            int low = j < length && half != 0 ? nibble(row[start + j], inverse) : ZERO;
            int high = j + Q4Matrix.GROUP_BYTES < length && half != 0
                    ? nibble(row[start + j + Q4Matrix.GROUP_BYTES], inverse) : ZERO;
            packed[out + j] = (byte) (low | high << 4);
        }
        return half;
    }

    /** The nibble of {@code v} in a group whose scale's inverse is {@code inverse}. */
    static int nibble(float v, float inverse) {
        return Math.min(15, (int) (v * inverse + 8.5f));
    }

    /**
     * The FP16 scale {@code m / -8} of a group whose value of largest magnitude is {@code m}, or 0 when it rounds to
     * FP16 zero (the group is stored as zeros).
     *
     * @throws IllegalArgumentException when it exceeds FP16's range, naming row {@code r} and group {@code g}
     */
    static short scale(float m, int r, int g, int start, int length) {
        short half = Float.floatToFloat16(m / -8);
        float read = Float.float16ToFloat(half);
        if (Float.isInfinite(read)) {
            throw new IllegalArgumentException("row " + r + " group " + g + " (columns " + start + "–"
                    + (start + length - 1) + ") has a value of magnitude " + Math.abs(m)
                    + ", beyond what an FP16 group scale holds (8 × 65504)");
        }
        return read == 0 ? 0 : half;
    }
}
