package org.thinktrace.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes safetensors files: one file, or a sharded checkpoint with its
 * {@code model.safetensors.index.json}, in the layout HuggingFace {@code save_pretrained} produces.
 *
 * <p>Contract: tensors are stored in the iteration order of the map, back to back; the header is
 * padded with spaces to a multiple of 8 bytes so data starts aligned. Every file is written to a
 * temporary file in the same folder, flushed to disk, then moved over the target in one step, so a
 * reader never sees a half-written file; on failure the target is left as it was. Tensors are
 * streamed through {@link TensorSource#writeTo}, so the writer itself holds only small buffers.
 */
public final class SafetensorsWriter {

    /** File name of the index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** File name of a single-file checkpoint. */
    public static final String SINGLE_FILE = "model.safetensors";

    private static final String METADATA_KEY = "__metadata__";

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} into {@code file} with no {@code __metadata__}. */
    public static void write(Path file, Map<String, ? extends TensorSource> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} into {@code file}, with {@code metadata} as the header's
     * {@code __metadata__} (omitted when empty).
     *
     * @throws IllegalArgumentException when a name is empty or {@code __metadata__}
     */
    public static void write(Path file, Map<String, ? extends TensorSource> tensors,
                             Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        writeAtomically(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(channel, prefix);
            for (Map.Entry<String, ? extends TensorSource> e : tensors.entrySet()) {
                writeTensor(channel, e.getKey(), e.getValue(), file);
            }
        });
    }

    /**
     * Writes {@code tensors} into {@code shards} files {@code model-0000k-of-0000n.safetensors} in
     * {@code folder}, splitting the map in order into runs of about equal byte size (every shard
     * holds at least one tensor), then writes {@code model.safetensors.index.json} last.
     *
     * @return the index file
     * @throws IllegalArgumentException when {@code shards} is below 1 or above the number of tensors
     */
    public static Path writeSharded(Path folder, Map<String, ? extends TensorSource> tensors, int shards)
            throws IOException {
        if (shards < 1 || shards > tensors.size()) {
            throw new IllegalArgumentException("cannot split " + tensors.size() + " tensors into " + shards + " shards");
        }
        Files.createDirectories(folder);
        List<Map<String, TensorSource>> parts = split(tensors, shards);
        Map<String, String> weightMap = new LinkedHashMap<>();
        long totalSize = 0;
        for (int k = 0; k < shards; k++) {
            String fileName = String.format("model-%05d-of-%05d.safetensors", k + 1, shards);
            write(folder.resolve(fileName), parts.get(k));
            for (Map.Entry<String, TensorSource> e : parts.get(k).entrySet()) {
                weightMap.put(e.getKey(), fileName);
                totalSize += e.getValue().byteLength();
            }
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", totalSize));
        index.put("weight_map", weightMap);
        byte[] json = ModelJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
        Path indexFile = folder.resolve(INDEX_FILE);
        writeAtomically(indexFile, channel -> writeFully(channel, ByteBuffer.wrap(json)));
        return indexFile;
    }

    /** Splits in order into {@code shards} non-empty runs whose byte sizes are close to equal. */
    private static List<Map<String, TensorSource>> split(Map<String, ? extends TensorSource> tensors, int shards) {
        long total = 0;
        for (TensorSource t : tensors.values()) {
            total += t.byteLength();
        }
        double target = (double) total / shards;
        List<Map<String, TensorSource>> parts = new ArrayList<>();
        parts.add(new LinkedHashMap<>());
        long filled = 0;
        int remaining = tensors.size();
        for (Map.Entry<String, ? extends TensorSource> e : tensors.entrySet()) {
            int current = parts.size() - 1;
            int shardsStillToOpen = shards - parts.size();
            boolean currentHasOne = !parts.get(current).isEmpty();
            boolean full = filled >= target * parts.size();
            if (currentHasOne && shardsStillToOpen > 0 && (full || remaining <= shardsStillToOpen)) {
                parts.add(new LinkedHashMap<>());
            }
            parts.get(parts.size() - 1).put(e.getKey(), e.getValue());
            filled += e.getValue().byteLength();
            remaining--;
        }
        return parts;
    }

    private static byte[] header(Map<String, ? extends TensorSource> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, metadata);
        }
        long offset = 0;
        for (Map.Entry<String, ? extends TensorSource> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            TensorSource tensor = e.getValue();
            long end = offset + tensor.byteLength();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", tensor.dtype().safetensorsName());
            entry.put("shape", tensor.shape());
            entry.put("data_offsets", new long[] {offset, end});
            header.put(name, entry);
            offset = end;
        }
        byte[] json = ModelJson.MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static void writeTensor(FileChannel channel, String name, TensorSource tensor, Path file)
            throws IOException {
        long before = channel.position();
        tensor.writeTo(channel);
        long written = channel.position() - before;
        if (written != tensor.byteLength()) {
            throw new IllegalStateException(file + ": tensor " + name + " wrote " + written
                    + " bytes, its shape " + TensorShape.format(tensor.shape()) + " in " + tensor.dtype()
                    + " needs " + tensor.byteLength());
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Body of a write into an open channel. */
    @FunctionalInterface
    private interface ChannelWrite {
        void writeTo(FileChannel channel) throws IOException;
    }

    private static void writeAtomically(Path target, ChannelWrite body) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // createFile (not createTempFile) so the result gets the usual permissions, not owner-only
        Path temp = Files.createFile(folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                body.writeTo(channel);
                channel.force(true);
            }
            moveOver(temp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // file systems without atomic rename: a plain replace is the best they offer
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
