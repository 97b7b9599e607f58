package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GGUF metadata and tensor names map to the {@link ModelConfig} and {@link ParameterSpec} keys of
 * the same model: files are written with llama.cpp's keys and names for a known config, and read
 * back into that config; the q/k un-permutation is checked by attention scores, which RoPE in the
 * two layouts must agree on.
 */
class GgufModelConfigTest {

    @TempDir
    Path dir;

    /** Writes a GGUF holding every parameter of {@code config} (F32 zeros) under llama.cpp's names and keys. */
    private Path write(ModelConfig config, String arch, boolean writeDefaults, GgufTestWriter writer) throws IOException {
        writer.put("general.architecture", GgufValueType.STRING, arch)
                .put(arch + ".block_count", GgufValueType.UINT32, (long) config.numHiddenLayers())
                .put(arch + ".context_length", GgufValueType.UINT32, (long) config.maxPositionEmbeddings())
                .put(arch + ".embedding_length", GgufValueType.UINT32, (long) config.hiddenSize())
                .put(arch + ".feed_forward_length", GgufValueType.UINT32, (long) config.intermediateSize())
                .put(arch + ".attention.head_count", GgufValueType.UINT32, (long) config.numAttentionHeads())
                .put(arch + ".attention.layer_norm_rms_epsilon", GgufValueType.FLOAT32, (float) config.rmsNormEps());
        if (writeDefaults) {
            writer.put(arch + ".attention.head_count_kv", GgufValueType.UINT32, (long) config.numKeyValueHeads())
                    .put(arch + ".attention.key_length", GgufValueType.UINT32, (long) config.headDim())
                    .put(arch + ".rope.freq_base", GgufValueType.FLOAT32, (float) config.ropeTheta());
        }
        if (config.bosTokenId() != null) {
            writer.put("tokenizer.ggml.bos_token_id", GgufValueType.UINT32, (long) config.bosTokenId());
        }
        writer.put("tokenizer.ggml.eos_token_id", GgufValueType.UINT32, (long) config.eosTokenIds().get(0));
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            String name = GgufTensorNames.ggufName(spec.key());
            assertNotNull(name, spec.key());
            long[] shape = spec.shape();
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[shape.length - 1 - i];
            }
            writer.tensor(name, GgufTensorType.F32, dims, new byte[(int) (4 * spec.elementCount())]);
        }
        return writer.write(dir.resolve(arch + ".gguf"));
    }

    private static void assertNamesAndShapesMatch(GgufFile gguf, ModelConfig config) {
        List<ParameterSpec> specs = ParameterSpec.all(config);
        assertEquals(specs.size(), gguf.tensors().size());
        for (ParameterSpec spec : specs) {
            GgufTensorInfo t = gguf.tensor(GgufTensorNames.ggufName(spec.key()));
            assertArrayEquals(spec.shape(), t.shape(), spec.key());
            assertEquals(spec.key(), GgufTensorNames.parameterKey(t.name()));
        }
    }

    @Test
    void qwen2ReadsBackWithBiasesAndAnUntiedHead() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 16, 40, 2, 4, 2, 4, 50, 512, 1e-6, 1_000_000.0,
                null, false, true, false, 3, List.of(7));
        GgufFile gguf = GgufFile.read(write(config, "qwen2", true, new GgufTestWriter()));
        assertEquals(config, GgufModelConfig.read(gguf));
        assertNamesAndShapesMatch(gguf, config);
        assertFalse(GgufModelConfig.hasPermutedQk(config));
    }

    @Test
    void llamaWithDefaultsAndTiedEmbeddingsReadsBack() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.LLAMA, 12, 24, 3, 3, 3, 4, 30, 256, 1e-5, 10000.0,
                null, true, false, false, null, List.of(2, 5));
        GgufTestWriter writer = new GgufTestWriter()
                .put("tokenizer.ggml.eot_token_id", GgufValueType.INT32, 5L);
        ModelConfig read = GgufModelConfig.read(GgufFile.read(write(config, "llama", false, writer)));
        assertEquals(config, read);
        assertTrue(GgufModelConfig.hasPermutedQk(read));
    }

    /**
     * A Llama 3.1 file as llama.cpp's converter writes it: the llama3 rule computed once per frequency in FP32 into a
     * {@code rope_freqs.weight} tensor (converter's formula, written here independently of {@link RotaryEmbedding}).
     * The file's frequencies equal those of the folder's {@code rope_scaling} block up to that FP32 rounding.
     */
    @Test
    void llama31RopeFrequencyFactorsGiveTheLlama3Frequencies() throws IOException {
        Llama3RopeScaling llama3 = new Llama3RopeScaling(8.0, 1.0, 4.0, 64);
        ModelConfig folder = new ModelConfig(Architecture.LLAMA, 64, 24, 1, 2, 2, 32, 30, 512, 1e-5, 500000.0,
                llama3, true, false, false, null, List.of(2));
        float[] factors = GgufTestWriter.llama3RopeFactors(32, 500000.0, llama3);
        byte[] bytes = GgufTestWriter.f32Bytes(factors);
        ModelConfig read = GgufModelConfig.read(GgufFile.read(write(folder, "llama", true,
                new GgufTestWriter().tensor("rope_freqs.weight", GgufTensorType.F32, new long[] {16}, bytes))));
        RopeFrequencyFactors divisors = assertInstanceOf(RopeFrequencyFactors.class, read.ropeScaling());
        assertEquals(16, divisors.factors().length);
        double[] want = RotaryEmbedding.inverseFrequencies(32, 500000.0, llama3);
        double[] got = RotaryEmbedding.inverseFrequencies(32, 500000.0, divisors);
        boolean scaled = false;
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6 * want[i], "frequency " + i);
            scaled |= factors[i] != 1f;
        }
        assertTrue(scaled && factors[15] == 8f && factors[0] == 1f, "long wavelengths divided by 8, short ones kept");
    }

    /** DeepSeek-R1-0528-Qwen3-8B's YaRN as llama.cpp's converter writes it: type, factor, original context, attn_factor. */
    @Test
    void qwen3YarnMetadataReadsAsTheFolderReadsItsRopeScaling() throws IOException {
        ModelConfig plain = new ModelConfig(Architecture.QWEN3, 16, 32, 1, 2, 1, 12, 40, 131072, 1e-6, 1_000_000.0,
                null, false, false, true, null, List.of(0));
        GgufTestWriter writer = new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn")
                .put("qwen3.rope.scaling.factor", GgufValueType.FLOAT32, 4.0f)
                .put("qwen3.rope.scaling.original_context_length", GgufValueType.UINT32, 32768L)
                .put("qwen3.rope.scaling.attn_factor", GgufValueType.FLOAT32, 0.875f);
        ModelConfig read = GgufModelConfig.read(GgufFile.read(write(plain, "qwen3", true, writer)));
        // HF's YaRN with its default ramp (beta fast 32, slow 1, truncated), attention factor (0.1 ln 4 + 1) × attn_factor
        assertEquals(new YarnRopeScaling(4.0, 32768, 32, 1, true, (0.1 * Math.log(4.0) + 1) * 0.875), read.ropeScaling());
        GgufTestWriter bare = new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn")
                .put("qwen3.rope.scaling.factor", GgufValueType.FLOAT32, 2.0f);
        assertEquals(new YarnRopeScaling(2.0, 131072, 32, 1, true, 0.1 * Math.log(2.0) + 1),
                GgufModelConfig.read(GgufFile.read(write(plain, "qwen3", true, bare))).ropeScaling(),
                "without original context and attn_factor: the context length and 1");
    }

    @Test
    void yarnMetadataWithoutAUsableFactorOrBesideRopeFreqsIsRefused() throws IOException {
        ModelConfig plain = new ModelConfig(Architecture.QWEN3, 16, 32, 1, 2, 1, 12, 40, 256, 1e-6, 1_000_000.0,
                null, false, false, true, null, List.of(0));
        Path missing = write(plain, "qwen3", true, new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn"));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(missing))),
                "qwen3.rope.scaling.factor");
        Path small = write(plain, "qwen3", true, new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn")
                .put("qwen3.rope.scaling.factor", GgufValueType.FLOAT32, 0.5f));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(small))),
                "qwen3.rope.scaling.factor is 0.5", "at least 1");
        float[] ones = new float[6];
        java.util.Arrays.fill(ones, 1f);
        Path both = write(plain, "qwen3", true, new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn")
                .put("qwen3.rope.scaling.factor", GgufValueType.FLOAT32, 4.0f)
                .tensor("rope_freqs.weight", GgufTensorType.F32, new long[] {6}, GgufTestWriter.f32Bytes(ones)));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(both))),
                "rope_freqs.weight", "one RoPE scaling");
        ModelConfig baseOfOne = new ModelConfig(Architecture.QWEN3, 16, 32, 1, 2, 1, 12, 40, 256, 1e-6, 1.0,
                null, false, false, true, null, List.of(0));
        Path one = write(baseOfOne, "qwen3", true, new GgufTestWriter().put("qwen3.rope.scaling.type", GgufValueType.STRING, "yarn")
                .put("qwen3.rope.scaling.factor", GgufValueType.FLOAT32, 4.0f));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(one))),
                "qwen3.rope.freq_base is 1.0", "above 1");
    }

    @Test
    void ropeFrequencyFactorsOfTheWrongShapeOrValueAreRefusedNamingTheTensor() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.LLAMA, 64, 24, 1, 2, 2, 32, 30, 512, 1e-5, 10000.0,
                null, true, false, false, null, List.of(2));
        float[] shortFactors = new float[8];
        java.util.Arrays.fill(shortFactors, 1f);
        Path wrongShape = write(config, "llama", true, new GgufTestWriter().tensor("rope_freqs.weight", GgufTensorType.F32,
                new long[] {8}, GgufTestWriter.f32Bytes(shortFactors)));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(wrongShape))),
                "rope_freqs.weight", "[8]", "[16]");
        float[] zero = new float[16];
        java.util.Arrays.fill(zero, 1f);
        zero[3] = 0f;
        Path zeroFactor = write(config, "llama", true, new GgufTestWriter().tensor("rope_freqs.weight", GgufTensorType.F32,
                new long[] {16}, GgufTestWriter.f32Bytes(zero)));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(zeroFactor))),
                "rope_freqs.weight", "factor 3 is 0.0");
    }

    @Test
    void qwen3ReadsItsKeyLengthAndQkNorms() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN3, 16, 32, 1, 2, 1, 12, 40, 128, 1e-6, 1_000_000.0,
                null, false, false, true, null, List.of(0));
        GgufFile gguf = GgufFile.read(write(config, "qwen3", true, new GgufTestWriter()));
        assertEquals(config, GgufModelConfig.read(gguf));
        assertNamesAndShapesMatch(gguf, config);
    }

    @Test
    void unsupportedOrMissingMetadataIsNamed() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 8, 8, 1, 2, 2, 4, 10, 64, 1e-6, 1e4,
                null, true, true, false, null, List.of(1));
        Path linear = write(config, "qwen2", true, new GgufTestWriter().put("qwen2.rope.scaling.type", GgufValueType.STRING, "linear"));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(linear))),
                linear.toString(), "qwen2.rope.scaling.type", "linear");
        Path gemma = new GgufTestWriter().put("general.architecture", GgufValueType.STRING, "gemma2").write(dir.resolve("g.gguf"));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(gemma))),
                gemma.toString(), "general.architecture", "gemma2");
        Path bare = new GgufTestWriter().put("general.architecture", GgufValueType.STRING, "qwen3").write(dir.resolve("b.gguf"));
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(bare))),
                bare.toString(), "qwen3.embedding_length", "missing");
        assertNull(GgufTensorNames.parameterKey("blk.0.ffn_gate_exps.weight"));
        assertNull(GgufTensorNames.parameterKey("rope_freqs.weight"));
    }

    @Test
    void anOddHeadDimensionIsRefusedNamingTheKey() throws IOException {
        ModelConfig derived = new ModelConfig(Architecture.LLAMA, 64, 24, 1, 64, 64, 1, 30, 512, 1e-5, 10000.0,
                null, true, false, false, null, List.of(2));
        Path one = write(derived, "llama", false, new GgufTestWriter());
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(one))),
                one.toString(), "llama.attention.key_length", "64 / 64", "is 1, not even");
        ModelConfig explicit = new ModelConfig(Architecture.QWEN3, 16, 32, 1, 2, 1, 3, 40, 128, 1e-6, 1_000_000.0,
                null, false, false, true, null, List.of(0));
        Path three = write(explicit, "qwen3", true, new GgufTestWriter());
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(three))),
                three.toString(), "qwen3.attention.key_length is 3, not even");
        ModelConfig uneven = new ModelConfig(Architecture.LLAMA, 66, 24, 1, 4, 4, 16, 30, 512, 1e-5, 10000.0,
                null, true, false, false, null, List.of(2));
        Path split = write(uneven, "llama", false, new GgufTestWriter());
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(split))),
                split.toString(), "llama.embedding_length (66) is not a multiple of llama.attention.head_count (4)");
    }

    @Test
    void anInfiniteEpsilonOrRopeBaseIsRefusedNamingTheKey() throws IOException {
        ModelConfig eps = new ModelConfig(Architecture.QWEN2, 8, 8, 1, 2, 2, 4, 10, 64, Double.POSITIVE_INFINITY, 1e4,
                null, true, true, false, null, List.of(1));
        Path infiniteEps = write(eps, "qwen2", true, new GgufTestWriter());
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(infiniteEps))),
                infiniteEps.toString(), "qwen2.attention.layer_norm_rms_epsilon is Infinity", "positive finite");
        ModelConfig theta = new ModelConfig(Architecture.QWEN2, 8, 8, 1, 2, 2, 4, 10, 64, 1e-6, Double.POSITIVE_INFINITY,
                null, true, true, false, null, List.of(1));
        Path infiniteTheta = write(theta, "qwen2", true, new GgufTestWriter());
        assertMessage(assertThrows(CheckpointException.class, () -> GgufModelConfig.read(GgufFile.read(infiniteTheta))),
                infiniteTheta.toString(), "qwen2.rope.freq_base is Infinity", "positive finite");
    }

    /** {@code blk.00.attn_q.weight} and {@code blk.0.attn_q.weight} are two GGUF tensors of one parameter. */
    @Test
    void twoTensorNamesOfOneParameterAreRefusedNamingBoth() throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 8, 8, 1, 2, 2, 4, 10, 64, 1e-6, 1e4,
                null, true, true, false, null, List.of(1));
        Path file = write(config, "qwen2", true,
                new GgufTestWriter().tensor("blk.00.attn_q.weight", GgufTensorType.F32, new long[] {8, 8}, new byte[256]));
        GgufFile gguf = GgufFile.read(file);
        ModelConfig read = GgufModelConfig.read(gguf);
        assertMessage(assertThrows(CheckpointException.class, () -> SafetensorsCheckpoint.ofGguf(gguf, read).close()),
                file.toString(), "tensors blk.00.attn_q.weight and blk.0.attn_q.weight",
                "model.layers.0.self_attn.q_proj.weight", "ambiguous");
    }

    /**
     * llama.cpp's converter reorders each head's q and k rows so that its interleaved-pair RoPE
     * matches HuggingFace's rotate-half RoPE. Attention scores q·k do not depend on the order of a
     * head's rows, so interleaved RoPE on the GGUF rows and rotate-half RoPE on the un-permuted rows
     * must give the same scores.
     */
    @Test
    void unpermutedRowsGiveTheSameAttentionScoresUnderRotateHalfRope() {
        Random random = new Random(42);
        int heads = 3;
        int headDim = 8;
        int hidden = 5;
        float[] qGguf = randomFloats(random, heads * headDim * hidden);
        float[] kGguf = randomFloats(random, heads * headDim * hidden);
        float[] qHf = GgufTensorNames.unpermuteRotaryRows(qGguf, heads, headDim, hidden);
        float[] kHf = GgufTensorNames.unpermuteRotaryRows(kGguf, heads, headDim, hidden);
        float[] x1 = randomFloats(random, hidden);
        float[] x2 = randomFloats(random, hidden);
        int m = 5;
        int n = 2;
        for (int h = 0; h < heads; h++) {
            double interleaved = dot(rope(project(qGguf, h, headDim, x1), m, true), rope(project(kGguf, h, headDim, x2), n, true));
            double rotateHalf = dot(rope(project(qHf, h, headDim, x1), m, false), rope(project(kHf, h, headDim, x2), n, false));
            assertEquals(interleaved, rotateHalf, 1e-9 * (1 + Math.abs(interleaved)), "head " + h);
        }
        double withoutUnpermuting = dot(rope(project(qGguf, 0, headDim, x1), m, false), rope(project(kGguf, 0, headDim, x2), n, false));
        double expected = dot(rope(project(qGguf, 0, headDim, x1), m, true), rope(project(kGguf, 0, headDim, x2), n, true));
        assertTrue(Math.abs(withoutUnpermuting - expected) > 1e-6, "the permutation matters for these weights");
    }

    private static float[] randomFloats(Random random, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) random.nextGaussian();
        }
        return f;
    }

    /** Rows {@code [h * headDim, (h + 1) * headDim)} of {@code w} times {@code x}. */
    private static double[] project(float[] w, int h, int headDim, float[] x) {
        double[] out = new double[headDim];
        for (int r = 0; r < headDim; r++) {
            for (int c = 0; c < x.length; c++) {
                out[r] += (double) w[(h * headDim + r) * x.length + c] * x[c];
            }
        }
        return out;
    }

    /** RoPE at {@code position}, base 10000: pairs (2i, 2i+1) when interleaved, else (i, i + d/2). */
    private static double[] rope(double[] v, int position, boolean interleaved) {
        int d = v.length;
        double[] out = new double[d];
        for (int i = 0; i < d / 2; i++) {
            double angle = position * Math.pow(10000, -2.0 * i / d);
            int a = interleaved ? 2 * i : i;
            int b = interleaved ? 2 * i + 1 : i + d / 2;
            out[a] = v[a] * Math.cos(angle) - v[b] * Math.sin(angle);
            out[b] = v[b] * Math.cos(angle) + v[a] * Math.sin(angle);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
