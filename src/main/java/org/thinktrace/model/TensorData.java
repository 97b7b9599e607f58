package org.thinktrace.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A tensor held as floats in memory, to be stored as {@code dtype} (F16 and BF16 rounded to
 * nearest even, see {@link HalfFloats}).
 *
 * @param dtype  the element type written to the file
 * @param shape  dimensions, outermost first; their product must equal {@code values.length}
 * @param values the elements in row-major order
 */
public record TensorData(TensorDataType dtype, long[] shape, float[] values) implements TensorSource {

    private static final int CHUNK_ELEMENTS = 1 << 16;

    public TensorData {
        shape = shape.clone();
        long count = TensorShape.elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + TensorShape.format(shape) + " holds " + count
                    + " elements but " + values.length + " values were given");
        }
    }

    /** A tensor with the given shape and values. */
    public static TensorData of(TensorDataType dtype, float[] values, long... shape) {
        return new TensorData(dtype, shape, values);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK_ELEMENTS) {
            int end = Math.min(values.length, start + CHUNK_ELEMENTS);
            chunk.clear();
            encode(start, end, chunk);
            chunk.flip();
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }
    }

    /** Encodes {@code values[start, end)} into {@code chunk}, one loop per type. */
    private void encode(int start, int end, ByteBuffer chunk) {
        switch (dtype) {
            case F32 -> chunk.asFloatBuffer().put(values, start, end - start);
            case F16 -> {
                for (int i = start; i < end; i++) {
                    chunk.putShort(2 * (i - start), HalfFloats.floatToF16(values[i]));
                }
            }
            case BF16 -> {
                for (int i = start; i < end; i++) {
                    chunk.putShort(2 * (i - start), HalfFloats.floatToBf16(values[i]));
                }
            }
        }
        chunk.position((end - start) * dtype.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData other && dtype == other.dtype
                && Arrays.equals(shape, other.shape) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + TensorShape.format(shape) + "]";
    }
}
