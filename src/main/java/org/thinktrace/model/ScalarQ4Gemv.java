package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link Q4Gemv} in plain Java, for JVMs without the Vector API, and for the shorter last group
 * of a row in the vectorised kernel ({@link #groupDot}).
 */
final class ScalarQ4Gemv implements Q4Gemv {

    @Override
    public void multiply(Q4Matrix matrix, float[] x, float[] out, int first, int end) {
        ByteBuffer values = matrix.valueMemory();
        int groups = matrix.groups();
        for (int r = first; r < end; r++) {
            float total = 0;
            for (int g = 0; g < groups; g++) {
                long index = (long) r * groups + g;
                total += groupDot(values, index, matrix.cols(), g, x) * matrix.scale(index);
            }
            out[r] = total;
        }
    }

    @Override
    public void multiply(Q4Matrix matrix, Q8Input x, float[] out, int first, int end) {
        Q4Gemv.checkInput(matrix, x, Q8Input.Layout.NATURAL);
        for (int r = first; r < end; r++) {
            out[r] = roundedRow(matrix, x, r);
        }
    }

    /** Row {@code r} times an input rounded to 8-bit levels, in either layout. */
    static float roundedRow(Q4Matrix matrix, Q8Input x, int r) {
        ByteBuffer values = matrix.valueMemory();
        long rowGroup = (long) r * matrix.groups();
        int full = x.groups();
        float total = 0;
        for (int g = 0; g < full; g++) {
            int base = Math.toIntExact((rowGroup + g) * Q4Matrix.GROUP_BYTES);
            int dot = 0;
            for (int j = 0; j < Q4Matrix.GROUP_BYTES; j++) {
                int b = values.get(base + j) & 0xFF;
                dot += (b & 0x0F) * x.level(g, j) + (b >>> 4) * x.level(g, Q4Matrix.GROUP_BYTES + j);
            }
            total += matrix.scale(rowGroup + g) * (x.scales()[g] * dot - x.offsets()[g]);
        }
        if (full < matrix.groups()) {
            total += groupDot(values, rowGroup + full, matrix.cols(), full, x.values()) * matrix.scale(rowGroup + full);
        }
        return total;
    }

    /**
     * {@code Σ (nibble - 8) × x[c]} over group {@code g} of a row (whose group counted over all
     * rows is {@code index}), for the columns below {@code cols}; not yet multiplied by the scale.
     */
    static float groupDot(ByteBuffer values, long index, int cols, int g, float[] x) {
        int base = Math.toIntExact(index * Q4Matrix.GROUP_BYTES);
        int start = g * Q4Matrix.GROUP;
        int length = Math.min(Q4Matrix.GROUP, cols - start);
        float low = 0;
        float high = 0;
        if (length == Q4Matrix.GROUP) {
            for (int j = 0; j < Q4Matrix.GROUP_BYTES; j++) {
                int b = values.get(base + j) & 0xFF;
                low += ((b & 0x0F) - Q4Quantizer.ZERO) * x[start + j];
                high += ((b >>> 4) - Q4Quantizer.ZERO) * x[start + Q4Matrix.GROUP_BYTES + j];
            }
        } else {
            for (int i = 0; i < length; i++) {
                int b = values.get(base + i % Q4Matrix.GROUP_BYTES) & 0xFF;
                int nibble = i < Q4Matrix.GROUP_BYTES ? b & 0x0F : b >>> 4;
                low += (nibble - Q4Quantizer.ZERO) * x[start + i];
            }
        }
        return low + high;
    }

    @Override
    public void dequantize(Q4Matrix matrix, ByteBuffer target, int first, int end) {
        ByteBuffer out = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int cols = matrix.cols();
        int groups = matrix.groups();
        for (int r = first; r < end; r++) {
            for (int g = 0; g < groups; g++) {
                dequantizeGroup(matrix, out, r, g, groups, cols);
            }
        }
    }

    /** Writes group {@code g} of row {@code r} (its columns below {@code cols}), offset included, into {@code out} (little-endian). */
    static void dequantizeGroup(Q4Matrix matrix, ByteBuffer out, int r, int g, int groups, int cols) {
        ByteBuffer values = matrix.valueMemory();
        long index = (long) r * groups + g;
        float scale = matrix.scale(index);
        boolean offsets = matrix.offsetMemory() != null;
        float offset = matrix.offset(index);
        int base = Math.toIntExact(index * Q4Matrix.GROUP_BYTES);
        int start = g * Q4Matrix.GROUP;
        int length = Math.min(Q4Matrix.GROUP, cols - start);
        for (int i = 0; i < length; i++) {
            int b = values.get(base + i % Q4Matrix.GROUP_BYTES) & 0xFF;
            int nibble = i < Q4Matrix.GROUP_BYTES ? b & 0x0F : b >>> 4;
            float weight = (nibble - Q4Quantizer.ZERO) * scale;
            out.putFloat(Math.toIntExact(((long) r * cols + start + i) * Float.BYTES), offsets ? weight + offset : weight);
        }
    }

    @Override
    public String name() {
        return "scalar Java";
    }
}
