package org.thinktrace.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the little-endian scalars and strings of a GGUF header from a file channel, through a
 * window of {@link #WINDOW_BYTES}. Every read first checks that the bytes it needs lie inside the
 * file, and throws a {@link CheckpointException} naming the field and offset when they do not, so no
 * claimed length is allocated before the file is known to hold it. A field is named by its {@code toString()},
 * which is called only for a message: a vocabulary's 150,000 strings are read without building a name for each
 * ({@link FieldPart}). Not thread-safe.
 */
final class GgufCursor {

    static final int WINDOW_BYTES = 1 << 20;

    private final FileChannel channel;
    private final Path file;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private long position;
    /** Strict UTF-8 (malformed or truncated sequences are refused, not replaced), reused from string to string. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    GgufCursor(FileChannel channel, Path file) throws IOException {
        this.channel = channel;
        this.file = file;
        this.size = channel.size();
        window.limit(0);
    }

    /** Offset of the next byte to read. */
    long position() {
        return position;
    }

    /** Length of the file. */
    long size() {
        return size;
    }

    /** Bytes between the position and the end of the file. */
    long remaining() {
        return size - position;
    }

    int u8(Object field) throws IOException {
        return need(1, field).get() & 0xFF;
    }

    byte i8(Object field) throws IOException {
        return need(1, field).get();
    }

    int u16(Object field) throws IOException {
        return need(2, field).getShort() & 0xFFFF;
    }

    short i16(Object field) throws IOException {
        return need(2, field).getShort();
    }

    long u32(Object field) throws IOException {
        return need(4, field).getInt() & 0xFFFFFFFFL;
    }

    int i32(Object field) throws IOException {
        return need(4, field).getInt();
    }

    /** A uint64 or int64, as the long with the same 64 bits. */
    long i64(Object field) throws IOException {
        return need(8, field).getLong();
    }

    float f32(Object field) throws IOException {
        return need(4, field).getFloat();
    }

    double f64(Object field) throws IOException {
        return need(8, field).getDouble();
    }

    /**
     * A GGUF string: a uint64 byte length (at most {@code maxBytes}) then that many bytes of UTF-8,
     * decoded strictly (malformed or truncated sequences are refused, not replaced).
     */
    String string(Object field, long maxBytes) throws IOException {
        long at = position;
        long length = i64(new FieldPart(field, " length"));
        if (length < 0 || length > maxBytes) {
            throw new CheckpointException(file, field + ": string length " + Long.toUnsignedString(length)
                    + " at offset " + at + " is above the limit of " + maxBytes + " bytes");
        }
        byte[] bytes = bytes((int) length, field);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, field + ": the string of " + length + " bytes at offset " + (at + 8)
                    + " is not valid UTF-8", e);
        }
    }

    private byte[] bytes(int length, Object field) throws IOException {
        checkInside(length, field);
        byte[] bytes = new byte[length];
        if (length <= WINDOW_BYTES) {
            need(length, field).get(bytes);
            return bytes;
        }
        ByteBuffer target = ByteBuffer.wrap(bytes);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw endOfFile(length, field);
            }
        }
        position += length;
        return bytes;
    }

    /** Returns the window positioned at the next {@code n} bytes, and advances past them. */
    private ByteBuffer need(int n, Object field) throws IOException {
        checkInside(n, field);
        long windowEnd = windowStart + window.limit();
        if (position < windowStart || position + n > windowEnd) {
            window.clear();
            windowStart = position;
            while (window.position() < n) {
                if (channel.read(window, windowStart + window.position()) < 0) {
                    throw endOfFile(n, field);
                }
            }
            window.flip();
        }
        window.position((int) (position - windowStart));
        position += n;
        return window;
    }

    private void checkInside(long n, Object field) {
        if (n > size - position) {
            throw endOfFile(n, field);
        }
    }

    private CheckpointException endOfFile(long n, Object field) {
        return new CheckpointException(file, field + ": needs " + n + " bytes at offset " + position
                + " but the file ends at " + size + " bytes");
    }

    /**
     * The name of a part of a field, built only when a message needs it: {@code base} then {@code suffix}, e.g.
     * {@code metadata key #3 length}, or with an index, {@code tokenizer.ggml.tokens[1234]}.
     *
     * @param base   the field, named by its {@code toString()}
     * @param suffix text after it, or null for an element
     * @param index  the element's index when {@code suffix} is null
     */
    record FieldPart(Object base, String suffix, long index) {

        FieldPart(Object base, String suffix) {
            this(base, suffix, -1);
        }

        /** Element {@code index} of the array field {@code base}. */
        static FieldPart element(Object base, long index) {
            return new FieldPart(base, null, index);
        }

        @Override
        public String toString() {
            return suffix != null ? base + suffix : base + "[" + index + "]";
        }
    }
}
