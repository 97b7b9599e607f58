package org.thinktrace.train;

/** Receives training progress on the training thread. */
public interface TrainingListener {

    /** After each optimizer step. */
    void onStep(StepReport report);

    /** After a checkpoint was written. */
    default void onCheckpoint(int step) {
    }
}
