package org.thinktrace.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder (or GGUF file) that cannot be used as a model: missing or broken files. The message names the folder and
 * every problem found (each naming its file, and the field or tensor when one is at fault).
 */
public class ModelFolderException extends Exception {

    private final Path folder;
    private final List<String> problems;

    public ModelFolderException(Path folder, List<String> problems, Throwable cause) {
        this(folder, "model folder", problems, cause);
    }

    public ModelFolderException(Path folder, String problem, Throwable cause) {
        this(folder, List.of(problem), cause);
    }

    /** {@code source} named as {@code kind} ("model folder", "GGUF model file") in the message. */
    private ModelFolderException(Path folder, String kind, List<String> problems, Throwable cause) {
        super(folder + " is not a usable " + kind + ": "
                + (problems.size() == 1 ? problems.get(0) : "\n  - " + String.join("\n  - ", problems)), cause);
        this.folder = folder;
        this.problems = List.copyOf(problems);
    }

    /** A GGUF file that cannot be used as a model; {@code problem} names the metadata key or tensor at fault. */
    public static ModelFolderException ggufFile(Path file, String problem, Throwable cause) {
        return new ModelFolderException(file, "GGUF model file", List.of(problem), cause);
    }

    /** The folder, or the GGUF file, that cannot be used. */
    public Path folder() {
        return folder;
    }

    /** Each problem on its own, for a dialog's list. */
    public List<String> problems() {
        return problems;
    }
}
