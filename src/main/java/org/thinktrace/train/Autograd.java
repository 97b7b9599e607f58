package org.thinktrace.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;

/**
 * The two PyTorch autograd controls DJL's engine-neutral API lacks: pausing gradient recording on
 * this thread (for in-place parameter updates) and zeroing accumulated gradients (PyTorch adds each
 * backward pass to {@code .grad}; DJL's collector does not reset it).
 */
final class Autograd {

    private Autograd() {
    }

    /** Runs {@code work} with gradient recording off on this thread, then restores the previous mode. */
    static void withoutRecording(Runnable work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            work.run();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** Resets the gradient of each parameter to zero. */
    static void zeroGradients(Collection<NDArray> parameters) {
        for (NDArray p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
