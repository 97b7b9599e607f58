package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@link Int8Gemv} in plain Java, for JVMs without the Vector API; four partial sums per row. */
final class ScalarInt8Gemv implements Int8Gemv {

    @Override
    public void multiply(Int8Matrix matrix, float[] x, float[] out, int first, int end) {
        ByteBuffer values = matrix.valueMemory();
        ByteBuffer scales = matrix.scaleMemory().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int cols = matrix.cols();
        int groupSize = matrix.groupSize();
        int groups = cols / groupSize;
        for (int r = first; r < end; r++) {
            float total = 0;
            int rowBase = r * cols;
            for (int g = 0; g < groups; g++) {
                int base = g * groupSize;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int c = 0;
                for (; c + 4 <= groupSize; c += 4) {
                    s0 += values.get(rowBase + base + c) * x[base + c];
                    s1 += values.get(rowBase + base + c + 1) * x[base + c + 1];
                    s2 += values.get(rowBase + base + c + 2) * x[base + c + 2];
                    s3 += values.get(rowBase + base + c + 3) * x[base + c + 3];
                }
                for (; c < groupSize; c++) {
                    s0 += values.get(rowBase + base + c) * x[base + c];
                }
                total += (s0 + s1 + s2 + s3) * scales.getFloat((r * groups + g) * Float.BYTES);
            }
            out[r] = total;
        }
    }

    @Override
    public void dequantize(Int8Matrix matrix, ByteBuffer target, int first, int end) {
        ByteBuffer values = matrix.valueMemory();
        ByteBuffer scales = matrix.scaleMemory().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int cols = matrix.cols();
        int groupSize = matrix.groupSize();
        int groups = cols / groupSize;
        for (int r = first; r < end; r++) {
            for (int c = 0; c < cols; c++) {
                int index = r * cols + c;
                float scale = scales.getFloat((r * groups + c / groupSize) * Float.BYTES);
                out.putFloat(index * Float.BYTES, values.get(index) * scale);
            }
        }
    }

    @Override
    public String name() {
        return "scalar Java";
    }
}
