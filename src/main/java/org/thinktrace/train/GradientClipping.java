package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * Global-norm gradient clipping: the norm is taken over all gradients together, and when it
 * exceeds the ceiling every gradient is scaled by the same factor (DJL's {@code optClipGrad} only
 * clamps elements one by one).
 */
final class GradientClipping {

    private GradientClipping() {
    }

    /** sqrt of the sum of squares of every element of every gradient. */
    static double globalNorm(Collection<NDArray> gradients) {
        double sumOfSquares = 0;
        for (NDArray g : gradients) {
            sumOfSquares += g.square().sum().getFloat();   // [] per gradient
        }
        return Math.sqrt(sumOfSquares);
    }

    /** The factor that brings {@code norm} down to {@code ceiling}, or 1 when it is already below. */
    static float scale(double norm, float ceiling) {
        return norm > ceiling ? (float) (ceiling / norm) : 1f;
    }
}
