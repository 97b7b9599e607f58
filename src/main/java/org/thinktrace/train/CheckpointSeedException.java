package org.thinktrace.train;

import java.nio.file.Path;

/** The checkpoint to resume was written by a run of another seed: continuing it would change the batch order. */
public final class CheckpointSeedException extends IllegalStateException {

    public CheckpointSeedException(Path dir, long checkpointSeed, long runSeed) {
        super("the checkpoint in " + dir + " was trained with seed " + checkpointSeed + ", this run's seed is "
                + runSeed + ": resume it with --seed " + checkpointSeed);
    }
}
