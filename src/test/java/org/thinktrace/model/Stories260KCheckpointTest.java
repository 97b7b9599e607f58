package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.Fixture;

/**
 * Opens the real stories260K checkpoint (written by the safetensors Python library, not by us):
 * every tensor has the Hugging Face Llama layout's shape for its config, the tensors fill the
 * data section exactly, and all of them read as finite floats.
 */
class Stories260KCheckpointTest {

    private static final Path FOLDER = Fixture.inRepository("models/stories260K");

    @BeforeEach
    void requireFixture() {
    }

    /** The tensors a Hugging Face Llama checkpoint holds for {@code c}, with their shapes. */
    private static Map<String, long[]> expectedLlamaTensors(ModelConfig c) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long hidden = c.hiddenSize();
        shapes.put("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden});
        for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
            String p = "model.layers." + layer + ".";
            shapes.put(p + "input_layernorm.weight", new long[] {hidden});
            shapes.put(p + "post_attention_layernorm.weight", new long[] {hidden});
            shapes.put(p + "self_attn.q_proj.weight", new long[] {(long) c.numAttentionHeads() * c.headDim(), hidden});
            shapes.put(p + "self_attn.k_proj.weight", new long[] {(long) c.numKeyValueHeads() * c.headDim(), hidden});
            shapes.put(p + "self_attn.v_proj.weight", new long[] {(long) c.numKeyValueHeads() * c.headDim(), hidden});
            shapes.put(p + "self_attn.o_proj.weight", new long[] {hidden, (long) c.numAttentionHeads() * c.headDim()});
            shapes.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), hidden});
            shapes.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), hidden});
            shapes.put(p + "mlp.down_proj.weight", new long[] {hidden, c.intermediateSize()});
        }
        shapes.put("model.norm.weight", new long[] {hidden});
        return shapes;
    }

    @Test
    void everyTensorHasTheShapeItsConfigImplies() {
        ModelConfig config = ModelConfigLoader.load(FOLDER);
        Map<String, long[]> expected = expectedLlamaTensors(config);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(FOLDER)) {
            assertEquals(expected.keySet(), checkpoint.tensorNames(), "tied embeddings: no lm_head.weight");
            expected.forEach(checkpoint::requireShape);
        }
    }

    @Test
    void tensorsFillTheDataSectionAndReadAsFiniteFloats() throws IOException {
        Path file = FOLDER.resolve("model.safetensors");
        long headerLength;
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(prefix, 0);
            headerLength = prefix.getLong(0);
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(FOLDER)) {
            assertEquals(Files.size(file) - 8 - headerLength, checkpoint.totalBytes());
            for (String name : checkpoint.tensorNames()) {
                ByteBuffer values = checkpoint.readFloat32(name);
                assertEquals(checkpoint.info(name).elementCount() * 4, values.remaining());
                for (int i = 0; i < values.remaining(); i += 4) {
                    assertTrue(Float.isFinite(values.getFloat(i)), name + " element " + i / 4);
                }
            }
            assertEquals(checkpoint.totalBytes(), checkpoint.bytesRead());
        }
    }
}
