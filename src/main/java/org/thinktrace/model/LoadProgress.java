package org.thinktrace.model;

/**
 * Receives the progress of loading a model, called on the loading thread: the stage it is in and, while
 * weights are read, the checkpoint bytes read so far and in all (after each tensor). The one progress
 * interface of a load, from the weight reader up to the command line's bar and the app's status bar.
 *
 * <p>Loading stops with a {@link java.util.concurrent.CancellationException} when the loading thread is
 * interrupted; the interrupt flag stays set.
 */
@FunctionalInterface
public interface LoadProgress {

    /** What a load is doing, in the order a load goes through them. */
    enum Stage {
        /** Reading and checking the folder: config, shard index and safetensors headers. */
        CHECKING,
        /** Building the tokenizer and the chat template. */
        TOKENIZER,
        /** Reading the weights into native memory; bytes are counted. */
        WEIGHTS,
        /** Hashing the weight files to record which model wrote each response; bytes are counted. */
        HASHING,
        /** Loaded and ready to generate. */
        READY
    }

    /** Ignores progress. */
    LoadProgress NONE = (stage, done, total) -> { };

    /**
     * @param stage      what the load is doing
     * @param bytesDone  checkpoint bytes read or hashed so far (0 outside {@link Stage#WEIGHTS} and {@link Stage#HASHING})
     * @param bytesTotal checkpoint bytes in all (0 outside {@link Stage#WEIGHTS} and {@link Stage#HASHING})
     */
    void update(Stage stage, long bytesDone, long bytesTotal);
}
