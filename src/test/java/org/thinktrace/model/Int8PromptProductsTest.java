package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Prompts (more than {@link QuantizedProjectionKernel#MAX_GEMV_ROWS} rows) on int8 weights with one scale per row go
 * through PyTorch's int8 × int8 product, the input rows quantized per call: the projections against a
 * double-precision product within the bound that rounding sets, the whole decoder against the naive
 * {@link ReferenceDecoder}; matrices with group scales keep the FP32 path; a module PyTorch rejects leaves prompts on
 * the FP32 path.
 */
class Int8PromptProductsTest extends NativeMemoryTest {

    private static final int PROMPT_ROWS = 12;
    /**
     * Relative logit error against the reference on the same int8 weights: the prompt's activations are rounded to
     * a step of max|x| / 127 per row before each projection, the step per-row int8 rounds the weights to, so this
     * is the tolerance {@link Int8DecoderTest} allows for the weights' rounding against FP32.
     */
    private static final double ACTIVATION_TOLERANCE = Int8DecoderTest.QUANTIZATION_TOLERANCE;
    /** Against the unquantized FP32 weights, both roundings add up. */
    private static final double BOTH_TOLERANCE = 2 * Int8DecoderTest.QUANTIZATION_TOLERANCE;

    @Test
    void promptProjectionsStayWithinTheRowQuantizationBound() {
        Random random = new Random(21);
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 22))
                .convertTo(ComputePrecision.INT8);
             QuantizedProjectionKernel kernel = intMm(weights, 2);
             NDManager step = manager.newSubManager()) {
            assertTrue(kernel.promptKernelName().contains("_int_mm"), kernel.promptKernelName());
            LayerWeights layer = weights.layer(0);
            Projection[] projections = {new Projection(layer.qProj(), layer.qBias()), new Projection(layer.gateProj(), null)};
            float[] input = RandomMatrices.gaussian(random, PROMPT_ROWS * config.hiddenSize());
            NDArray[] out = kernel.project(step.create(input, new Shape(1, PROMPT_ROWS, config.hiddenSize())), projections);
            for (int p = 0; p < projections.length; p++) {
                Int8Matrix matrix = (Int8Matrix) weights.quantized(projections[p].weight());
                float[] bias = projections[p].bias() == null ? new float[matrix.rows()] : projections[p].bias().toFloatArray();
                assertEquals(new Shape(1, PROMPT_ROWS, matrix.rows()), out[p].getShape());
                assertWithinRowRounding(matrix, input, bias, out[p].toFloatArray(), "projection " + p);
            }
        }
    }

    @Test
    void groupScaledInt8KeepsTheWidenedFp32Product() {
        Random random = new Random(23);
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 24))
                .quantizeToInt8(16);
             QuantizedProjectionKernel kernel = intMm(weights, 1);
             NDManager step = manager.newSubManager()) {
            assertTrue(kernel.promptKernelName().startsWith("widening"), kernel.promptKernelName());
            LayerWeights layer = weights.layer(1);
            float[] input = RandomMatrices.gaussian(random, PROMPT_ROWS * config.hiddenSize());
            NDArray out = kernel.project(step.create(input, new Shape(PROMPT_ROWS, config.hiddenSize())),
                    new Projection(layer.upProj(), null))[0];
            Int8Matrix matrix = (Int8Matrix) weights.quantized(layer.upProj());
            float[] actual = out.toFloatArray();
            for (int m = 0; m < PROMPT_ROWS; m++) {
                for (int n = 0; n < matrix.rows(); n++) {
                    double sum = 0;
                    for (int k = 0; k < matrix.cols(); k++) {
                        sum += input[m * matrix.cols() + k] * (double) matrix.dequantized(n, k);
                    }
                    assertEquals(sum, actual[m * matrix.rows() + n], 1e-4 * (1 + Math.abs(sum)), "row " + m + ", column " + n);
                }
            }
        }
    }

    @Test
    void theDecoderWithLongPromptsMatchesTheReference() {
        for (ModelConfig config : List.of(TinyModels.qwen2(), TinyModels.llama())) {
            QuantizedDecoderCheck.assertMatchesReference(manager, config, 25, ComputePrecision.INT8,
                    Int8DecoderTest::roundRows, PROMPT_ROWS, ACTIVATION_TOLERANCE, BOTH_TOLERANCE,
                    Int8PromptProductsTest::intMm);
        }
    }

    @Test
    void aModulePyTorchRejectsLeavesPromptsOnTheFp32Path() {
        ModelConfig config = TinyModels.qwen2();
        TorchScriptModuleSpec broken = new TorchScriptModuleSpec("Broken", List.of(
                "def int8_dynamic(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:\n  return torch.matmul(x, w\n"));
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 26))
                .convertTo(ComputePrecision.INT8)) {
            assertNull(Int8PromptProducts.loadOrNull(weights, broken));
            TorchScriptModuleSpec wrong = new TorchScriptModuleSpec("Wrong", List.of(
                    "def int8_dynamic(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:\n  return torch.mul(x, 2.0)\n"));
            assertNull(Int8PromptProducts.loadOrNull(weights, wrong), "a module that computes something else is refused");
        }
    }

    private static void assertWithinRowRounding(Int8Matrix matrix, float[] input, float[] bias, float[] actual, String where) {
        int in = matrix.cols();
        assertWithinInputRounding(matrix, input, bias, actual, m -> {
            double rowMax = 0;
            for (int k = 0; k < in; k++) {
                rowMax = Math.max(rowMax, Math.abs(input[m * in + k]));
            }
            return rowMax / 127 / 2;
        }, where);
    }

    /**
     * Each result against {@code bias + Σ input × dequantized weight} in double precision, within half a step of the
     * input's rounding (row m's half step given by {@code halfStep}) times its weight row's sum of |weights|.
     */
    static void assertWithinInputRounding(Int8Matrix matrix, float[] input, float[] bias, float[] actual,
                                          java.util.function.IntToDoubleFunction halfStep, String where) {
        int in = matrix.cols();
        for (int m = 0; m < input.length / in; m++) {
            double rowHalfStep = halfStep.applyAsDouble(m);
            for (int n = 0; n < matrix.rows(); n++) {
                double sum = bias[n];
                double bound = 0;
                for (int k = 0; k < in; k++) {
                    double w = matrix.dequantized(n, k);
                    sum += input[m * in + k] * w;
                    bound += Math.abs(w) * rowHalfStep;
                }
                assertEquals(sum, actual[m * matrix.rows() + n], bound * 1.01 + 1e-5 * (1 + Math.abs(sum)),
                        where + ", row " + m + ", column " + n);
            }
        }
    }

    @Test
    void thePropertyChoosesWideningByDefaultAndRefusesOtherValues() {
        String before = System.getProperty(Int8PromptProducts.PROPERTY);
        try {
            System.clearProperty(Int8PromptProducts.PROPERTY);
            assertFalse(Int8PromptProducts.chosen());
            System.setProperty(Int8PromptProducts.PROPERTY, "int-mm");
            assertTrue(Int8PromptProducts.chosen());
            System.setProperty(Int8PromptProducts.PROPERTY, "fast");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Int8PromptProducts::chosen);
            assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains(Int8PromptProducts.PROPERTY),
                    e.getMessage());
        } finally {
            if (before == null) System.clearProperty(Int8PromptProducts.PROPERTY);
            else System.setProperty(Int8PromptProducts.PROPERTY, before);
        }
    }

    /** A kernel whose int8 prompts go to PyTorch's int8 product, whatever the property says. */
    private static QuantizedProjectionKernel intMm(DecoderWeights weights, int threads) {
        return new QuantizedProjectionKernel(weights, threads, QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES,
                QuantizedProjectionKernel.CHUNK_BYTES, true);
    }
}
