package org.thinktrace.ui;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.thinktrace.generate.TextGenerator;

/** Opens a model folder for the app. Called on a background thread. */
@FunctionalInterface
public interface ModelLoader {

    /**
     * Validates {@code folder} and loads the model in it.
     *
     * @param bytesRead told how many weight bytes were read so far, out of {@link #sizeOf}
     * @param cancelled polled while loading; when it turns true the loader gives up with {@link java.util.concurrent.CancellationException}
     * @throws Exception with a message that names what is wrong (a missing file, a bad field) when the folder cannot be used
     */
    TextGenerator load(Path folder, LongConsumer bytesRead, BooleanSupplier cancelled) throws Exception;

    /** The weight bytes {@link #load} will read, for a progress bar; 0 when unknown. */
    default long sizeOf(Path folder) {
        return 0;
    }
}
