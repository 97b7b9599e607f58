package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decoder with int8 weights against the naive {@link ReferenceDecoder}: on weights that
 * this test quantizes and dequantizes itself (the int8 path must match them up to float rounding),
 * and on the original FP32 weights (within the stated quantization tolerance).
 */
class Int8DecoderTest extends NativeMemoryTest {

    private static final int[] PROMPT = {3, 17, 5, 29, 11, 0, 42, 7, 19, 23};
    /** Relative logit error of the int8 decoder against the reference on the same dequantized weights. */
    private static final double SAME_WEIGHTS_TOLERANCE = 1e-4;
    /**
     * Relative logit error against the unquantized FP32 weights: per-row int8 has a step of
     * max|w| / 127, here about 0.6 % of a row's largest weight; the errors of 2 layers add up.
     */
    private static final double QUANTIZATION_TOLERANCE = 5e-2;

    @TempDir
    Path folder;

    @Test
    void qwen2WithBiasesMatchesTheReferenceOnDequantizedWeights() {
        assertMatchesReference(TinyModels.qwen2(), 31);
    }

    @Test
    void llamaWithTiedEmbeddingsQuantizesItsLmHeadAndMatchesTheReference() {
        assertMatchesReference(TinyModels.llama(), 32);
    }

    @Test
    void qwen3WithQkNormMatchesTheReference() {
        assertMatchesReference(TinyModels.qwen3(), 33);
    }

    @Test
    void loadingBf16QuantizesTheRoundedValuesAndHoldsOneBytePerWeight() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 34);
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.BF16, 2);
        Map<String, float[]> rounded = TinyModels.roundTo(TensorDataType.BF16, values);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
             DecoderWeights loaded = DecoderWeights.load(config, checkpoint, manager, ComputePrecision.INT8, LoadProgress.NONE);
             DecoderWeights converted = DecoderWeights.fromFloatArrays(config, manager, rounded).convertTo(ComputePrecision.INT8)) {
            long expectedBytes = 0;
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                NDArray array = loaded.parameters().get(spec.key());
                boolean matrix = spec.shape().length == 2;
                boolean embedding = spec.key().equals(DecoderWeights.EMBED_TOKENS);
                DataType expectedType = !matrix ? DataType.FLOAT32 : embedding ? DataType.FLOAT16 : DataType.INT8;
                assertEquals(expectedType, array.getDataType(), spec.key());
                expectedBytes += spec.elementCount() * expectedType.getNumOfBytes() + (matrix && !embedding ? spec.shape()[0] * 4L : 0);
                Int8Matrix int8 = loaded.quantized(array);
                if (expectedType == DataType.INT8) {
                    assertNotNull(int8, spec.key());
                    Int8Matrix reference = converted.quantized(converted.parameters().get(spec.key()));
                    assertArrayEquals(reference.values().toByteArray(), int8.values().toByteArray(), spec.key());
                    assertArrayEquals(reference.scales().toFloatArray(), int8.scales().toFloatArray(), 0f, spec.key());
                    assertWithinHalfAStep(rounded.get(spec.key()), int8, spec.key());
                } else if (!embedding) {
                    assertNull(int8, spec.key());
                    assertArrayEquals(rounded.get(spec.key()), array.toFloatArray(), 0f, spec.key());
                }
            }
            assertEquals(expectedBytes, loaded.byteSize());
            assertTrue(loaded.isQuantized());
        }
    }

    @Test
    void aNonFiniteWeightIsRefusedNamingTheTensor() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 35);
        values.get("model.layers.1.mlp.up_proj.weight")[70] = Float.POSITIVE_INFINITY;
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.F32, 1);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointException e = assertThrows(CheckpointException.class, () ->
                    DecoderWeights.load(config, checkpoint, manager, ComputePrecision.INT8, LoadProgress.NONE));
            assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight") && e.getMessage().contains("non-finite"),
                    e.getMessage());
        }
    }

    private void assertMatchesReference(ModelConfig config, long seed) {
        Map<String, float[]> values = TinyModels.randomWeights(config, seed);
        float[][] dequantizedReference = new ReferenceDecoder(config, dequantizedCopy(config, values)).logits(PROMPT);
        float[][] fp32Reference = new ReferenceDecoder(config, values).logits(PROMPT);
        DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
        assertNotNull(weights.quantized(weights.lmHead()), "lm_head is int8");
        for (int threads : new int[] {1, 2}) {
            DecoderWeights copy = threads == 1 ? weights
                    : DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
            try (Decoder decoder = new Decoder(copy, 32, Decoder.kernelFor(copy, threads))) {
                float[] logits = decoder.forward(Arrays.copyOf(PROMPT, 4));                   // prefill
                assertClose(dequantizedReference[3], fp32Reference[3], logits, "prefill, " + threads + " threads");
                for (int p = 4; p < PROMPT.length; p++) {
                    logits = decoder.forward(new int[] {PROMPT[p]});                           // decode
                    assertClose(dequantizedReference[p], fp32Reference[p], logits, "decode position " + p + ", " + threads + " threads");
                }
            }
        }
    }

    private static void assertClose(float[] sameWeights, float[] fp32, float[] actual, String where) {
        double exact = TinyModels.relativeError(actual, sameWeights);
        double quantization = TinyModels.relativeError(actual, fp32);
        assertTrue(exact < SAME_WEIGHTS_TOLERANCE, where + ": " + exact + " from the reference on dequantized weights");
        assertTrue(quantization < QUANTIZATION_TOLERANCE, where + ": " + quantization + " from the FP32 reference");
    }

    /**
     * The weights as int8 holds them, computed here from the definition: every matrix but the
     * embeddings (and, tied, the lm_head copy of the embeddings) rounded to a multiple of its row's
     * max|w| / 127; the embeddings rounded to FP16.
     */
    private static Map<String, float[]> dequantizedCopy(ModelConfig config, Map<String, float[]> values) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] v = values.get(spec.key());
            if (spec.key().equals(DecoderWeights.EMBED_TOKENS)) {
                out.put(spec.key(), TinyModels.roundTo(TensorDataType.F16, Map.of("e", v)).get("e"));
            } else if (spec.shape().length == 2) {
                out.put(spec.key(), roundRows(v, (int) spec.shape()[1]));
            } else {
                out.put(spec.key(), v);
            }
        }
        if (config.tieWordEmbeddings()) {
            // tied: FP16 embeddings for the lookup, an int8 copy of them as lm_head
            out.put("lm_head.weight", roundRows(values.get(DecoderWeights.EMBED_TOKENS), config.hiddenSize()));
        }
        return out;
    }

    private static float[] roundRows(float[] v, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < v.length / cols; r++) {
            double max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(v[r * cols + c]));
            }
            float scale = (float) (max / 127);
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = scale == 0 ? 0 : Math.round(v[r * cols + c] / scale) * scale;
            }
        }
        return out;
    }

    private static void assertWithinHalfAStep(float[] expected, Int8Matrix matrix, String key) {
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                float scale = matrix.scales().getFloat(r, 0);
                double error = Math.abs(expected[r * matrix.cols() + c] - (double) matrix.dequantized(r, c));
                assertTrue(error <= scale * 0.5 * (1 + 1e-5), key + " row " + r + " column " + c);
            }
        }
    }
}
