package org.thinktrace.train;

/**
 * Hyper-parameters of one training run.
 *
 * @param steps             optimizer steps in the whole run
 * @param batchTokens       padded tokens per batch at most (examples × longest example)
 * @param peakLearningRate  learning rate at the end of warm-up
 * @param minLearningRate   learning rate at the last step
 * @param warmupSteps       linear warm-up steps
 * @param weightDecay       AdamW decoupled weight decay on matrices
 * @param clipNorm          global gradient-norm ceiling
 * @param seed              seeds weights and batch order
 * @param checkpointEvery   steps between checkpoints (and one at the end); 0 for none
 * @param workers           threads that share each step's rows, each running PyTorch on one core
 *                          ({@link ShardedBackward}); 1 runs the step on the calling thread with the
 *                          runtime's threads. Part of the recipe: the sum of the shards' gradients
 *                          rounds differently from one undivided batch.
 */
public record TrainingSettings(int steps, int batchTokens, double peakLearningRate, double minLearningRate,
                               int warmupSteps, float weightDecay, float clipNorm, long seed, int checkpointEvery,
                               int workers) {

    public TrainingSettings {
        if (steps < 1 || batchTokens < 2 || clipNorm <= 0 || checkpointEvery < 0 || workers < 1) {
            throw new IllegalArgumentException("bad training settings: steps " + steps + ", batch tokens "
                    + batchTokens + ", clip " + clipNorm + ", checkpoint every " + checkpointEvery
                    + ", workers " + workers);
        }
    }

    /** The same settings with another step count (warm-up capped at a tenth of it). */
    public TrainingSettings withSteps(int newSteps) {
        return new TrainingSettings(newSteps, batchTokens, peakLearningRate, minLearningRate,
                Math.min(warmupSteps, Math.max(1, newSteps / 10)), weightDecay, clipNorm, seed, checkpointEvery, workers);
    }

    /** The same settings with another seed of the weights' initialisation and the batch order. */
    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(steps, batchTokens, peakLearningRate, minLearningRate, warmupSteps, weightDecay,
                clipNorm, newSeed, checkpointEvery, workers);
    }

    CosineSchedule schedule() {
        return new CosineSchedule(peakLearningRate, minLearningRate, warmupSteps, steps);
    }
}
