package org.thinktrace.model;

import ai.djl.ndarray.NDManager;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole decoder in a quantized precision against the naive {@link ReferenceDecoder}: on the
 * weights as the format holds them (rounded by test code, so the decoder must match up to float
 * rounding; for 4 bits with a single row's inputs rounded as {@link NaiveQ4#roundedInput}), and on the original FP32 weights (within the format's quantization tolerance), for a
 * prefill and the decode steps after it, on one thread and on two lanes.
 */
final class QuantizedDecoderCheck {

    private static final int[] PROMPT = {3, 17, 5, 29, 11, 0, 42, 7, 19, 23};
    private static final int[] LONG_PROMPT = {3, 17, 5, 29, 11, 0, 42, 7, 19, 23, 31, 2, 13, 37};
    /** Relative logit error against the reference on the same rounded weights. */
    private static final double SAME_WEIGHTS_TOLERANCE = 1e-4;

    /** How a format rounds a [rows, cols] FP32 matrix given row-major. */
    interface Rounding {
        float[] round(float[] values, int cols);
    }

    /** The projection kernel a decoder under test runs on. */
    interface Kernels {
        ProjectionKernel make(DecoderWeights weights, int threads);
    }

    private QuantizedDecoderCheck() {
    }

    /**
     * @param quantizationTolerance relative logit error allowed against the FP32 reference
     */
    static void assertMatchesReference(NDManager manager, ModelConfig config, long seed, ComputePrecision precision,
                                       Rounding rounding, double quantizationTolerance) {
        assertMatchesReference(manager, config, seed, precision, rounding, 4, SAME_WEIGHTS_TOLERANCE, quantizationTolerance);
    }

    /**
     * As above with the first {@code prefill} tokens of a 14-token prompt as one call, and
     * {@code sameWeightsTolerance} against the reference on the rounded weights (above float rounding where a kernel
     * rounds the activations too).
     */
    static void assertMatchesReference(NDManager manager, ModelConfig config, long seed, ComputePrecision precision,
                                       Rounding rounding, int prefill, double sameWeightsTolerance,
                                       double quantizationTolerance) {
        assertMatchesReference(manager, config, seed, precision, rounding, prefill, sameWeightsTolerance,
                quantizationTolerance, Decoder::kernelFor);
    }

    /** As above with the decoder on the kernels {@code kernels} makes. */
    static void assertMatchesReference(NDManager manager, ModelConfig config, long seed, ComputePrecision precision,
                                       Rounding rounding, int prefill, double sameWeightsTolerance,
                                       double quantizationTolerance, Kernels kernels) {
        int[] prompt = prefill < PROMPT.length ? PROMPT : LONG_PROMPT;
        Map<String, float[]> values = TinyModels.randomWeights(config, seed);
        // 4 bits: a single row's products round their input to 8 bits (the decode steps, and every step's lm_head)
        ReferenceDecoder sameWeights = precision == ComputePrecision.Q4
                ? new ReferenceDecoder(config, roundedCopy(config, values, rounding), NaiveQ4::roundedInputFloats, prefill)
                : new ReferenceDecoder(config, roundedCopy(config, values, rounding));
        float[][] roundedReference = sameWeights.logits(prompt);
        float[][] fp32Reference = new ReferenceDecoder(config, values).logits(prompt);
        for (int threads : new int[] {1, 2}) {
            DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(precision);
            assertNotNull(weights.quantized(weights.lmHead()), "lm_head is quantized");
            try (Decoder decoder = new Decoder(weights, 32, kernels.make(weights, threads))) {
                float[] logits = decoder.forward(Arrays.copyOf(prompt, prefill));             // prefill
                assertClose(roundedReference[prefill - 1], fp32Reference[prefill - 1], logits, sameWeightsTolerance,
                        quantizationTolerance, precision + " prefill, " + threads + " threads");
                for (int p = prefill; p < prompt.length; p++) {
                    logits = decoder.forward(new int[] {prompt[p]});                           // decode
                    assertClose(roundedReference[p], fp32Reference[p], logits, sameWeightsTolerance, quantizationTolerance,
                            precision + " decode position " + p + ", " + threads + " threads");
                }
            }
        }
    }

    private static void assertClose(float[] sameWeights, float[] fp32, float[] actual, double sameWeightsTolerance,
                                    double tolerance, String where) {
        double exact = TinyModels.relativeError(actual, sameWeights);
        double quantization = TinyModels.relativeError(actual, fp32);
        assertTrue(exact < sameWeightsTolerance, where + ": " + exact + " from the reference on the rounded weights");
        assertTrue(quantization < tolerance, where + ": " + quantization + " from the FP32 reference");
    }

    /**
     * The weights as a quantized decoder holds them: every matrix but the embeddings (and, tied,
     * the lm_head copy of the embeddings) rounded by {@code rounding}; the embeddings rounded to FP16.
     */
    private static Map<String, float[]> roundedCopy(ModelConfig config, Map<String, float[]> values, Rounding rounding) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] v = values.get(spec.key());
            if (spec.key().equals(DecoderWeights.EMBED_TOKENS)) {
                out.put(spec.key(), TinyModels.roundTo(TensorDataType.F16, Map.of("e", v)).get("e"));
            } else if (spec.shape().length == 2) {
                out.put(spec.key(), rounding.round(v, (int) spec.shape()[1]));
            } else {
                out.put(spec.key(), v);
            }
        }
        if (config.tieWordEmbeddings()) {
            // tied: FP16 embeddings for the lookup, a quantized copy of them as lm_head
            out.put("lm_head.weight", rounding.round(values.get(DecoderWeights.EMBED_TOKENS), config.hiddenSize()));
        }
        return out;
    }
}
