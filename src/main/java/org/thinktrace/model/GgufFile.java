package org.thinktrace.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated header of one GGUF file (versions 2 and 3): the magic {@code GGUF}, a uint32
 * version, a uint64 tensor count and a uint64 metadata count, the metadata key/value pairs, the
 * tensor infos (name, dims, ggml type, offset), padding to the alignment, then the data section.
 *
 * <p>Every count and length the file claims is checked against the caps below and against the
 * file's real length before anything is allocated, and the header's length after every key, array
 * element and tensor info, so a hostile header costs at most {@link #MAX_HEADER_BYTES} of reading plus
 * one string; every problem is a {@link CheckpointException} naming the
 * file, the key or tensor, and the value. Tensors are checked to have 1 to {@link #MAX_DIMS}
 * dimensions of at least 1 whose product fits a long, a row length that is a multiple of their
 * type's block size, an aligned offset, and bytes inside the data section that overlap no other
 * tensor's.
 *
 * @param file      the file read
 * @param version   the GGUF version, 2 or 3
 * @param metadata  the metadata key/value pairs
 * @param tensors   the tensors in file order, by name
 * @param alignment the data alignment ({@code general.alignment}, default {@value #DEFAULT_ALIGNMENT})
 * @param dataStart absolute offset of the data section
 */
public record GgufFile(Path file, int version, GgufMetadata metadata, Map<String, GgufTensorInfo> tensors,
                       long alignment, long dataStart) {

    /** "GGUF" read as a little-endian uint32. */
    static final int MAGIC = 0x46554747;
    static final int DEFAULT_ALIGNMENT = 32;
    static final String ALIGNMENT_KEY = "general.alignment";
    /** Largest accepted {@code general.alignment}. */
    static final long MAX_ALIGNMENT = 1 << 16;
    static final long MAX_TENSORS = 1 << 16;
    static final long MAX_METADATA_KEYS = 1 << 16;
    /** GGUF caps keys at 65535 bytes. */
    static final long MAX_KEY_BYTES = 65_535;
    /** ggml itself caps tensor names at 63 bytes; a little slack is left for other writers. */
    static final long MAX_TENSOR_NAME_BYTES = 256;
    /** Longest string value (chat templates are a few tens of KB). */
    static final long MAX_STRING_BYTES = 16L << 20;
    /** Most elements in one metadata array (vocabularies hold a few hundred thousand tokens). */
    static final long MAX_ARRAY_LENGTH = 1L << 24;
    /**
     * Values in all metadata arrays together (real files hold about a million: a vocabulary's tokens, scores, types
     * and merges); each is kept as an object, so this bounds the heap a hostile header can take.
     */
    static final long MAX_ARRAY_VALUES = 1L << 23;
    /** ggml's GGML_MAX_DIMS. */
    static final int MAX_DIMS = 4;
    /** The header (up to the end of the tensor infos) may span at most this many bytes. */
    static final long MAX_HEADER_BYTES = 64L << 20;

    public GgufFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The tensor called {@code name}, or a {@link CheckpointException} naming it when the file lacks it. */
    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(file, "tensor " + name + " is missing");
        }
        return t;
    }

    /** Whether {@code path} names a GGUF file: a regular file whose name ends in {@code .gguf} (any case). */
    public static boolean isGgufPath(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gguf")
                && Files.isRegularFile(path);
    }

    /**
     * Reads and validates the header of {@code file}.
     *
     * @throws CheckpointException naming the file (and key or tensor) for any malformed or hostile content
     */
    public static GgufFile read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, new GgufCursor(channel, file));
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static GgufFile read(Path file, GgufCursor in) throws IOException {
        if (in.size() < 4) {
            throw new CheckpointException(file, "the file is " + in.size() + " bytes long, too short for a GGUF file");
        }
        int magic = in.i32("magic");
        if (magic != MAGIC) {
            throw new CheckpointException(file, String.format(
                    "not a GGUF file: it starts with 0x%08X instead of the magic \"GGUF\"", Integer.reverseBytes(magic)));
        }
        long version = in.u32("version");
        if (version != 2 && version != 3) {
            String hint = version == 1 ? " (GGUF version 1 is obsolete; convert the model again)"
                    : Long.reverseBytes(version) >>> 32 == 2 || Long.reverseBytes(version) >>> 32 == 3
                            ? " (a big-endian GGUF file?)" : "";
            throw new CheckpointException(file, "GGUF version " + version + " is not supported, only 2 and 3" + hint);
        }
        long tensorCount = count(file, in.i64("tensor count"), MAX_TENSORS, "tensor count");
        long keyCount = count(file, in.i64("metadata count"), MAX_METADATA_KEYS, "metadata count");
        GgufMetadata metadata = readMetadata(file, in, keyCount);
        long alignment = alignment(file, metadata);
        List<PendingTensor> pending = new ArrayList<>();
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            PendingTensor t = readTensorInfo(file, in, i);
            if (names.put(t.name(), Boolean.TRUE) != null) {
                throw new CheckpointException(file, "tensor " + t.name() + " appears twice");
            }
            pending.add(t);
            checkHeaderSize(file, in);
        }
        long dataStart = alignUp(in.position(), alignment);
        long dataSize = in.size() - dataStart;
        Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();
        for (PendingTensor t : pending) {
            tensors.put(t.name(), t.place(file, alignment, dataStart, dataSize));
        }
        checkNoOverlap(file, tensors.values());
        return new GgufFile(file, (int) version, metadata, tensors, alignment, dataStart);
    }

    private static long count(Path file, long value, long max, String field) {
        if (value < 0 || value > max) {
            throw new CheckpointException(file, "the " + field + " " + Long.toUnsignedString(value)
                    + " is above the limit of " + max);
        }
        return value;
    }

    private static void checkHeaderSize(Path file, GgufCursor in) {
        if (in.position() > MAX_HEADER_BYTES) {
            throw new CheckpointException(file, "the header is longer than the limit of " + MAX_HEADER_BYTES + " bytes");
        }
    }

    private static GgufMetadata readMetadata(Path file, GgufCursor in, long keyCount) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, GgufValueType> types = new LinkedHashMap<>();
        long arrayValuesLeft = MAX_ARRAY_VALUES;
        for (long i = 0; i < keyCount; i++) {
            String key = in.string("metadata key #" + i, MAX_KEY_BYTES);
            if (values.containsKey(key)) {
                throw new CheckpointException(file, "metadata key " + key + " appears twice");
            }
            String field = "metadata key " + key;
            GgufValueType type = valueType(file, in.u32(field + " type"), field);
            if (type == GgufValueType.ARRAY) {
                GgufArray array = readArray(file, in, field, arrayValuesLeft);
                arrayValuesLeft -= array.size();
                values.put(key, array);
            } else {
                values.put(key, readScalar(file, in, type, field));
            }
            types.put(key, type);
            checkHeaderSize(file, in);
        }
        return new GgufMetadata(file, values, types);
    }

    private static GgufValueType valueType(Path file, long id, String field) {
        GgufValueType type = GgufValueType.fromId(id);
        if (type == null) {
            throw new CheckpointException(file, field + ": unknown value type " + id);
        }
        return type;
    }

    /** An array of at most {@code valuesLeft} values (what {@link #MAX_ARRAY_VALUES} leaves after earlier arrays). */
    private static GgufArray readArray(Path file, GgufCursor in, String field, long valuesLeft) throws IOException {
        GgufValueType elementType = valueType(file, in.u32(field + " array type"), field + " array");
        if (elementType == GgufValueType.ARRAY) {
            throw new CheckpointException(file, field + ": arrays of arrays are not supported");
        }
        long length = in.i64(field + " array length");
        if (length < 0 || length > MAX_ARRAY_LENGTH) {
            throw new CheckpointException(file, field + ": array length " + Long.toUnsignedString(length)
                    + " is above the limit of " + MAX_ARRAY_LENGTH);
        }
        if (length > valuesLeft) {
            throw new CheckpointException(file, field + ": an array of " + length + " values would take the metadata's"
                    + " arrays above the limit of " + MAX_ARRAY_VALUES + " values in all");
        }
        long leastBytes = length * (elementType == GgufValueType.STRING ? Long.BYTES : elementType.bytes());
        if (leastBytes > in.remaining()) {
            throw new CheckpointException(file, field + ": an array of " + length + " " + elementType
                    + " values needs at least " + leastBytes + " bytes at offset " + in.position()
                    + " but the file ends at " + in.size() + " bytes");
        }
        List<Object> values = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            values.add(readScalar(file, in, elementType, GgufCursor.FieldPart.element(field, i)));
            checkHeaderSize(file, in);
        }
        return new GgufArray(elementType, values);
    }

    private static Object readScalar(Path file, GgufCursor in, GgufValueType type, Object field) throws IOException {
        return switch (type) {
            case UINT8 -> (long) in.u8(field);
            case INT8 -> (long) in.i8(field);
            case UINT16 -> (long) in.u16(field);
            case INT16 -> (long) in.i16(field);
            case UINT32 -> in.u32(field);
            case INT32 -> (long) in.i32(field);
            case UINT64, INT64 -> in.i64(field);
            case FLOAT32 -> in.f32(field);
            case FLOAT64 -> in.f64(field);
            case BOOL -> {
                int b = in.u8(field);
                if (b > 1) {
                    throw new CheckpointException(file, field + ": boolean byte " + b + " is neither 0 nor 1");
                }
                yield b == 1;
            }
            case STRING -> in.string(field, MAX_STRING_BYTES);
            case ARRAY -> throw new IllegalStateException("arrays are read by readArray");
        };
    }

    private static long alignment(Path file, GgufMetadata metadata) {
        if (!metadata.has(ALIGNMENT_KEY)) {
            return DEFAULT_ALIGNMENT;
        }
        long alignment = metadata.requireInteger(ALIGNMENT_KEY);
        if (alignment < 1 || alignment > MAX_ALIGNMENT || Long.bitCount(alignment) != 1) {
            throw new CheckpointException(file, "metadata key " + ALIGNMENT_KEY + " is " + alignment
                    + ", not a power of two from 1 to " + MAX_ALIGNMENT);
        }
        return alignment;
    }

    private static PendingTensor readTensorInfo(Path file, GgufCursor in, long index) throws IOException {
        String name = in.string("tensor #" + index + " name", MAX_TENSOR_NAME_BYTES);
        String field = "tensor " + name;
        long rank = in.u32(field + " dimension count");
        if (rank < 1 || rank > MAX_DIMS) {
            throw new CheckpointException(file, field + ": " + rank + " dimensions, expected 1 to " + MAX_DIMS);
        }
        long[] dims = new long[(int) rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = in.i64(field + " dimension " + d);
            if (dims[d] < 1) {
                throw new CheckpointException(file, field + ": dimension " + d + " is "
                        + Long.toUnsignedString(dims[d]) + ", not a positive size");
            }
        }
        long typeId = in.u32(field + " type");
        GgufTensorType type = GgufTensorType.fromId(typeId);
        if (type == null) {
            throw new CheckpointException(file, field + ": ggml type " + typeId + " (" + GgufTensorType.ggmlName(typeId)
                    + ") is not supported; ThinkTrace reads " + GgufTensorType.readableNames());
        }
        long offset = in.i64(field + " offset");
        return new PendingTensor(name, type, dims, offset);
    }

    private static long alignUp(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    /** A tensor info as read, before its bytes are placed in the data section. */
    private record PendingTensor(String name, GgufTensorType type, long[] dims, long offset) {

        GgufTensorInfo place(Path file, long alignment, long dataStart, long dataSize) {
            String field = "tensor " + name;
            String shape = java.util.Arrays.toString(dims);
            if (dims[0] % type.blockSize() != 0) {
                throw new CheckpointException(file, field + ": row length " + dims[0] + " of dims " + shape
                        + " is not a multiple of the " + type + " block size " + type.blockSize());
            }
            long bytes;
            try {
                long rows = 1;
                for (int d = 1; d < dims.length; d++) {
                    rows = Math.multiplyExact(rows, dims[d]);
                }
                Math.multiplyExact(rows, dims[0]);
                bytes = Math.multiplyExact(rows, Math.multiplyExact(dims[0] / type.blockSize(), (long) type.blockBytes()));
            } catch (ArithmeticException e) {
                throw new CheckpointException(file, field + ": dims " + shape
                        + " hold more elements than any file can", e);
            }
            if (offset < 0 || offset % alignment != 0) {
                throw new CheckpointException(file, field + ": offset " + Long.toUnsignedString(offset)
                        + " is not a multiple of the alignment " + alignment);
            }
            if (offset > dataSize || bytes > dataSize - offset) {
                throw new CheckpointException(file, field + ": " + bytes + " bytes of " + type + " dims " + shape
                        + " at offset " + offset + " lie outside the data section of "
                        + Math.max(0, dataSize) + " bytes");
            }
            return new GgufTensorInfo(name, type, dims, dataStart + offset, bytes);
        }
    }

    private static void checkNoOverlap(Path file, Iterable<GgufTensorInfo> tensors) {
        List<GgufTensorInfo> sorted = new ArrayList<>();
        tensors.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(GgufTensorInfo::dataOffset));
        for (int i = 1; i < sorted.size(); i++) {
            GgufTensorInfo previous = sorted.get(i - 1);
            GgufTensorInfo current = sorted.get(i);
            if (current.dataOffset() < previous.dataOffset() + previous.byteLength()) {
                throw new CheckpointException(file, "tensors " + previous.name() + " and " + current.name()
                        + " overlap in the data section");
            }
        }
    }
}
