package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Int8 matrices with one scale per row on fbgemm: projections of a decode row, a batched step's rows and a prompt
 * against a double-precision product of the dequantized weights, within the bound that the input's 8-bit rounding
 * (one step for the whole call) sets; freeing the app's int8 values changes no result; a module PyTorch rejects, or
 * one that computes something else, leaves the Java kernels in place.
 */
class FbgemmInt8ProductsTest extends NativeMemoryTest {

    @Test
    void decodeBatchedAndPromptRowsStayWithinTheInputRoundingBound() {
        Random random = new Random(51);
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 52))
                .convertTo(ComputePrecision.INT8);
             QuantizedProjectionKernel kernel = fbgemm(weights, QuantizedProjectionKernel.Fbgemm.KEEPING);
             NDManager step = manager.newSubManager()) {
            assertTrue(kernel.promptKernelName().contains("fbgemm"), kernel.promptKernelName());
            LayerWeights layer = weights.layer(0);
            Projection[] projections = {new Projection(layer.qProj(), layer.qBias()), new Projection(layer.downProj(), null)};
            for (int rows : new int[] {1, QuantizedProjectionKernel.MAX_GEMV_ROWS, 12}) {
                for (Projection projection : projections) {
                    Int8Matrix matrix = (Int8Matrix) weights.quantized(projection.weight());
                    float[] input = RandomMatrices.gaussian(random, rows * matrix.cols());
                    NDArray out = kernel.project(step.create(input, new Shape(1, rows, matrix.cols())), projection)[0];
                    assertEquals(new Shape(1, rows, matrix.rows()), out.getShape());
                    float[] bias = projection.bias() == null ? new float[matrix.rows()] : projection.bias().toFloatArray();
                    assertWithinTensorRounding(matrix, input, bias, out.toFloatArray(), rows + " rows");
                }
            }
        }
    }

    @Test
    void freeingTheInt8ValuesAfterPackingChangesNoResult() {
        Random random = new Random(53);
        ModelConfig config = TinyModels.llama();
        var values = TinyModels.randomWeights(config, 54);
        try (DecoderWeights kept = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
             DecoderWeights freed = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.INT8);
             QuantizedProjectionKernel keeping = fbgemm(kept, QuantizedProjectionKernel.Fbgemm.KEEPING);
             QuantizedProjectionKernel releasing = fbgemm(freed, QuantizedProjectionKernel.Fbgemm.RELEASING);
             NDManager step = manager.newSubManager()) {
            for (QuantizedMatrix matrix : freed.quantizedProjections()) {
                assertTrue(matrix.values().isReleased(), "the int8 values of a packed matrix are freed");
            }
            for (QuantizedMatrix matrix : kept.quantizedProjections()) {
                assertFalse(matrix.values().isReleased());
            }
            float[] input = RandomMatrices.gaussian(random, 3 * config.hiddenSize());
            NDArray x = step.create(input, new Shape(3, config.hiddenSize()));
            assertArrayEquals(keeping.project(x, new Projection(kept.lmHead(), null))[0].toFloatArray(),
                    releasing.project(x, new Projection(freed.lmHead(), null))[0].toFloatArray(), "the tied lm_head");
            assertArrayEquals(keeping.project(x, new Projection(kept.layer(1).upProj(), null))[0].toFloatArray(),
                    releasing.project(x, new Projection(freed.layer(1).upProj(), null))[0].toFloatArray(), "up_proj");
        }
    }

    @Test
    void aModulePyTorchRejectsOrOneThatComputesSomethingElseLeavesTheJavaKernels() {
        ModelConfig config = TinyModels.qwen2();
        TorchScriptModuleSpec broken = new TorchScriptModuleSpec("Broken", List.of(
                "def fbgemm_mm(self, x: Tensor, w: Tensor, r: bool) -> Tensor:\n  return torch.matmul(x, w\n"));
        TorchScriptModuleSpec wrong = new TorchScriptModuleSpec("Wrong", List.of(
                "def fbgemm_pack(self, w: Tensor, scales: Tensor) -> Tensor:\n  return w\n",
                "def fbgemm_mm(self, x: Tensor, w: Tensor, r: bool) -> Tensor:\n"
                        + "  return torch.zeros([torch.size(x, 0), torch.size(w, 0)])\n"));
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 55))
                .convertTo(ComputePrecision.INT8)) {
            assertNull(FbgemmInt8Products.loadOrNull(weights, true, broken));
            assertNull(FbgemmInt8Products.loadOrNull(weights, true, wrong), "a module that computes something else is refused");
            for (QuantizedMatrix matrix : weights.quantizedProjections()) {
                assertFalse(matrix.values().isReleased(), "nothing is freed when fbgemm is not used");
            }
        }
    }

    @Test
    void thePropertyChoosesTheJavaKernelsByDefaultAndRefusesOtherValues() {
        String before = System.getProperty(FbgemmInt8Products.PROPERTY);
        try {
            System.clearProperty(FbgemmInt8Products.PROPERTY);
            assertFalse(FbgemmInt8Products.chosen());
            System.setProperty(FbgemmInt8Products.PROPERTY, "fbgemm");
            assertTrue(FbgemmInt8Products.chosen());
            System.setProperty(FbgemmInt8Products.PROPERTY, "onednn");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FbgemmInt8Products::chosen);
            assertTrue(e.getMessage().contains("'onednn'") && e.getMessage().contains(FbgemmInt8Products.PROPERTY),
                    e.getMessage());
        } finally {
            if (before == null) System.clearProperty(FbgemmInt8Products.PROPERTY);
            else System.setProperty(FbgemmInt8Products.PROPERTY, before);
        }
    }

    /**
     * Each result against {@code bias + Σ input × dequantized weight} in double precision: fbgemm rounds the whole
     * input to a grid of (max(x, 0) - min(x, 0)) / 255 (/ 127 without VNNI) that holds 0, which moves each input by at
     * most half a step, so each result by at most half a step times its row's sum of |weights|.
     */
    private static void assertWithinTensorRounding(Int8Matrix matrix, float[] input, float[] bias, float[] actual,
                                                   String where) {
        double min = 0;
        double max = 0;
        for (float v : input) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double halfStep = (max - min) / (FbgemmInt8Products.hasVnni() ? 255 : 127) / 2;
        Int8PromptProductsTest.assertWithinInputRounding(matrix, input, bias, actual, m -> halfStep, where);
    }

    private static QuantizedProjectionKernel fbgemm(DecoderWeights weights, QuantizedProjectionKernel.Fbgemm fbgemm) {
        return new QuantizedProjectionKernel(weights, 2, QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES,
                QuantizedProjectionKernel.CHUNK_BYTES, StagingTensors.DEFAULT_SLAB_BYTES, false, fbgemm);
    }
}
