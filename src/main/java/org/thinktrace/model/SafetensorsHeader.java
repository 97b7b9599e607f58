package org.thinktrace.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of one safetensors file: an 8-byte little-endian header length, a JSON
 * object mapping tensor names to {@code {dtype, shape, data_offsets}} (plus an optional
 * {@code __metadata__} of strings), then the data.
 *
 * <p>Every size the file claims is checked against the file's real length before anything is
 * allocated or read, so a hostile header costs at most one header-sized read (itself bounded by
 * the file length and {@link #MAX_HEADER_BYTES}).
 *
 * @param file     the file read
 * @param metadata the {@code __metadata__} strings, empty when absent
 * @param tensors  the tensors in header order, each checked to hold exactly shape × dtype bytes; together,
 *                 in offset order, they cover the data section exactly, each starting where the previous
 *                 ends, from its first byte to the file's last (the reference safetensors library's rule)
 */
record SafetensorsHeader(Path file, Map<String, String> metadata, Map<String, TensorInfo> tensors) {

    /** The safetensors format caps its header at 100 MB; anything larger is refused unread. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA_KEY = "__metadata__";

    SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Reads and validates the header of {@code file}.
     *
     * @throws CheckpointException naming the file (and tensor) for any malformed or hostile content
     */
    static SafetensorsHeader read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads and validates the header of {@code file}, which may list at most {@code maxTensors} tensors
     * (counted before the header is built, so that a header of a million tiny tensors is refused at once).
     *
     * @throws CheckpointException naming the file (and tensor) for any malformed or hostile content
     */
    static SafetensorsHeader read(Path file, int maxTensors) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new CheckpointException(file, "the file is " + fileSize
                        + " bytes long, too short for the 8-byte header length of a safetensors file");
            }
            long headerLength = readLong(channel, file);
            if (headerLength < 0 || headerLength > fileSize - 8) {
                throw new CheckpointException(file, "the header length " + Long.toUnsignedString(headerLength)
                        + " bytes goes beyond the end of the file (" + fileSize + " bytes)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, "the header length " + headerLength
                        + " bytes is above the safetensors limit of " + MAX_HEADER_BYTES + " bytes");
            }
            byte[] header = readBytes(channel, 8, (int) headerLength, file);
            checkTensorCount(file, header, maxTensors);
            JsonNode root = parseJson(file, header);
            long dataStart = 8 + headerLength;
            return fromJson(file, root, dataStart, fileSize - dataStart);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + FileReadFailure.describe(e), e);
        }
    }

    private static long readLong(FileChannel channel, Path file) throws IOException {
        return ByteBuffer.wrap(readBytes(channel, 0, 8, file)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] readBytes(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(file, "the file ended while reading its header");
            }
        }
        return buffer.array();
    }

    private static JsonNode parseJson(Path file, byte[] header) {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(header);
        } catch (IOException e) {
            throw new CheckpointException(file, "the header is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "the header is not a JSON object but "
                    + (root == null ? "empty" : root.getNodeType().toString().toLowerCase()));
        }
        return root;
    }

    private static SafetensorsHeader fromJson(Path file, JsonNode root, long dataStart, long dataSize) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                tensors.put(name, readTensor(file, name, field.getValue(), dataStart, dataSize));
            }
        }
        checkCoverage(file, tensors.values(), dataStart, dataSize);
        return new SafetensorsHeader(file, metadata, tensors);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw new CheckpointException(file, METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(file, METADATA_KEY + " entry '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node, long dataStart, long dataSize) {
        if (!node.isObject()) {
            throw new CheckpointException(file, "tensor " + name + ": entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new CheckpointException(file, "tensor " + name + ": missing or non-text \"dtype\"");
        }
        TensorDataType dtype = TensorDataType.fromSafetensorsName(dtypeNode.textValue());
        if (dtype == null) {
            throw new CheckpointException(file, "tensor " + name + ": unsupported dtype '" + dtypeNode.textValue()
                    + "' (ThinkTrace reads F32, F16 and BF16)");
        }
        long[] shape = longArray(file, name, node.get("shape"), "shape", -1);
        for (long dim : shape) {
            if (dim < 0) {
                throw new CheckpointException(file, "tensor " + name + ": negative dimension " + dim
                        + " in shape " + TensorShape.format(shape));
            }
        }
        long[] offsets = longArray(file, name, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataSize) {
            throw new CheckpointException(file, "tensor " + name + ": data_offsets [" + begin + ", " + end
                    + "] lie outside the data section of " + dataSize + " bytes");
        }
        long expected = expectedBytes(file, name, shape, dtype);
        if (end - begin != expected) {
            throw new CheckpointException(file, "tensor " + name + ": data_offsets span " + (end - begin)
                    + " bytes but shape " + TensorShape.format(shape) + " in " + dtype + " needs " + expected);
        }
        return new TensorInfo(name, dtype, shape, file, dataStart + begin, end - begin);
    }

    private static long expectedBytes(Path file, String name, long[] shape, TensorDataType dtype) {
        try {
            return Math.multiplyExact(TensorShape.elementCount(shape), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new CheckpointException(file, "tensor " + name + ": shape " + TensorShape.format(shape)
                    + " has more elements than any file can hold", e);
        }
    }

    /** Reads a JSON array of integers; {@code length} -1 accepts any length. */
    private static long[] longArray(Path file, String name, JsonNode node, String field, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            String wanted = length >= 0 ? "an array of " + length + " integers" : "an array of integers";
            throw new CheckpointException(file, "tensor " + name + ": \"" + field + "\" is not " + wanted);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                throw new CheckpointException(file, "tensor " + name + ": \"" + field + "\" holds '" + item
                        + "', not an integer");
            }
            values[i] = item.longValue();
        }
        return values;
    }

    /** Counts the header's top-level entries with a streaming pass, stopping past {@code maxTensors}. */
    private static void checkTensorCount(Path file, byte[] header, int maxTensors) {
        if (maxTensors == Integer.MAX_VALUE) {
            return;
        }
        try (JsonParser parser = ModelJson.MAPPER.createParser(header)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return; // parseJson says what is wrong
            }
            int count = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (!METADATA_KEY.equals(parser.currentName()) && ++count > maxTensors) {
                    throw new CheckpointException(file, "the header lists more than " + maxTensors
                            + " tensors, far more than the model's config.json needs");
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // not valid JSON: parseJson reports it with the parser's message
        }
    }

    /**
     * The reference safetensors library's rule: sorted by offsets, each tensor starts where the previous one
     * ended, the first at 0, and the last ends at the end of the file. A gap, an overlap or trailing bytes mean
     * a header that does not describe this file (for example a header length off by some bytes, which would
     * make every tensor read shifted).
     */
    private static void checkCoverage(Path file, java.util.Collection<TensorInfo> tensors, long dataStart, long dataSize) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::dataOffset).thenComparingLong(TensorInfo::byteLength));
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo current : sorted) {
            long begin = current.dataOffset() - dataStart;
            if (begin < covered) {
                throw new CheckpointException(file, "tensors " + previous.name() + " and " + current.name()
                        + " overlap in the data section");
            }
            if (begin > covered) {
                throw new CheckpointException(file, "bytes " + covered + " to " + begin + " of the data section belong to"
                        + " no tensor (" + (previous == null ? "before the first tensor, " + current.name()
                        : "between tensors " + previous.name() + " and " + current.name())
                        + "): the header does not describe this file");
            }
            covered = begin + current.byteLength();
            previous = current;
        }
        if (covered != dataSize) {
            long extra = dataSize - covered;
            throw new CheckpointException(file, "the data section is " + dataSize + " bytes but its tensors cover "
                    + covered + ": " + extra + " byte" + (extra == 1 ? "" : "s") + " after the last tensor belong to no"
                    + " tensor (a header length that is off, or bytes appended to the file)");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
