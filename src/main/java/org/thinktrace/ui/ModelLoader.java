package org.thinktrace.ui;

import java.nio.file.Path;
import org.thinktrace.generate.TextGenerator;

/** Opens a model folder for the app. Called on a background thread. */
@FunctionalInterface
public interface ModelLoader {

    /** Told what loading is doing: a short stage name and, while weights are read, bytes read of all. */
    @FunctionalInterface
    interface Progress {
        void update(String stage, long bytesDone, long bytesTotal);
    }

    /**
     * Validates {@code folder} and loads the model in it. Cancelling interrupts the loading thread; the loader
     * then gives up with {@link java.util.concurrent.CancellationException} and frees what it built.
     *
     * @throws Exception with a message that names what is wrong (a missing file, a bad field) when the folder cannot be used
     */
    TextGenerator load(Path folder, Progress progress) throws Exception;
}
