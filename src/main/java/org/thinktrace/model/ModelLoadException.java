package org.thinktrace.model;

import java.nio.file.Path;

/**
 * A model folder could not be loaded because one of its files is missing, malformed or asks for
 * something ThinkTrace does not support. Unchecked: callers that load a model catch it once, at
 * the place that shows the message to the user.
 *
 * <p>The message always names the offending file and, where there is one, the tensor, field or
 * value; it is written for the person who chose the folder, not for a developer.
 */
public class ModelLoadException extends RuntimeException {

    private final Path file;

    public ModelLoadException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public ModelLoadException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file (or folder) the problem was found in. */
    public Path file() {
        return file;
    }
}
