package org.thinktrace.generate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.thinktrace.model.GgufArray;
import org.thinktrace.model.GgufTensorNames;
import org.thinktrace.model.GgufTensorType;
import org.thinktrace.model.GgufTestWriter;
import org.thinktrace.model.GgufValueType;
import org.thinktrace.model.Llama3RopeScaling;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.SafetensorsCheckpoint;
import org.thinktrace.model.TensorInfo;
import org.thinktrace.model.YarnRopeScaling;
import org.thinktrace.text.GgufVocabulary;
import org.thinktrace.text.HfToGgufVocabulary;

/**
 * Writes a Hugging Face model folder (the bundled tiny Qwen2 model) as a GGUF file the way llama.cpp's
 * {@code convert_hf_to_gguf.py} lays it out: the {@code <arch>.*} keys, the tokenizer and chat template as
 * {@code tokenizer.*} metadata ({@link HfToGgufVocabulary}), matrices in the chosen type (norms and biases stay
 * F32), dims innermost first; as {@code llama}, q/k rows (and biases) permuted as the converter's
 * {@code LlamaModel.permute} does. Q8_0 and Q4_0 are quantized as ggml's reference quantizers do.
 */
public final class TinyModelGguf {

    /** The value of a change that leaves the key out. */
    static final Object OMIT = new Object();

    private TinyModelGguf() {
    }

    private interface Changed {
        void put(String key, GgufValueType type, Object value);
    }

    /** A GGUF of {@code folder}'s model at {@code out}, matrices in {@code type} (F32, F16, Q8_0 or Q4_0). */
    public static Path write(Path folder, Path out, GgufTensorType type, String architecture) throws IOException {
        return write(folder, out, type, architecture, Map.of());
    }

