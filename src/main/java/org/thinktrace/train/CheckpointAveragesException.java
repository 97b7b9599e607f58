package org.thinktrace.train;

import java.nio.file.Path;

/**
 * The checkpoint to resume lacks a weight average that the resumed run keeps and that would have begun by the
 * checkpoint's step: the run that wrote it was begun without that average, so it cannot be continued.
 */
public final class CheckpointAveragesException extends IllegalStateException {

    public CheckpointAveragesException(Path dir, int checkpointStep, int start) {
        super("the checkpoint in " + dir + " is at step " + checkpointStep + " but keeps no average of the weights from"
                + " step " + start + ", which this run keeps (--average-from " + start + ", or the recipe's averaged"
                + " last steps): resume it with the recipe and the --average-from steps it was begun with, or averages"
                + " that begin after step " + checkpointStep);
    }
}
