package org.thinktrace.model;

import java.nio.file.Path;

/**
 * A safetensors or GGUF checkpoint is broken, hostile, incomplete or of a refused kind (PyTorch pickle).
 * The message starts with the file and names the tensor involved.
 */
public class CheckpointException extends ModelLoadException {

    public CheckpointException(Path file, String message) {
        super(file, file + ": " + message);
    }

    public CheckpointException(Path file, String message, Throwable cause) {
        super(file, file + ": " + message, cause);
    }
}
