package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL decoder against the naive {@link ReferenceDecoder} on tiny random weights. */
class DecoderReferenceTest extends NativeMemoryTest {

    private static final double TOLERANCE = 1e-4;
    private static final int[] PROMPT = {3, 17, 5, 29, 11, 0, 42, 7, 19, 23};

    @TempDir
    Path folder;

    @Test
    void qwen2FromSingleF32FileMatchesReference() throws IOException {
        assertPrefillMatches(TinyModels.qwen2(), 11, TensorDataType.F32, 1);
    }

    @Test
    void llamaWithLlama3RopeScalingFromShardedBf16MatchesReference() throws IOException {
        assertPrefillMatches(TinyModels.llama(), 12, TensorDataType.BF16, 3);
    }

    @Test
    void qwen3WithQkNormFromBf16FileMatchesReference() throws IOException {
        assertPrefillMatches(TinyModels.qwen3(), 13, TensorDataType.BF16, 1);
    }

    @Test
    void qwen3WithYarnRopeScalingMatchesReference() throws IOException {
        assertPrefillMatches(TinyModels.qwen3Yarn(), 24, TensorDataType.BF16, 1);
    }

    @Test
    void qwen3WithYarnDecodesTokenByTokenLikeTheReference() {
        ModelConfig config = TinyModels.qwen3Yarn();
        Map<String, float[]> values = TinyModels.randomWeights(config, 25);
        float[][] expected = new ReferenceDecoder(config, values).logits(PROMPT);
        try (Decoder decoder = new Decoder(DecoderWeights.fromFloatArrays(config, manager, values), 32)) {
            float[] logits = decoder.forward(Arrays.copyOf(PROMPT, 3));
            assertTrue(TinyModels.relativeError(logits, expected[2]) < TOLERANCE, "prefill");
            for (int p = 3; p < PROMPT.length; p++) {
                logits = decoder.forward(new int[] {PROMPT[p]});
                assertTrue(TinyModels.relativeError(logits, expected[p]) < TOLERANCE, "decode position " + p);
            }
        }
    }

    @Test
    void qwen2FromShardedF16MatchesReference() throws IOException {
        assertPrefillMatches(TinyModels.qwen2(), 15, TensorDataType.F16, 2);
    }

