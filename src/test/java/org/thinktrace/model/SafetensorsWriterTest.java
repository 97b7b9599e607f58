package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes, refused names and the split of sharded checkpoints. */
class SafetensorsWriterTest {

    @TempDir
    Path dir;

    /** A source that writes {@code written} bytes of its claimed shape, then optionally fails. */
    private record BrokenSource(long[] shape, int written, boolean fail) implements TensorSource {
        @Override
        public TensorDataType dtype() {
            return TensorDataType.F32;
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            out.write(ByteBuffer.allocate(written));
            if (fail) {
                throw new IOException("disk full");
            }
        }
    }

    private List<String> folderListing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("w", TensorData.of(TensorDataType.F32, new float[] {1, 2}, 2)));
        byte[] before = Files.readAllBytes(file);

        Map<String, TensorSource> shortOne = new LinkedHashMap<>();
        shortOne.put("ok", TensorData.of(TensorDataType.BF16, new float[] {3}, 1));
        shortOne.put("short", new BrokenSource(new long[] {4}, 12, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SafetensorsWriter.write(file, shortOne));
        assertMessage(e, file.toString(), "tensor short wrote 12 bytes", "needs 16");

        IOException io = assertThrows(IOException.class,
                () -> SafetensorsWriter.write(file, Map.of("w", new BrokenSource(new long[] {2}, 8, true))));
        assertEquals("disk full", io.getMessage());

        assertEquals(List.of("model.safetensors"), folderListing());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void reservedOrEmptyNamesAreRefused() {
        TensorData one = TensorData.of(TensorDataType.F32, new float[1], 1);
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("a.safetensors"), Map.of("__metadata__", one)));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("a.safetensors"), Map.of("", one)));
        assertThrows(IllegalArgumentException.class, () -> TensorData.of(TensorDataType.F32, new float[3], 2, 2));
    }

    @Test
    void shardsHoldRunsOfAboutEqualSizeAndTheIndexTotalsThem() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            tensors.put("t" + i, TensorData.of(TensorDataType.F16, new float[100], 100));
        }
        tensors.put("big", TensorData.of(TensorDataType.F32, new float[300], 300));

        SafetensorsWriter.writeSharded(dir, tensors, 3);

        JsonNode index = new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
        assertEquals(6 * 200 + 1200, index.path("metadata").path("total_size").asLong());
        Map<String, List<String>> byShard = new LinkedHashMap<>();
        index.path("weight_map").properties().forEach(e ->
                byShard.computeIfAbsent(e.getValue().asText(), k -> new ArrayList<>()).add(e.getKey()));
        assertEquals(Map.of(
                "model-00001-of-00003.safetensors", List.of("t0", "t1", "t2", "t3"),
                "model-00002-of-00003.safetensors", List.of("t4", "t5"),
                "model-00003-of-00003.safetensors", List.of("big")), byShard);
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.writeSharded(dir, tensors, 8));
    }
}
