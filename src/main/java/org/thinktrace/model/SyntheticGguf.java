package org.thinktrace.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random-weight Qwen2 GGUF file with the shapes of a {@link ModelConfig}, for benchmarks of model sizes whose
 * BF16 safetensors would not fit the disk: every matrix (embeddings, projections, {@code lm_head}) in Q8_0 or
 * Q4_0 blocks of uniformly random values with a scale that gives them a standard deviation of about
 * {@link SyntheticCheckpoint#INITIALIZER_RANGE}, norms 1 and biases 0 in F32. The metadata holds the model's
 * shapes and no tokenizer ({@code bench} needs none). Streamed to disk a few MB at a time, under a temporary name
 * renamed when complete, so an existing file is complete.
 */
public final class SyntheticGguf {

    private static final int ALIGNMENT = 32;
    private static final int CHUNK_BYTES = 4 << 20;

    private SyntheticGguf() {
    }

    /**
     * Writes the file unless it exists.
     *
     * @param type Q8_0 or Q4_0
     * @return true when it was written now, false when it was there already
     * @throws IllegalArgumentException for another type or a config that is not Qwen2
     */
    public static boolean writeIfAbsent(ModelConfig config, Path file, GgufTensorType type, long seed) throws IOException {
        if (type != GgufTensorType.Q8_0 && type != GgufTensorType.Q4_0) {
            throw new IllegalArgumentException("synthetic GGUF files are Q8_0 or Q4_0, not " + type);
        }
        if (config.architecture() != Architecture.QWEN2) {
            throw new IllegalArgumentException("synthetic GGUF files are Qwen2, not " + config.architecture());
        }
        if (Files.isRegularFile(file)) {
            return false;
        }
        List<ParameterSpec> specs = ParameterSpec.all(config);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(out, header(config, specs, type));
            SplittableRandom random = new SplittableRandom(seed);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (ParameterSpec spec : specs) {
                GgufTensorType stored = storedType(spec, type);
                long bytes = dataBytes(spec, stored);
                for (long done = 0; done < bytes; ) {
                    int n = (int) Math.min(chunk.capacity() / blockBytes(stored) * blockBytes(stored), bytes - done);
                    chunk.clear().limit(n);
                    fill(chunk, spec, stored, random);
                    write(out, chunk);
                    done += n;
                }
                int padding = (int) (align(bytes) - bytes);
                write(out, ByteBuffer.allocate(padding));
            }
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Matrices in the file's block type, vectors (norms, biases) in F32. */
    private static GgufTensorType storedType(ParameterSpec spec, GgufTensorType type) {
        return spec.shape().length == 2 ? type : GgufTensorType.F32;
    }

    private static int blockBytes(GgufTensorType type) {
        return type == GgufTensorType.F32 ? Float.BYTES : type.blockBytes();
    }

    private static long dataBytes(ParameterSpec spec, GgufTensorType type) {
        long elements = spec.elementCount();
        return type == GgufTensorType.F32 ? elements * Float.BYTES : elements / type.blockSize() * type.blockBytes();
    }

    /** Fills {@code chunk} (position 0 to its limit, whole blocks) with the next values of {@code spec}. */
    private static void fill(ByteBuffer chunk, ParameterSpec spec, GgufTensorType type, SplittableRandom random) {
        int n = chunk.limit();
        if (type == GgufTensorType.F32) {
            float value = spec.init() == ParameterSpec.Init.ONES ? 1f : 0f;
            for (int i = 0; i < n; i += Float.BYTES) {
                chunk.putFloat(i, value);
            }
            return;
        }
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        // uniform values have a standard deviation of 255 / sqrt(12) = 73.6 (Q8_0) or 16 / sqrt(12) = 4.62 (Q4_0)
        float spread = type == GgufTensorType.Q8_0 ? 73.6f : 4.62f;
        short d = Float.floatToFloat16(SyntheticCheckpoint.INITIALIZER_RANGE / spread);
        for (int at = 0; at < n; at += type.blockBytes()) {
            bytes[at] = (byte) d;
            bytes[at + 1] = (byte) (d >> 8);
        }
        chunk.put(0, bytes);
    }

    private static ByteBuffer header(ModelConfig config, List<ParameterSpec> specs, GgufTensorType type) {
        Header h = new Header();
        h.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        h.u32(3);
        h.u64(specs.size());
        h.u64(10);
        h.string("general.architecture");
        h.u32(GgufValueType.STRING.id());
        h.string("qwen2");
        h.uint32("qwen2.embedding_length", config.hiddenSize());
        h.uint32("qwen2.feed_forward_length", config.intermediateSize());
        h.uint32("qwen2.block_count", config.numHiddenLayers());
        h.uint32("qwen2.attention.head_count", config.numAttentionHeads());
        h.uint32("qwen2.attention.head_count_kv", config.numKeyValueHeads());
        h.uint32("qwen2.context_length", config.maxPositionEmbeddings());
        h.float32("qwen2.attention.layer_norm_rms_epsilon", (float) config.rmsNormEps());
        h.float32("qwen2.rope.freq_base", (float) config.ropeTheta());
        h.string("general.name");
        h.u32(GgufValueType.STRING.id());
        h.string("ThinkTrace synthetic " + type);
        long offset = 0;
        for (ParameterSpec spec : specs) {
            h.string(GgufTensorNames.ggufName(spec.key()));
            long[] shape = spec.shape();
            h.u32(shape.length);
            for (int i = shape.length - 1; i >= 0; i--) {
                h.u64(shape[i]);                                    // GGUF dims: innermost first
            }
            GgufTensorType stored = storedType(spec, type);
            h.u32(stored.id());
            h.u64(offset);
            offset += align(dataBytes(spec, stored));
        }
        while (h.size() % ALIGNMENT != 0) {
            h.write(0);
        }
        return ByteBuffer.wrap(h.toByteArray());
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void write(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** The header's little-endian byte sink. */
    private static final class Header extends ByteArrayOutputStream {

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void u32(long v) {
            bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        void u64(long v) {
            bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void uint32(String key, long value) {
            string(key);
            u32(GgufValueType.UINT32.id());
            u32(value);
        }

        void float32(String key, float value) {
            string(key);
            u32(GgufValueType.FLOAT32.id());
            bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        }
    }
}