    @Test
    void fp16WeightsStayCloseToTheReference() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 19);
        float[][] expected = new ReferenceDecoder(config, TinyModels.roundTo(TensorDataType.F16, values)).logits(PROMPT);
        DecoderWeights half = DecoderWeights.fromFloatArrays(config, manager, values).convertTo(ComputePrecision.FP16);
        assertEquals(DataType.FLOAT16, half.layer(0).qProj().getDataType());
        assertEquals(DataType.FLOAT32, half.norm().getDataType());
        try (Decoder decoder = new Decoder(half, 32)) {
            float[] prefill = decoder.forward(Arrays.copyOf(PROMPT, 6));
            float[] step = decoder.forward(Arrays.copyOfRange(PROMPT, 6, 7));
            // activations are rounded to FP16 before each product: about 1e-3 relative per layer
            assertTrue(TinyModels.relativeError(prefill, expected[5]) < 1e-2, "prefill");
            assertTrue(TinyModels.relativeError(step, expected[6]) < 1e-2, "decode step");
        }
    }

    @Test
    void fp16LoadingMatchesFp16Conversion() throws IOException {
        ModelConfig config = TinyModels.qwen3();
        Map<String, float[]> values = TinyModels.randomWeights(config, 20);
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.BF16, 1);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
             DecoderWeights loaded = DecoderWeights.load(config, checkpoint, manager, ComputePrecision.FP16,
                     LoadProgress.NONE)) {
            Map<String, float[]> expected = TinyModels.roundTo(TensorDataType.F16,
                    TinyModels.roundTo(TensorDataType.BF16, values));
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                NDArray array = loaded.parameters().get(spec.key());
                boolean half = spec.shape().length == 2;
                assertEquals(half ? DataType.FLOAT16 : DataType.FLOAT32, array.getDataType(), spec.key());
                float[] actual = array.toType(DataType.FLOAT32, true).toFloatArray();
                float[] wanted = half ? expected.get(spec.key()) : TinyModels.roundTo(TensorDataType.BF16, values).get(spec.key());
                assertEquals(0.0, TinyModels.relativeError(actual, wanted), 1e-7, spec.key());
            }
        }
    }

    @Test
    void loadingReportsProgressUpToTheCheckpointSize() throws IOException {
        ModelConfig config = TinyModels.qwen3();
        TinyModels.writeCheckpoint(folder, config, TinyModels.randomWeights(config, 16), TensorDataType.BF16, 2);
        List<long[]> updates = new ArrayList<>();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
             DecoderWeights weights = DecoderWeights.load(config, checkpoint, manager,
                     (stage, done, total) -> updates.add(new long[] {done, total}))) {
            long expectedTotal = 0;
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                expectedTotal += spec.elementCount() * 2;
            }
            assertTrue(updates.size() >= 2, "at least a start and an end");
            assertEquals(0, updates.get(0)[0]);
            for (int i = 1; i < updates.size(); i++) {
                assertTrue(updates.get(i)[0] >= updates.get(i - 1)[0], "progress never goes back");
                assertEquals(expectedTotal, updates.get(i)[1]);
            }
            assertEquals(expectedTotal, updates.get(updates.size() - 1)[0]);
            assertEquals(expectedTotal * 2, weights.byteSize());
        }
    }

    @Test
    void interruptedLoadingIsCancelled() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        TinyModels.writeCheckpoint(folder, config, TinyModels.randomWeights(config, 17), TensorDataType.F32, 1);
        assertLoadIsCancelled(config, () -> Thread.currentThread().interrupt(), LoadProgress.NONE);
    }

    @Test
    void loadingInterruptedHalfwayStopsAndFreesEverything() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        TinyModels.writeCheckpoint(folder, config, TinyModels.randomWeights(config, 27), TensorDataType.BF16, 2);
        LoadProgress interruptOnFirstTensor = (stage, done, total) -> {
            if (done > 0) {
                Thread.currentThread().interrupt();
            }
        };
        assertLoadIsCancelled(config, () -> { }, interruptOnFirstTensor);
    }

    /**
     * Loading the checkpoint in {@link #folder} (after {@code beforeLoad}, with the checkpoint open)
     * ends in a {@link CancellationException}, leaves the interrupt flag set (cleared here) and
     * frees every array it allocated.
     */
    private void assertLoadIsCancelled(ModelConfig config, Runnable beforeLoad, LoadProgress progress) {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            int before = manager.getManagedArrays().size();
            beforeLoad.run();
            try {
                assertThrows(CancellationException.class,
                        () -> DecoderWeights.load(config, checkpoint, manager, progress));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt flag stays set");
            }
            assertEquals(before, manager.getManagedArrays().size(), "a cancelled load frees what it allocated");
        }
    }

    @Test
    void misshapenTensorIsRejectedWithItsName() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 18);
        TinyModels.writeCheckpoint(folder, config, values, TensorDataType.F32, 1);
        ModelConfig wider = new ModelConfig(config.architecture(), config.hiddenSize(), config.intermediateSize() + 1,
                config.numHiddenLayers(), config.numAttentionHeads(), config.numKeyValueHeads(), config.headDim(),
                config.vocabSize(), config.maxPositionEmbeddings(), config.rmsNormEps(), config.ropeTheta(),
                null, false, true, false, 1, List.of(2));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> DecoderWeights.load(wider, checkpoint, manager, LoadProgress.NONE));
            assertTrue(e.getMessage().contains("model.layers.0.mlp.gate_proj.weight"), e.getMessage());
        }
    }

    @Test
    void trainingForwardMatchesReferenceAtEveryPosition() {
        ModelConfig config = TinyModels.qwen2();
        Map<String, float[]> values = TinyModels.randomWeights(config, 14);
        float[][] expected = new ReferenceDecoder(config, values).logits(PROMPT);
        int[] batch = new int[PROMPT.length * 2];
        for (int i = 0; i < PROMPT.length; i++) {
            batch[i] = PROMPT[i];
            batch[PROMPT.length + i] = PROMPT[PROMPT.length - 1 - i];
        }
        float[][] reversed = new ReferenceDecoder(config, values).logits(reverse(PROMPT));
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, values);
             DecoderStack stack = new DecoderStack(weights, ProjectionKernel.SERIAL);
             NDManager step = manager.newSubManager()) {
            NDArray ids = step.create(batch).reshape(2, PROMPT.length);          // [2, T]
            NDArray logits = stack.forwardTraining(ids);                          // [2, T, V]
            assertEquals(3, logits.getShape().dimension());
            float[] all = logits.toFloatArray();
            int vocab = config.vocabSize();
            for (int p = 0; p < PROMPT.length; p++) {
                float[] row0 = Arrays.copyOfRange(all, p * vocab, (p + 1) * vocab);
                int offset = (PROMPT.length + p) * vocab;
                float[] row1 = Arrays.copyOfRange(all, offset, offset + vocab);
                assertTrue(TinyModels.relativeError(row0, expected[p]) < TOLERANCE, "row 0 position " + p);
                assertTrue(TinyModels.relativeError(row1, reversed[p]) < TOLERANCE, "row 1 position " + p);
            }
        }
    }

    private static int[] reverse(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[ids.length - 1 - i];
        }
        return out;
    }

    private void assertPrefillMatches(ModelConfig config, long seed, TensorDataType dtype, int shards)
            throws IOException {
        Map<String, float[]> values = TinyModels.randomWeights(config, seed);
        TinyModels.writeCheckpoint(folder, config, values, dtype, shards);
        int[] ids = clampToVocabulary(PROMPT, config.vocabSize());
        float[][] expected = new ReferenceDecoder(config, TinyModels.roundTo(dtype, values)).logits(ids);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
             Decoder decoder = new Decoder(DecoderWeights.load(config, checkpoint, manager, LoadProgress.NONE), 32)) {
            float[] actual = decoder.forward(ids);
            double error = TinyModels.relativeError(actual, expected[ids.length - 1]);
            assertTrue(error < TOLERANCE, config.architecture() + " relative error " + error);
            assertEquals(ids.length, decoder.position());
        }
    }

    private static int[] clampToVocabulary(int[] ids, int vocab) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i] % vocab;
        }
        return out;
    }
}
