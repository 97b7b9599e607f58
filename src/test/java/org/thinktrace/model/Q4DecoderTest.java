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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decoder with 4-bit weights against the naive {@link ReferenceDecoder}
 * ({@link QuantizedDecoderCheck}: on weights rounded by {@link NaiveQ4} as Q4_0 holds them, and on
 * the FP32 weights within the stated tolerance), and loading 4-bit weights from a checkpoint. The
 * tiny models' MLP widths (48, 40) end their down_proj rows in a shorter group.
 */
class Q4DecoderTest extends NativeMemoryTest {

    /**
     * Relative logit error against the unquantized FP32 weights. Q4_0's step is a group's
     * max|w| / 8, about 0.28 of a Gaussian group's standard deviation, so each weight is off by
     * about 8 % of that deviation (RMS), ten times int8's per-row error; these tiny random models
     * (hidden size 32) pass that through 2 layers and the lm_head to logit errors of 0.26–0.55
     * (measured). Logits unrelated to the reference's are about 1.4 (√2) away.
     */
    private static final double QUANTIZATION_TOLERANCE = 0.8;

    /**
     * Relative logit error against the reference on the same rounded weights and inputs. A single row's products
     * round their input to 8-bit levels (the decode steps, and the lm_head's), and the decoder's inputs differ from the
     * reference's by float rounding, so now and then a value lying at half a level rounds the other way in one of
     * them: one level of one input moved these tiny models' logits by 0.8 % (measured); float rounding alone stays
     * under 1e-4, and a wrong projection or a missing bias moves them by tenths.
     */
    private static final double ROUNDED_INPUT_TOLERANCE = 0.03;

    @TempDir
    Path folder;

    @Test
    void qwen2WithBiasesMatchesTheReferenceOnRoundedWeights() {
        QuantizedDecoderCheck.assertMatchesReference(manager, TinyModels.qwen2(), 41, ComputePrecision.Q4,
                NaiveQ4::round, 4, ROUNDED_INPUT_TOLERANCE, QUANTIZATION_TOLERANCE);
    }

    @Test
    void llamaWithTiedEmbeddingsQuantizesItsLmHeadAndMatchesTheReference() {
        QuantizedDecoderCheck.assertMatchesReference(manager, TinyModels.llama(), 42, ComputePrecision.Q4,
                NaiveQ4::round, 4, ROUNDED_INPUT_TOLERANCE, QUANTIZATION_TOLERANCE);
    }

    @Test
    void qwen3WithQkNormMatchesTheReference() {
        QuantizedDecoderCheck.assertMatchesReference(manager, TinyModels.qwen3(), 43, ComputePrecision.Q4,
                NaiveQ4::round, 4, ROUNDED_INPUT_TOLERANCE, QUANTIZATION_TOLERANCE);
    }

    @Test
    void loadingBf16QuantizesTheRoundedValuesInFourAndAHalfBitsPerWeight() throws IOException {
        ModelConfig config = TinyModels.llama();
        Map<String, float[]> values = TinyModels.randomWeights(config, 44);
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.BF16, 2);
        Map<String, float[]> rounded = TinyModels.roundTo(TensorDataType.BF16, values);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
             DecoderWeights loaded = DecoderWeights.load(config, checkpoint, manager, ComputePrecision.Q4, LoadProgress.NONE)) {
            long expectedBytes = 0;
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                NDArray array = loaded.parameters().get(spec.key());
                boolean embedding = spec.key().equals(DecoderWeights.EMBED_TOKENS);
                if (spec.shape().length == 2 && !embedding) {
                    Q4Matrix matrix = (Q4Matrix) loaded.quantized(array);
                    assertEquals(DataType.UINT8, array.getDataType(), spec.key());
                    assertRoundedAsNaiveQ4(rounded.get(spec.key()), matrix, spec.key());
                    expectedBytes += spec.shape()[0] * ((spec.shape()[1] + 31) / 32) * 18;
                } else if (embedding) {
                    assertEquals(DataType.FLOAT16, array.getDataType());
                    expectedBytes += spec.elementCount() * 2;
                } else {
                    assertNull(loaded.quantized(array), spec.key());
                    assertArrayEquals(rounded.get(spec.key()), array.toFloatArray(), 0f, spec.key());
                    expectedBytes += spec.elementCount() * 4;
                }
            }
            // tied embeddings: the lm_head is a 4-bit copy of the table
            Q4Matrix head = (Q4Matrix) loaded.quantized(loaded.lmHead());
            assertRoundedAsNaiveQ4(rounded.get(DecoderWeights.EMBED_TOKENS), head, "lm_head");
            expectedBytes += head.byteSize();
            assertEquals(expectedBytes, loaded.byteSize());
        }
    }

    private static void assertRoundedAsNaiveQ4(float[] values, Q4Matrix matrix, String key) {
        float[] expected = NaiveQ4.round(values, matrix.cols());
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.cols(); c++) {
                assertEquals(expected[r * matrix.cols() + c], NaiveQ4.weight(matrix, r, c), 0, key + " row " + r + " column " + c);
            }
        }
    }
}
