package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;

/** The loss, its gradient, AdamW and clipping against plain-Java reference formulas. */
class OptimizationMathTest {

    private static DjlRuntime runtime;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));
        runtime.prepareTrainingThread();
        manager = runtime.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void maskedLossAndItsGradientMatchTheTextbookFormulas() {
        int rows = 2;
        int width = 3;
        int vocab = 5;
        Random random = new Random(3);
        float[] logits = new float[rows * width * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian() * 2;
        }
        TrainingExample a = new TrainingExample(new int[] {1, 2, 3, 4}, 2);   // targets 2,3,4; loss on 3,4
        TrainingExample b = new TrainingExample(new int[] {4, 0, 1}, 1);      // targets 0,1,pad; loss on 0,1
        try (NDManager step = manager.newSubManager()) {
            TokenBatch batch = TokenBatch.of(List.of(a, b), 0, step);
            NDArray logitArray = step.create(logits, new Shape(rows, width, vocab));
            logitArray.setRequiresGradient(true);
            float loss;
            float[] gradient;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray lossArray = MaskedCrossEntropy.loss(logitArray, batch);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            gradient = logitArray.getGradient().toFloatArray();

            int[][] targets = {{2, 3, 4}, {0, 1, 0}};
            boolean[][] counted = {{false, true, true}, {true, true, false}};
            double sum = 0;
            float[] expectedGradient = new float[logits.length];
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < width; t++) {
                    if (!counted[r][t]) {
                        continue;
                    }
                    int base = (r * width + t) * vocab;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int v = 0; v < vocab; v++) {
                        max = Math.max(max, logits[base + v]);
                    }
                    double z = 0;
                    for (int v = 0; v < vocab; v++) {
                        z += Math.exp(logits[base + v] - max);
                    }
                    sum += -(logits[base + targets[r][t]] - max - Math.log(z));
                    for (int v = 0; v < vocab; v++) {
                        double p = Math.exp(logits[base + v] - max) / z;
                        expectedGradient[base + v] = (float) ((p - (v == targets[r][t] ? 1 : 0)) / 4);
                    }
                }
            }
            assertEquals(sum / 4, loss, 1e-5);
            for (int i = 0; i < gradient.length; i++) {
                assertEquals(expectedGradient[i], gradient[i], 1e-6, "gradient element " + i);
            }
        }
    }

    @Test
    void adamWMatchesTheReferenceUpdateOverSeveralSteps() {
        float lr = 0.01f;
        float decay = 0.1f;
        AdamW.Settings s = AdamW.Settings.defaults(decay);
        float[] matrix = {0.5f, -0.3f, 0.2f, 0.8f};
        float[] bias = {0.1f, -0.2f};
        float[][] matrixGradients = {{0.1f, -0.2f, 0.3f, 0.05f}, {-0.4f, 0.1f, 0.0f, 0.2f}, {0.2f, 0.2f, -0.1f, -0.3f}};
        float[][] biasGradients = {{1f, -1f}, {0.5f, 0.25f}, {-0.3f, 0.6f}};
        float gradientScale = 0.5f;
        try (NDManager owner = manager.newSubManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("w", owner.create(matrix.clone(), new Shape(2, 2)));
            params.put("b", owner.create(bias.clone(), new Shape(2)));
            try (AdamW adam = new AdamW(params, s, owner)) {
                double[] m = new double[6];
                double[] v = new double[6];
                double[] reference = {matrix[0], matrix[1], matrix[2], matrix[3], bias[0], bias[1]};
                for (int t = 1; t <= 3; t++) {
                    float[] gw = matrixGradients[t - 1];
                    float[] gb = biasGradients[t - 1];
                    try (NDScope scope = new NDScope()) {
                        Map<String, NDArray> grads = Map.of("w", owner.create(gw, new Shape(2, 2)), "b", owner.create(gb));
                        Autograd.withoutRecording(() -> adam.update(params, grads, lr, gradientScale));
                    }
                    for (int i = 0; i < 6; i++) {
                        double g = (i < 4 ? gw[i] : gb[i - 4]) * gradientScale;
                        m[i] = 0.9 * m[i] + 0.1 * g;
                        v[i] = 0.95 * v[i] + 0.05 * g * g;
                        double mHat = m[i] / (1 - Math.pow(0.9, t));
                        double vHat = v[i] / (1 - Math.pow(0.95, t));
                        if (i < 4) {
                            reference[i] *= 1 - lr * decay;
                        }
                        reference[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }
                float[] w = params.get("w").toFloatArray();
                float[] b = params.get("b").toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(reference[i], w[i], 1e-6, "w[" + i + "]");
                }
                assertEquals(reference[4], b[0], 1e-6);
                assertEquals(reference[5], b[1], 1e-6);
                assertEquals(3, adam.updates());
            }
        }
    }

    @Test
    void globalNormClippingScalesAllGradientsByOneFactor() {
        try (NDManager owner = manager.newSubManager()) {
            List<NDArray> gradients = List.of(owner.create(new float[] {3f, 0f}), owner.create(new float[] {0f, 4f, 0f}));
            double norm = GradientClipping.globalNorm(gradients);
            assertEquals(5.0, norm, 1e-6);
            assertEquals(0.2f, GradientClipping.scale(norm, 1f), 1e-7);
            assertEquals(1f, GradientClipping.scale(norm, 10f));
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysToTheMinimum() {
        CosineSchedule s = new CosineSchedule(1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.rate(0), 1e-12);
        assertEquals(5e-4, s.rate(4), 1e-12);
        assertEquals(1e-3, s.rate(10), 1e-12);
        assertEquals(1e-4, s.rate(109), 1e-12);
        assertEquals(5.5e-4, s.rate(10 + 99 / 2) , 1e-5);
        for (int step = 11; step < 110; step++) {
            assertTrue(s.rate(step) <= s.rate(step - 1), "rate rises at step " + step);
        }
    }
}
