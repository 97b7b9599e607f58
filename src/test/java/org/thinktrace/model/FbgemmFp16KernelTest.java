package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder on {@link FbgemmFp16Kernel} against the naive {@link ReferenceDecoder} on the same FP16-rounded
 * weights (fbgemm keeps the activations in FP32, so only float rounding separates them), on one thread and on two
 * lanes with matrices cut into ragged pieces; the FP16 tensors freed once packed; greedy tokens of the bundled
 * model equal to the other FP16 kernel's; the fallback when the module cannot be loaded.
 */
class FbgemmFp16KernelTest extends NativeMemoryTest {

    private static final int[] PROMPT = {3, 17, 5, 29, 11, 0, 42, 7, 19, 23, 31, 2};
    private static final double TOLERANCE = 1e-4;
    /** Lanes split every matrix of 1 kB or more (FP16); packing cuts pieces of 3 rows of the hidden size (FP32). */
    private static final long MIN_SPLIT_BYTES = 1024;

    @Test
    void decodingMatchesTheReferenceOnTheHalfPrecisionWeights() {
        for (ModelConfig config : List.of(TinyModels.qwen2(), TinyModels.llama())) {
            Map<String, float[]> values = TinyModels.randomWeights(config, 31);
            float[][] reference = new ReferenceDecoder(config, roundedAsFp16Holds(config, values)).logits(PROMPT);
            for (int threads : new int[] {1, 2}) {
                DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values)
                        .convertTo(ComputePrecision.FP16);
                long pieceBytes = 3L * config.hiddenSize() * Float.BYTES;
                FbgemmFp16Kernel kernel = FbgemmFp16Kernel.loadOrNull(weights, threads, PyTorchQuantizedOps.SPEC,
                        MIN_SPLIT_BYTES, pieceBytes);
                assertNotNull(kernel);
                String where = config.architecture() + ", " + threads + " thread(s)";
                assertTrue(kernel.pieceCount(weights.layer(0).downProj()) > 2, where + ": the MLP's down_proj in pieces");
                try (Decoder decoder = new Decoder(weights, 32, kernel)) {
                    assertClose(reference[5], decoder.forward(Arrays.copyOf(PROMPT, 6)), where + ", prefill");
                    for (int p = 6; p < PROMPT.length; p++) {
                        assertClose(reference[p], decoder.forward(new int[] {PROMPT[p]}), where + ", step " + p);
                    }
                }
            }
        }
    }

    @Test
    void packedMatricesAreFreedButTheEmbeddingsAreKept() {
        for (ModelConfig config : List.of(TinyModels.qwen2(), TinyModels.llama())) {
            try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager,
                    TinyModels.randomWeights(config, 32)).convertTo(ComputePrecision.FP16);
                 FbgemmFp16Kernel kernel = FbgemmFp16Kernel.loadOrNull(weights, 2)) {
                assertNotNull(kernel);
                LayerWeights layer = weights.layer(1);
                assertTrue(layer.qProj().isReleased() && layer.gateProj().isReleased() && layer.downProj().isReleased(),
                        config.architecture() + ": projections held packed only");
                assertFalse(weights.embedTokens().isReleased(), config.architecture() + ": embeddings kept for the lookup");
                assertEquals(!config.tieWordEmbeddings(), weights.lmHead().isReleased(),
                        config.architecture() + ": lm_head freed unless it is the embeddings");
                assertEquals(new ai.djl.ndarray.types.Shape(config.intermediateSize(), config.hiddenSize()),
                        layer.gateProj().getShape(), "a freed weight still tells its shape");
            }
        }
    }

    /**
     * The bundled model's greedy continuation is the same on fbgemm as on PyTorch's FP16 products (as
     * {@link RowSplitKernel} runs them, on one thread here: the lanes change no value) and on FP32 weights.
     */
    @Test
    void greedyTokensOfTheBundledModelEqualTheOtherKernels() {
        Path folder = Path.of("models", "thinktrace-r1-tiny");
        ModelConfig config = ModelConfigLoader.load(folder);
        int[] fbgemm;
        int[] pytorch;
        int[] fp32;
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder, Decoder.maxTensors(config))) {
            DecoderWeights half = DecoderWeights.load(config, checkpoint, manager, ComputePrecision.FP16, LoadProgress.NONE);
            fbgemm = greedy(new Decoder(half, 96, FbgemmFp16Kernel.loadOrNull(half, 1)));
            DecoderWeights sameHalf = DecoderWeights.load(config, checkpoint, manager, ComputePrecision.FP16,
                    LoadProgress.NONE);
            pytorch = greedy(new Decoder(sameHalf, 96));
            DecoderWeights full = DecoderWeights.load(config, checkpoint, manager, LoadProgress.NONE);
            fp32 = greedy(new Decoder(full, 96));
        }
        assertArrayEquals(pytorch, fbgemm, "fbgemm against PyTorch's FP16 products");
        assertArrayEquals(fp32, fbgemm, "fbgemm against FP32");
    }

    @Test
    void aModulePyTorchRejectsLeavesTheWeightsToAnotherKernel() {
        ModelConfig config = TinyModels.qwen2();
        TorchScriptModuleSpec broken = new TorchScriptModuleSpec("Broken", List.of(
                "def fp16_pack(self, w: Tensor) -> Tensor:\n  return torch.matmul(w\n"));
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 33))
                .convertTo(ComputePrecision.FP16)) {
            assertNull(FbgemmFp16Kernel.loadOrNull(weights, 2, broken, MIN_SPLIT_BYTES, 1 << 20));
            assertFalse(weights.layer(0).qProj().isReleased(), "no weight freed");
        }
    }

    @Test
    void thePropertyChoosesPyTorchByDefaultAndRefusesOtherValues() {
        String before = System.getProperty(FbgemmFp16Kernel.PROPERTY);
        try {
            System.clearProperty(FbgemmFp16Kernel.PROPERTY);
            assertFalse(FbgemmFp16Kernel.chosen());
            System.setProperty(FbgemmFp16Kernel.PROPERTY, "fbgemm");
            assertTrue(FbgemmFp16Kernel.chosen());
            System.setProperty(FbgemmFp16Kernel.PROPERTY, "mkl");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, FbgemmFp16Kernel::chosen);
            assertTrue(e.getMessage().contains("thinktrace.fp16.kernel") && e.getMessage().contains("'mkl'"),
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(FbgemmFp16Kernel.PROPERTY);
            } else {
                System.setProperty(FbgemmFp16Kernel.PROPERTY, before);
            }
        }
    }

    /** 48 greedy tokens after the prompt; closes the decoder. */
    private static int[] greedy(Decoder decoder) {
        try (decoder) {
            int[] ids = new int[48];
            float[] logits = decoder.forward(PROMPT);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Stories260kTest.argmax(logits);
                logits = decoder.forward(new int[] {ids[i]});
            }
            return ids;
        }
    }

    /** The values as FP16 weights hold them: matrices and biases rounded to FP16, norm weights as they are. */
    private static Map<String, float[]> roundedAsFp16Holds(ModelConfig config, Map<String, float[]> values) {
        Map<String, float[]> rounded = TinyModels.roundTo(TensorDataType.F16, values);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            boolean converted = spec.shape().length == 2 || spec.key().endsWith(".bias");
            out.put(spec.key(), (converted ? rounded : values).get(spec.key()));
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        double error = TinyModels.relativeError(actual, expected);
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }
}
