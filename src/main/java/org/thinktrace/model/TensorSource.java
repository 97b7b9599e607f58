package org.thinktrace.model;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * One tensor to be written into a safetensors file, produced on demand so that a multi-gigabyte
 * checkpoint never has to sit in memory at once.
 *
 * <p>Contract: {@link #writeTo} writes exactly {@link #byteLength()} bytes, the elements in
 * row-major order, each little-endian in {@link #dtype()}. It may be called once per write of a
 * file; the writer checks the count and fails the write (leaving no file) when it differs.
 */
public interface TensorSource {

    /** The element type stored in the file. */
    TensorDataType dtype();

    /** The dimensions, outermost first; a fresh copy. */
    long[] shape();

    /** Bytes this tensor occupies in the file. */
    default long byteLength() {
        return Math.multiplyExact(TensorShape.elementCount(shape()), (long) dtype().bytes());
    }

    /** Streams the encoded elements into {@code out}. */
    void writeTo(WritableByteChannel out) throws IOException;
}
