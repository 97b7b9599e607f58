package org.thinktrace.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gradients that training uses are the true derivatives of the loss: for sampled elements of
 * every parameter of the first and last layer and of the embeddings, autograd's value agrees with
 * a central finite difference {@code (L(w + h) - L(w - h)) / 2h} of the training forward pass, for
 * all three architectures and a batch of two rows (so a mix-up of rows, heads or positions in the
 * batched attention would show).
 */
class FiniteDifferenceGradientTest extends NativeMemoryTest {

    private static final int LENGTH = 6;
    private static final int[] IDS = {1, 4, 9, 16, 25, 3, 5, 7, 11, 13, 17, 2};      // 2 rows of LENGTH
    private static final long[] TARGETS = {4, 9, 16, 25, 3, 5, 7, 11, 13, 17, 2, 8};  // next ids
    private static final float STEP = 1e-2f;
    private static final int ELEMENTS_PER_PARAMETER = 3;

    @Test
    void autogradMatchesFiniteDifferences() {
        for (ModelConfig config : new ModelConfig[] {TinyModels.qwen2(), TinyModels.llama(), TinyModels.qwen3()}) {
            try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 7));
                 DecoderStack stack = new DecoderStack(weights, ProjectionKernel.SERIAL)) {
                weights.attachGradient();
                try (NDManager batch = manager.newSubManager();
                     GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    collector.backward(loss(stack, batch));
                }
                Map<String, float[]> gradients = new LinkedHashMap<>();
                weights.parameters().forEach((key, p) -> gradients.put(key, p.getGradient().toFloatArray()));
                String lastLayer = "layers." + (config.numHiddenLayers() - 1) + ".";
                SplittableRandom random = new SplittableRandom(3);
                weights.parameters().forEach((key, parameter) -> {
                    if (key.contains("layers.0.") || key.contains(lastLayer) || key.contains("embed") || key.contains("lm_head") || key.endsWith("model.norm.weight")) {
                        checkParameter(config, stack, key, parameter, gradients.get(key), random);
                    }
                });
            }
        }
    }

    private static void checkParameter(ModelConfig config, DecoderStack stack, String key, NDArray parameter,
                                       float[] gradient, SplittableRandom random) {
        float[] original = parameter.toFloatArray();
        for (int n = 0; n < ELEMENTS_PER_PARAMETER; n++) {
            int index = random.nextInt(original.length);
            float[] shifted = original.clone();
            shifted[index] = original[index] + STEP;
            parameter.set(shifted);
            float above = lossValue(stack);
            shifted[index] = original[index] - STEP;
            parameter.set(shifted);
            float below = lossValue(stack);
            parameter.set(original);
            double numeric = (above - below) / (2.0 * STEP);
            assertEquals(numeric, gradient[index], 1e-3 + 2e-2 * Math.abs(numeric),
                    config.architecture() + " " + key + "[" + index + "]: autograd " + gradient[index]
                            + ", finite difference " + numeric);
        }
    }

    private static float lossValue(DecoderStack stack) {
        try (NDManager batch = manager.newSubManager()) {
            return loss(stack, batch).getFloat();
        }
    }

    /** Mean negative log-likelihood of {@link #TARGETS}: a scalar attached to {@code batch}. */
    private static NDArray loss(DecoderStack stack, NDManager batch) {
        NDArray ids = batch.create(IDS).reshape(2, LENGTH);                                // [B, T]
        NDArray logits = stack.forwardTraining(ids);                                         // [B, T, V]
        NDArray logProbabilities = logits.logSoftmax(-1).reshape(IDS.length, -1);          // [B*T, V]
        NDArray targets = batch.create(Arrays.copyOf(TARGETS, TARGETS.length)).reshape(IDS.length, 1); // [B*T, 1]
        return logProbabilities.gather(targets, 1).mean().neg();                            // []
    }
}
