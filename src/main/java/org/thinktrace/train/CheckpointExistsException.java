package org.thinktrace.train;

import java.nio.file.Path;

/** The output folder holds a checkpoint of an earlier run, and resuming was not asked for. */
public final class CheckpointExistsException extends IllegalStateException {

    public CheckpointExistsException(Path dir) {
        super(dir + " holds a checkpoint of an earlier run: pass --resume to continue it, or choose another --out");
    }
}