    /**
     * As {@link #write(Path, Path, GgufTensorType, String)}, with metadata {@code changes}: a key mapped to
     * {@link #OMIT} is left out, any other value replaces the key's value (same GGUF type).
     */
    static Path write(Path folder, Path out, GgufTensorType type, String architecture, Map<String, Object> changes)
            throws IOException {
        ModelConfig config = ModelConfigLoader.load(folder);
        GgufTestWriter writer = new GgufTestWriter();
        Changed gguf = (key, valueType, value) -> {
            Object changed = changes.getOrDefault(key, value);
            if (changed != OMIT) writer.put(key, valueType, changed);
        };
        String a = architecture;
        gguf.put("general.architecture", GgufValueType.STRING, a);
        gguf.put("general.file_type", GgufValueType.UINT32, switch (type) {
            case F32 -> 0L;
            case F16 -> 1L;
            case Q8_0 -> 7L;
            case Q4_0 -> 2L;
            default -> throw new IllegalArgumentException(type.name());
        });
        gguf.put(a + ".context_length", GgufValueType.UINT32, (long) config.maxPositionEmbeddings());
        gguf.put(a + ".embedding_length", GgufValueType.UINT32, (long) config.hiddenSize());
        gguf.put(a + ".feed_forward_length", GgufValueType.UINT32, (long) config.intermediateSize());
        gguf.put(a + ".block_count", GgufValueType.UINT32, (long) config.numHiddenLayers());
        gguf.put(a + ".attention.head_count", GgufValueType.UINT32, (long) config.numAttentionHeads());
        gguf.put(a + ".attention.head_count_kv", GgufValueType.UINT32, (long) config.numKeyValueHeads());
        gguf.put(a + ".rope.freq_base", GgufValueType.FLOAT32, (float) config.ropeTheta());
        gguf.put(a + ".attention.layer_norm_rms_epsilon", GgufValueType.FLOAT32, (float) config.rmsNormEps());
        if (config.ropeScaling() instanceof YarnRopeScaling yarn) {             // as llama.cpp's converter writes it
            gguf.put(a + ".rope.scaling.type", GgufValueType.STRING, "yarn");
            gguf.put(a + ".rope.scaling.factor", GgufValueType.FLOAT32, (float) yarn.factor());
            gguf.put(a + ".rope.scaling.original_context_length", GgufValueType.UINT32,
                    (long) yarn.originalMaxPositionEmbeddings());
        }
        GgufVocabulary vocabulary = HfToGgufVocabulary.convert(folder, "deepseek-r1-qwen", config.vocabSize());
        gguf.put("tokenizer.ggml.model", GgufValueType.STRING, vocabulary.model());
        gguf.put("tokenizer.ggml.pre", GgufValueType.STRING, vocabulary.pre());
        gguf.put("tokenizer.ggml.tokens", GgufValueType.ARRAY,
                new GgufArray(GgufValueType.STRING, List.copyOf(vocabulary.tokens())));
        gguf.put("tokenizer.ggml.token_type", GgufValueType.ARRAY, new GgufArray(GgufValueType.INT32,
                vocabulary.tokenTypes().stream().map(t -> (Object) (long) t).toList()));
        gguf.put("tokenizer.ggml.merges", GgufValueType.ARRAY,
                new GgufArray(GgufValueType.STRING, List.copyOf(vocabulary.merges())));
        gguf.put("tokenizer.ggml.bos_token_id", GgufValueType.UINT32, (long) vocabulary.bosId());
        gguf.put("tokenizer.ggml.eos_token_id", GgufValueType.UINT32, (long) vocabulary.eosId());
        gguf.put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, vocabulary.addBos());
        gguf.put("tokenizer.chat_template", GgufValueType.STRING, HfToGgufVocabulary.chatTemplate(folder));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            for (String key : checkpoint.tensorNames()) {
                TensorInfo info = checkpoint.info(key);
                float[] values = floats(checkpoint.readFloat32(key));
                long[] shape = info.shape();
                if (architecture.equals("llama") && key.matches(".*self_attn\\.[qk]_proj\\.(weight|bias)")) {
                    int heads = key.contains("q_proj") ? config.numAttentionHeads() : config.numKeyValueHeads();
                    values = permute(values, heads, (int) (values.length / shape[0]), (int) shape[0] / heads);
                }
                long[] dims = new long[shape.length];
                for (int i = 0; i < shape.length; i++) dims[i] = shape[shape.length - 1 - i];
                GgufTensorType stored = shape.length == 2 ? type : GgufTensorType.F32;
                writer.tensor(GgufTensorNames.ggufName(key), stored, dims, encode(values, stored));
            }
        }
        if (config.ropeScaling() instanceof Llama3RopeScaling llama3) {         // as llama.cpp's converter writes it
            float[] factors = GgufTestWriter.llama3RopeFactors(config.headDim(), config.ropeTheta(), llama3);
            writer.tensor("rope_freqs.weight", GgufTensorType.F32, new long[] {factors.length},
                    GgufTestWriter.f32Bytes(factors));
        }
        return writer.write(out);
    }

    /** llama.cpp's permute: within each head, row {@code s * half + i} moves to {@code 2i + s}. */
    private static float[] permute(float[] values, int heads, int rowLength, int headDim) {
        float[] out = new float[values.length];
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < half; i++) {
                    System.arraycopy(values, (h * headDim + s * half + i) * rowLength, out,
                            (h * headDim + 2 * i + s) * rowLength, rowLength);
                }
            }
        }
        return out;
    }

    private static float[] floats(ByteBuffer buffer) {
        FloatBuffer f = buffer.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[f.remaining()];
        f.get(out);
        return out;
    }

    private static byte[] encode(float[] values, GgufTensorType type) {
        return switch (type) {
            case F32 -> GgufTestWriter.f32Bytes(values);
            case F16 -> {
                ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) b.putShort(Float.floatToFloat16(v));
                yield b.array();
            }
            case Q8_0 -> q8_0(values);
            case Q4_0 -> q4_0(values);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /**
     * ggml's quantize_row_q4_0_ref: per 32 values, d = (the value of largest magnitude) / -8 as F16,
     * q = min(15, (int) (x / d + 8.5)), elements 0-15 in the low nibbles and 16-31 in the high ones.
     */
    private static byte[] q4_0(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length / 32 * 18).order(ByteOrder.LITTLE_ENDIAN);
        for (int block = 0; block < values.length; block += 32) {
            float max = 0;
            for (int i = 0; i < 32; i++) {
                if (Math.abs(values[block + i]) > Math.abs(max)) max = values[block + i];
            }
            float d = max / -8f;
            float id = d != 0 ? 1f / d : 0f;
            b.putShort(Float.floatToFloat16(d));
            for (int i = 0; i < 16; i++) {
                int lo = Math.min(15, (int) (values[block + i] * id + 8.5f));
                int hi = Math.min(15, (int) (values[block + 16 + i] * id + 8.5f));
                b.put((byte) (lo | hi << 4));
            }
        }
        return b.array();
    }

    /** ggml's quantize_row_q8_0_ref: per 32 values, d = amax / 127 as F16, q = round(x / d). */
    private static byte[] q8_0(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length / 32 * 34).order(ByteOrder.LITTLE_ENDIAN);
        for (int block = 0; block < values.length; block += 32) {
            float amax = 0;
            for (int i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(values[block + i]));
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            b.putShort(Float.floatToFloat16(d));
            for (int i = 0; i < 32; i++) b.put((byte) Math.round(values[block + i] * id));
        }
        return b.array();
    }
}
