package org.thinktrace.model;

/**
 * Test-side reference for the 4-bit format, written from its definition (llama.cpp's Q4_0) and
 * independent of the main code: reading a weight straight from a {@link Q4Matrix}'s bytes, and
 * rounding FP32 rows as the format holds them.
 */
final class NaiveQ4 {

    private NaiveQ4() {
    }

    /** Weight (r, c): nibble {@code c mod 32} of its group (low nibbles first, then high ones) minus 8, times the FP16 scale. */
    static double weight(Q4Matrix matrix, int r, int c) {
        int groups = (matrix.cols() + 31) / 32;
        int group = c / 32;
        int within = c % 32;
        int b = matrix.valueMemory().get((r * groups + group) * 16 + within % 16) & 0xFF;
        int nibble = within < 16 ? b & 15 : b >> 4;
        short half = matrix.scaleMemory().order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort((r * groups + group) * 2);
        return (nibble - 8) * (double) Float.float16ToFloat(half);
    }

    /** {@code Σ_c x[c] × weight(r, c)} in double for every row. */
    static double[] product(Q4Matrix matrix, float[] x) {
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            double sum = 0;
            for (int c = 0; c < matrix.cols(); c++) {
                sum += x[c] * weight(matrix, r, c);
            }
            out[r] = sum;
        }
        return out;
    }

    /**
     * {@code x} as llama.cpp's Q8_0 rounds a Q4_0 product's input: per whole group of 32, d = max|x| / 127 and
     * q = round(x × (1 / d)) (0 for an all-zero group), read back as q × d; a shorter last group as it is.
     */
    static double[] roundedInput(float[] x) {
        double[] out = new double[x.length];
        for (int start = 0; start < x.length; start += 32) {
            if (start + 32 > x.length) {
                for (int c = start; c < x.length; c++) {
                    out[c] = x[c];
                }
                break;
            }
            float max = 0;
            for (int c = start; c < start + 32; c++) {
                max = Math.max(max, Math.abs(x[c]));
            }
            float d = max / 127;
            float inverse = d == 0 ? 0 : 1 / d;
            for (int c = start; c < start + 32; c++) {
                out[c] = (double) Math.round(x[c] * inverse) * d;
            }
        }
        return out;
    }

    /** {@link #roundedInput} as floats. */
    static float[] roundedInputFloats(float[] x) {
        double[] rounded = roundedInput(x);
        float[] out = new float[x.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) rounded[c];
        }
        return out;
    }

    /** {@code Σ_c roundedInput(x)[c] × weight(r, c)} in double for every row. */
    static double[] productOfRoundedInput(Q4Matrix matrix, float[] x) {
        double[] rounded = roundedInput(x);
        double[] out = new double[matrix.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                out[r] += rounded[c] * weight(matrix, r, c);
            }
        }
        return out;
    }

    /**
     * Rows of {@code cols} values as Q4_0 holds them: per group of 32 (the last may be shorter),
     * m = the value of largest magnitude, d = m / -8, n = min(15, trunc(v / d + 8.5)), read back
     * as (n - 8) × FP16(d).
     */
    static float[] round(float[] v, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < v.length / cols; r++) {
            for (int start = 0; start < cols; start += 32) {
                int end = Math.min(cols, start + 32);
                float m = 0;
                for (int c = start; c < end; c++) {
                    m = Math.abs(v[r * cols + c]) > Math.abs(m) ? v[r * cols + c] : m;
                }
                float d = m / -8;
                float stored = Float.float16ToFloat(Float.floatToFloat16(d));
                for (int c = start; c < end; c++) {
                    int n = stored == 0 ? 8 : Math.min(15, (int) (v[r * cols + c] * (1 / d) + 8.5f));
                    out[r * cols + c] = (n - 8) * stored;
                }
            }
        }
        return out;
    }
}
