package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Widens little-endian F32 / F16 / BF16 element bytes into little-endian FP32, chunk by chunk,
 * through reusable heap arrays (bulk copies in and out, a tight loop in between).
 * Not thread-safe: one instance per reading thread.
 */
final class Float32Conversion {

    private final short[] halves;
    private final int[] words;

    /** A converter for chunks of up to {@code maxElements} 16-bit elements. */
    Float32Conversion(int maxElements) {
        this.halves = new short[maxElements];
        this.words = new int[maxElements];
    }

    /**
     * Converts every remaining element of {@code raw} (in {@code dtype}) into {@code out},
     * advancing both buffers.
     */
    void convert(TensorDataType dtype, ByteBuffer raw, ByteBuffer out) {
        raw.order(ByteOrder.LITTLE_ENDIAN);
        out.order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == TensorDataType.F32) {
            out.put(raw);
            return;
        }
        while (raw.remaining() >= 2) {
            int n = Math.min(halves.length, raw.remaining() / 2);
            raw.asShortBuffer().get(halves, 0, n);
            raw.position(raw.position() + 2 * n);
            if (dtype == TensorDataType.BF16) {
                for (int i = 0; i < n; i++) {
                    words[i] = (halves[i] & 0xFFFF) << 16;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    words[i] = Float.floatToRawIntBits(Float.float16ToFloat(halves[i]));
                }
            }
            out.asIntBuffer().put(words, 0, n);
            out.position(out.position() + 4 * n);
        }
    }
}
