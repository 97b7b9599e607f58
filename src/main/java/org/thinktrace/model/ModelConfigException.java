package org.thinktrace.model;

import java.nio.file.Path;

/**
 * A {@code config.json} or {@code generation_config.json} is missing, malformed, or describes a
 * model ThinkTrace cannot run. The message starts with the file and names the field.
 */
public class ModelConfigException extends ModelLoadException {

    public ModelConfigException(Path file, String message) {
        super(file, file + ": " + message);
    }

    public ModelConfigException(Path file, String message, Throwable cause) {
        super(file, file + ": " + message, cause);
    }
}
