package org.thinktrace.train;

/** The loss or the gradient norm became infinite or NaN: the run cannot continue. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(int step, float loss, double gradientNorm) {
        super("training diverged at step " + step + ": loss " + loss + ", gradient norm " + gradientNorm
                + " (lower the learning rate or resume from the last checkpoint)");
    }
}
