package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Symmetric int8 quantization of FP32 rows, in groups of {@code groupSize} consecutive values of a
 * row (a group may be the whole row). Each group gets the scale {@code s = max|v| / 127} and each
 * value {@code q = round(v / s)}, so {@code q} lies in [-127, 127] and {@code |v - q·s| ≤ s / 2}
 * (up to float rounding). A group of zeros, or one whose scale underflows to 0 (all values below
 * {@code 127 × Float.MIN_VALUE} in magnitude), is stored as zeros with scale 0.
 */
final class Int8Quantizer {

    /** The largest magnitude of a quantized value; -128 is never used, so the range is symmetric. */
    static final int LIMIT = 127;

    private Int8Quantizer() {
    }

    /**
     * Quantizes {@code rows} rows of {@code cols} FP32 values.
     *
     * @param source little-endian FP32 values from its position, rows × cols of them (position unchanged)
     * @param values receives rows × cols bytes from its position (position unchanged)
     * @param scales receives rows × (cols / groupSize) little-endian FP32 scales from its position (position unchanged)
     * @throws IllegalArgumentException naming the row when a value is NaN or infinite, or when
     *                                  {@code groupSize} does not divide {@code cols}
     */
    static void quantize(ByteBuffer source, int rows, int cols, int groupSize, ByteBuffer values, ByteBuffer scales) {
        if (groupSize < 1 || cols % groupSize != 0) {
            throw new IllegalArgumentException("group size " + groupSize + " does not divide a row of " + cols);
        }
        FloatBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        FloatBuffer scaleOut = scales.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        ByteBuffer valueOut = values.duplicate();
        int groups = cols / groupSize;
        float[] row = new float[cols];                     // a row at a time through arrays: loops the JIT vectorises
        byte[] out = new byte[cols];
        float[] rowScales = new float[groups];
        for (int r = 0; r < rows; r++) {
            in.get(r * cols, row, 0, cols);
            for (int g = 0; g < groups; g++) {
                float scale = quantizeGroup(row, g * groupSize, groupSize, out);
                if (!Float.isFinite(scale)) {                  // a NaN or infinite value makes the maximum so
                    throw nonFinite(row, g * groupSize, groupSize, r);
                }
                rowScales[g] = scale;
            }
            valueOut.put(values.position() + r * cols, out);
            scaleOut.put(r * groups, rowScales);
        }
    }

    /** The failure naming the first NaN or infinite value of {@code row[from, from + length)}, which holds one. */
    private static IllegalArgumentException nonFinite(float[] row, int from, int length, int r) {
        for (int i = from; i < from + length; i++) {
            if (!Float.isFinite(row[i])) {
                return QuantizedMatrix.nonFinite(r, i, row[i]);
            }
        }
        throw new IllegalStateException("row " + r + " group from column " + from + " has a non-finite maximum"
                + " but only finite values");
    }

    /**
     * Quantizes the finite values {@code values[from, from + length)} into {@code out} at the same indices with
     * one scale, by the rule of {@link #quantize(ByteBuffer, int, int, int, ByteBuffer, ByteBuffer)}, in plain
     * array loops that the JIT vectorises.
     *
     * @return the scale
     */
    static float quantizeGroup(float[] values, int from, int length, byte[] out) {
        float max = 0;
        for (int i = from; i < from + length; i++) {
            max = Math.max(max, Math.abs(values[i]));
        }
        float scale = max / LIMIT;
        float inverse = scale == 0 ? 0 : 1 / scale;
        for (int i = from; i < from + length; i++) {
            out[i] = (byte) quantize(values[i], inverse);
        }
        return scale;
    }

    /**
     * {@code v × inverse} rounded to the nearest integer, ties toward positive infinity (as {@link Math#round(float)}),
     * clamped to ±{@link #LIMIT}. Computed as the floor of the clamped {@code v × inverse + 1/2} in double precision,
     * where adding 1/2 to a float and taking the floor are exact, so the value is Math.round's; a loop of these the
     * JIT vectorises, a loop of Math.round it does not (8 × the time over a row of 3,584 values; loading a Q8_0
     * GGUF re-quantizes every row through here).
     */
    static int quantize(float v, float inverse) {
        return (int) Math.floor(Math.min(LIMIT, Math.max(-LIMIT, (double) (v * inverse) + 0.5)));
    }
}
