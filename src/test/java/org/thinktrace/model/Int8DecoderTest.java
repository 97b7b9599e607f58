package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decoder with int8 weights against the naive {@link ReferenceDecoder}
 * ({@link QuantizedDecoderCheck}: on weights rounded here as int8 holds them, and on the FP32
 * weights within the stated tolerance), and loading int8 from a checkpoint.
 */
class Int8DecoderTest extends NativeMemoryTest {

    /**
     * Relative logit error against the unquantized FP32 weights: per-row int8 has a step of
     * max|w| / 127, here about 0.6 % of a row's largest weight; the errors of 2 layers add up.
     */
    static final double QUANTIZATION_TOLERANCE = 5e-2;

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

    /**
     * fbgemm quantizes each call's input to 8 bits with one scale for the whole tensor, a step of about 1/255 of the
     * input's range (several times its typical value, for Gaussian-like activations): the logits move from those on
     * the same int8 weights by about as much as the weights' own rounding moves them from FP32's.
     */
    static final double FBGEMM_ACTIVATION_TOLERANCE = QUANTIZATION_TOLERANCE;

    @Test
    void onFbgemmQwen2AndQwen3MatchTheReferenceWithinTheInputsRounding() {
        assertFbgemmMatchesReference(TinyModels.qwen2(), 35);
        assertFbgemmMatchesReference(TinyModels.qwen3(), 36);
    }

    @Test
    void onFbgemmLlamaWithATiedLmHeadMatchesTheReferenceOverALongPrompt() {
        QuantizedDecoderCheck.assertMatchesReference(manager, TinyModels.llama(), 37, ComputePrecision.INT8,
                Int8DecoderTest::roundRows, 12, FBGEMM_ACTIVATION_TOLERANCE, 2 * QUANTIZATION_TOLERANCE,
                Int8DecoderTest::fbgemm);
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
                Int8Matrix int8 = (Int8Matrix) loaded.quantized(array);
                if (expectedType == DataType.INT8) {
                    assertNotNull(int8, spec.key());
                    Int8Matrix reference = (Int8Matrix) converted.quantized(converted.parameters().get(spec.key()));
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

    private void assertMatchesReference(ModelConfig config, long seed) {
        QuantizedDecoderCheck.assertMatchesReference(manager, config, seed, ComputePrecision.INT8,
                Int8DecoderTest::roundRows, 4, 1e-4, QUANTIZATION_TOLERANCE, Int8DecoderTest::java);
    }

    private void assertFbgemmMatchesReference(ModelConfig config, long seed) {
        QuantizedDecoderCheck.assertMatchesReference(manager, config, seed, ComputePrecision.INT8,
                Int8DecoderTest::roundRows, 4, FBGEMM_ACTIVATION_TOLERANCE, 2 * QUANTIZATION_TOLERANCE,
                Int8DecoderTest::fbgemm);
    }

    /** The Java kernels on the app's int8 bytes, prompts widened to FP32, whatever the properties say. */
    static ProjectionKernel java(DecoderWeights weights, int threads) {
        return new QuantizedProjectionKernel(weights, threads, QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES,
                QuantizedProjectionKernel.CHUNK_BYTES, StagingTensors.DEFAULT_SLAB_BYTES, false,
                QuantizedProjectionKernel.Fbgemm.OFF);
    }

    /** fbgemm for every product, the app's int8 values freed as in inference, whatever the properties say. */
    static ProjectionKernel fbgemm(DecoderWeights weights, int threads) {
        QuantizedProjectionKernel kernel = new QuantizedProjectionKernel(weights, threads,
                QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES, QuantizedProjectionKernel.CHUNK_BYTES,
                StagingTensors.DEFAULT_SLAB_BYTES, false, QuantizedProjectionKernel.Fbgemm.RELEASING);
        assertTrue(kernel.promptKernelName().contains("fbgemm"), kernel.promptKernelName());
        return kernel;
    }

    /** Each row rounded to a multiple of its max|w| / 127, as per-row int8 holds it. */
    static float[] roundRows(float[] v, int cols) {
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
