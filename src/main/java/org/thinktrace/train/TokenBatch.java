package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One training batch in native memory: each example shifted by one (the model reads ids
 * {@code [0, n-1)} and predicts ids {@code [1, n)}), right-padded to the longest example with a
 * padding id, and a mask that is 1 exactly where the predicted id belongs to the completion.
 *
 * @param inputs      [B, T] INT32 ids the model reads
 * @param targets     [B, T] INT64 ids to predict at each position
 * @param mask        [B, T] FP32: 1 on completion targets, 0 on prompt and padding
 * @param maskedCount [] FP32: the number of ones in {@code mask}, the loss's denominator
 * @param tokens      B × T, the positions computed (padding included), for throughput figures
 */
record TokenBatch(NDArray inputs, NDArray targets, NDArray mask, NDArray maskedCount, long tokens) {

    /** Builds the batch of {@code examples} in {@code manager}, padding with {@code padId}. */
    static TokenBatch of(List<TrainingExample> examples, int padId, NDManager manager) {
        int rows = examples.size();
        int width = examples.stream().mapToInt(TrainingExample::length).max().orElseThrow() - 1;
        int[] inputs = new int[rows * width];
        long[] targets = new long[rows * width];
        float[] mask = new float[rows * width];
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            TrainingExample e = examples.get(r);
            int[] ids = e.ids();
            for (int t = 0; t < width; t++) {
                int at = r * width + t;
                boolean real = t + 1 < ids.length;
                inputs[at] = t < ids.length ? ids[t] : padId;
                targets[at] = real ? ids[t + 1] : padId;
                if (real && t + 1 >= e.promptLength()) {
                    mask[at] = 1f;
                    counted++;
                }
            }
        }
        Shape shape = new Shape(rows, width);
        return new TokenBatch(
                manager.create(inputs, shape),                       // [B, T]
                manager.create(targets, shape),                      // [B, T]
                manager.create(mask, shape),                         // [B, T]
                manager.create((float) counted),                     // []
                (long) rows * width);
    }
}
