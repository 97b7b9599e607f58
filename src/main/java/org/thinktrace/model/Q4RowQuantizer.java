package org.thinktrace.model;

import java.nio.ByteBuffer;

/**
 * Quantizes FP32 rows into {@link Q4Matrix}'s format by {@link Q4Quantizer}'s rule (llama.cpp's Q4_0): every
 * implementation gives the same nibbles and scales, bit for bit, and the same exceptions.
 */
interface Q4RowQuantizer {

    /**
     * Quantizes {@code rows} rows of {@code cols} FP32 values, as {@link Q4Quantizer#quantize}.
     *
     * @param source little-endian FP32 values from its position, rows × cols of them (position unchanged)
     * @param values receives rows × groups × 16 bytes from its position (position unchanged)
     * @param scales receives rows × groups little-endian FP16 scales from its position (position unchanged)
     * @throws IllegalArgumentException naming the row and column of a NaN or infinite value, or the row
     *                                  and group whose scale exceeds FP16's range
     */
    void quantize(ByteBuffer source, int rows, int cols, ByteBuffer values, ByteBuffer scales);

    /** The scalar quantizer, {@link Q4Quantizer}. */
    Q4RowQuantizer SCALAR = Q4Quantizer::quantize;

    /**
     * The fastest quantizer this JVM can run: the Vector API one when the {@code jdk.incubator.vector} module is
     * present (Java 22 or newer), else {@link #SCALAR}.
     */
    static Q4RowQuantizer best() {
        return GemvSelection.q4Quantizer();
    }
}
