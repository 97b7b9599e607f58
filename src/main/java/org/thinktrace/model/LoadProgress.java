package org.thinktrace.model;

/**
 * Receives the progress of loading weights, called on the loading thread after each tensor.
 * Loading stops with a {@link java.util.concurrent.CancellationException} when the loading thread
 * is interrupted; the interrupt flag stays set.
 */
@FunctionalInterface
public interface LoadProgress {

    /** Ignores progress. */
    LoadProgress NONE = (done, total) -> { };

    /**
     * @param bytesDone  checkpoint bytes read so far
     * @param bytesTotal checkpoint bytes the model needs in all
     */
    void update(long bytesDone, long bytesTotal);
}
