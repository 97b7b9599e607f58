package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
        ByteBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer scaleOut = scales.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int inBase = in.position();
        int valueBase = values.position();
        int scaleBase = scaleOut.position();
        int groups = Q4Matrix.groups(cols);
        int[] nibbles = new int[Q4Matrix.GROUP];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < groups; g++) {
                int start = g * Q4Matrix.GROUP;
                int length = Math.min(Q4Matrix.GROUP, cols - start);
                int first = inBase + (r * cols + start) * Float.BYTES;
                float max = 0;
                for (int i = 0; i < length; i++) {
                    float v = in.getFloat(first + i * Float.BYTES);
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("row " + r + " holds a non-finite value (" + v
                                + ") at column " + (start + i));
                    }
                    if (Math.abs(v) > Math.abs(max)) {
                        max = v;
                    }
                }
                float d = max / -8;
                short half = Float.floatToFloat16(d);
                if (Float.isInfinite(Float.float16ToFloat(half))) {
                    throw new IllegalArgumentException("row " + r + " group " + g + " (columns " + start + "–"
                            + (start + length - 1) + ") has a value of magnitude " + Math.abs(max)
                            + ", beyond what an FP16 group scale holds (8 × 65504)");
                }
                boolean zero = Float.float16ToFloat(half) == 0;
                float inverse = zero ? 0 : 1 / d;
                java.util.Arrays.fill(nibbles, ZERO);
                for (int i = 0; i < length && !zero; i++) {
                    nibbles[i] = Math.min(15, (int) (in.getFloat(first + i * Float.BYTES) * inverse + 8.5f));
                }
                scaleOut.putShort(scaleBase + (r * groups + g) * Short.BYTES, zero ? 0 : half);
                int out = valueBase + (r * groups + g) * Q4Matrix.GROUP_BYTES;
                for (int j = 0; j < Q4Matrix.GROUP_BYTES; j++) {
                    values.put(out + j, (byte) (nibbles[j] | nibbles[j + Q4Matrix.GROUP_BYTES] << 4));
                }
            }
        }
    }
}
