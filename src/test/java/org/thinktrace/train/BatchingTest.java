package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.RuntimeSettings;

class BatchingTest {

    private static List<TrainingExample> examples(int count, long seed) {
        Random random = new Random(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 5 + random.nextInt(600);
            out.add(new TrainingExample(random.ints(length, 0, 50).toArray(), 1 + random.nextInt(length - 1)));
        }
        return out;
    }

    @Test
    void everyEpochVisitsEachExampleOnceWithinTheTokenBudget() {
        List<TrainingExample> examples = examples(300, 1);
        BatchPlan plan = new BatchPlan(examples, 2048, 9);
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] seen = new int[examples.size()];
            for (int b = 0; b < plan.batchesPerEpoch(); b++) {
                int[] batch = plan.batchAt((long) epoch * plan.batchesPerEpoch() + b);
                int longest = Arrays.stream(batch).map(i -> examples.get(i).length()).max().orElseThrow();
                assertTrue(batch.length == 1 || batch.length * longest <= 2048, "batch over budget");
                assertTrue(batch.length == 1 || (long) batch.length * longest * longest <= 2048L * BatchPlan.ATTENTION_SPAN,
                        "batch of long examples over the attention budget");
                for (int i : batch) {
                    seen[i]++;
                }
            }
            for (int count : seen) {
                assertEquals(1, count);
            }
        }
    }

    @Test
    void batchOfAStepDependsOnlyOnTheStep() {
        List<TrainingExample> examples = examples(200, 2);
        BatchPlan first = new BatchPlan(examples, 3000, 4);
        BatchPlan second = new BatchPlan(examples, 3000, 4);
        for (long step : new long[] {0, 5, 77, 3, 150, 1}) {
            assertArrayEquals(first.batchAt(step), second.batchAt(step));
        }
        int n = first.batchesPerEpoch();
        assertTrue(!Arrays.equals(first.batchAt(0), first.batchAt(n)) || !Arrays.equals(first.batchAt(1), first.batchAt(n + 1)),
                "epochs should be shuffled differently");
    }

    @Test
    void batchShiftsTargetsPadsRowsAndMasksThePrompt() {
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));
        try (NDManager manager = runtime.newManager()) {
            List<TrainingExample> rows = List.of(
                    new TrainingExample(new int[] {10, 11, 12, 13, 14}, 3),
                    new TrainingExample(new int[] {20, 21, 22}, 1));
            TokenBatch batch = TokenBatch.of(rows, 99, manager);
            assertEquals(8, batch.tokens());
            assertArrayEquals(new int[] {10, 11, 12, 13, 20, 21, 22, 99}, batch.inputs().toIntArray());
            assertArrayEquals(new long[] {11, 12, 13, 14, 21, 22, 99, 99}, batch.targets().toLongArray());
            assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 0, 0}, batch.mask().toFloatArray());
            assertEquals(4f, batch.maskedCount().getFloat());
            assertEquals(4, rows.stream().mapToInt(TrainingExample::completionLength).sum(),
                    "the loss denominator data-parallel shards share is the batch's masked count");
        }
    }
}
