package org.thinktrace.model;

import java.nio.ByteBuffer;

/** {@link HalfGemv} one value at a time: the reference the Vector API kernel is held to, and its fallback. */
final class ScalarHalfGemv implements HalfGemv {

    @Override
    public void multiply(ByteBuffer half, int cols, float[][] inputs, float[][] outs, int first, int end) {
        for (int r = first; r < end; r++) {
            int base = r * cols * Short.BYTES;
            for (int b = 0; b < inputs.length; b++) {
                float[] x = inputs[b];
                float sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += Float.float16ToFloat(half.getShort(base + c * Short.BYTES)) * x[c];
                }
                outs[b][r] = sum;
            }
        }
    }

    @Override
    public String name() {
        return "scalar fp16";
    }
}
