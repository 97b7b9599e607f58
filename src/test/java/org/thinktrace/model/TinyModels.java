package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny configurations of the three architectures and random weights for them, for tests. */
final class TinyModels {

    private TinyModels() {
    }

    /** Qwen2: grouped-query attention (4 heads, 2 kv heads), q/k/v biases, separate lm_head. */
    static ModelConfig qwen2() {
        return new ModelConfig(Architecture.QWEN2, 32, 48, 2, 4, 2, 8, 61, 64, 1e-6, 10000.0,
                null, false, true, false, 1, List.of(2));
    }

    /** A Qwen2 configuration of the given width, MLP width and vocabulary (for rules that read only the shapes). */
    static ModelConfig withShapes(int hidden, int intermediate, int vocab) {
        return new ModelConfig(Architecture.QWEN2, hidden, intermediate, 4, 8, 4, 16, vocab, 1024, 1e-6, 10000.0,
                null, true, true, false, 1, List.of(2));
    }

    /**
     * Llama with llama3 RoPE scaling (original context 16 so that both the divided and the
     * smoothed frequency bands occur at head_dim 8), 4 query heads on 1 kv head, tied embeddings.
     */
    static ModelConfig llama() {
        return new ModelConfig(Architecture.LLAMA, 32, 40, 2, 4, 1, 8, 50, 128, 1e-5, 500000.0,
                new Llama3RopeScaling(8.0, 1.0, 4.0, 16), true, false, false, 1, List.of(2));
    }

    /** Qwen3: per-head q/k RMSNorm, explicit head_dim 16 != hidden 32 / 4 heads, separate lm_head. */
    static ModelConfig qwen3() {
        return new ModelConfig(Architecture.QWEN3, 32, 48, 2, 4, 2, 16, 57, 64, 1e-6, 1000000.0,
                null, false, false, true, 1, List.of(2));
    }

    /**
     * Qwen3 with YaRN scaling as DeepSeek-R1-0528-Qwen3-8B has it (factor 4, rope_theta 1e6), with
     * an original context of 4096 so that at head_dim 16 the ramp runs from pair 1 to pair 4: pairs
     * 0-1 keep their frequency, 2-3 are blended, 4-7 are divided by 4. The attention factor is
     * HF's default 0.1 ln 4 + 1, so that the cos/sin scaling is exercised too.
     */
    static ModelConfig qwen3Yarn() {
        return new ModelConfig(Architecture.QWEN3, 32, 48, 2, 4, 2, 16, 57, 16384, 1e-6, 1000000.0,
                new YarnRopeScaling(4.0, 4096, 32, 1, true, 0.1 * Math.log(4) + 1), false, false, true, 1, List.of(2));
    }

    /**
     * Random values for every parameter of {@code config}: projections and embeddings N(0, 0.2²),
     * norm weights 1 + N(0, 0.1²) and biases N(0, 0.1²), so that none of them is trivial.
     */
    static Map<String, float[]> randomWeights(ModelConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> map = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] values = new float[Math.toIntExact(spec.elementCount())];
            for (int i = 0; i < values.length; i++) {
                double noise = random.nextGaussian();
                values[i] = switch (spec.init()) {
                    case NORMAL -> (float) (0.2 * noise);
                    case ONES -> (float) (1 + 0.1 * noise);
                    case ZEROS -> (float) (0.1 * noise);
                };
            }
            map.put(spec.key(), values);
        }
        return map;
    }

    /**
     * Writes {@code values} as a checkpoint into {@code folder}: {@code model.safetensors} when
     * {@code shards} is 1, else that many shards with their index.
     */
    static void writeCheckpoint(Path folder, ModelConfig config, Map<String, float[]> values, TensorDataType dtype,
                                int shards) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            tensors.put(spec.key(), new TensorData(dtype, spec.shape(), values.get(spec.key())));
        }
        if (shards == 1) {
            SafetensorsWriter.write(folder.resolve(SafetensorsWriter.SINGLE_FILE), tensors);
        } else {
            SafetensorsWriter.writeSharded(folder, tensors, shards);
        }
    }

    /**
     * The values a reader gets back from a file of {@code dtype}: BF16 keeps the top 16 bits of
     * the FP32 pattern (rounded to nearest even), F16 rounds through Java's binary16 conversion.
     */
    static Map<String, float[]> roundTo(TensorDataType dtype, Map<String, float[]> values) {
        Map<String, float[]> out = new LinkedHashMap<>();
        values.forEach((key, array) -> {
            float[] rounded = new float[array.length];
            for (int i = 0; i < array.length; i++) {
                rounded[i] = switch (dtype) {
                    case F32 -> array[i];
                    case F16 -> Float.float16ToFloat(Float.floatToFloat16(array[i]));
                    case BF16 -> bf16(array[i]);
                };
            }
            out.put(key, rounded);
        });
        return out;
    }

    private static float bf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(((bits + roundingBias) >>> 16) << 16);
    }

    /** Relative error ||actual - expected||₂ / ||expected||₂. */
    static double relativeError(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != " + expected.length);
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = (double) actual[i] - expected[i];
            diff += d * d;
            norm += (double) expected[i] * expected[i];
        }
        return Math.sqrt(diff) / Math.sqrt(norm);
    }
}
