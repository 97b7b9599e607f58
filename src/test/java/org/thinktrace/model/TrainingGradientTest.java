package org.thinktrace.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training forward is differentiable end to end: every parameter receives a finite, non-zero gradient. */
class TrainingGradientTest extends NativeMemoryTest {

    @Test
    void everyParameterGetsAGradient() {
        for (ModelConfig config : new ModelConfig[] {TinyModels.qwen2(), TinyModels.llama(), TinyModels.qwen3()}) {
            try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager,
                         TinyModels.randomWeights(config, 41));
                 DecoderStack stack = new DecoderStack(weights, ProjectionKernel.SERIAL);
                 NDManager batch = manager.newSubManager()) {
                weights.attachGradient();
                try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray ids = batch.create(new int[] {1, 4, 9, 16, 25, 36, 3, 5, 7, 11, 13, 17}).reshape(2, 6); // [B, T]
                    NDArray logits = stack.forwardTraining(ids);                              // [B, T, V]
                    NDArray loss = logits.logSoftmax(-1).mean().neg();                        // scalar
                    collector.backward(loss);
                }
                for (Map.Entry<String, NDArray> p : weights.parameters().entrySet()) {
                    float[] gradient = p.getValue().getGradient().toFloatArray();
                    double norm = 0;
                    for (float g : gradient) {
                        assertTrue(Float.isFinite(g), config.architecture() + " " + p.getKey() + " has a non-finite gradient");
                        norm += (double) g * g;
                    }
                    assertTrue(norm > 0, config.architecture() + " " + p.getKey() + " got no gradient");
                }
            }
        }
    }
}
