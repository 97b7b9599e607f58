package org.thinktrace.generate;

import java.nio.file.Path;
import org.thinktrace.model.LoadProgress;

/**
 * Where a model comes from, and how it is read: each file once, into a {@link LoadedModel} that owns
 * everything read: a Hugging Face model folder ({@link ModelFolder}) or a single GGUF file
 * ({@link GgufModelFile}), chosen by {@link #at}, with no change to the callers.
 *
 * <p>Problems with the source (missing files, a broken config, tokenizer or checkpoint) are a
 * {@link ModelFolderException} that names every problem found, each naming its file and what to do; a PyTorch
 * runtime that cannot start is a {@link org.thinktrace.model.NativeLibraryMissingException}. Interrupting the
 * loading thread stops a load with a {@link java.util.concurrent.CancellationException} (the interrupt flag
 * stays set) and frees whatever was built so far.
 */
public interface ModelSource {

    /** The source of the model at {@code path}: a GGUF file for a regular file named {@code *.gguf}, else a folder. */
    static ModelSource at(Path path) {
        return GgufModelFile.isGgufFile(path) ? new GgufModelFile(path) : new ModelFolder(path);
    }

    /** The path the user gave: a model folder or a GGUF file. */
    Path path();

    /**
     * Reads the source's text side only, no weights: tokenizer and chat template, enough to render and encode
     * prompts. The caller closes the result.
     */
    ModelText loadText() throws ModelFolderException;

    /**
     * Reads the whole model, reporting its stages and the checkpoint bytes read to {@code progress}. The caller
     * closes the result, which frees everything the load allocated.
     */
    LoadedModel load(LoadOptions options, LoadProgress progress) throws ModelFolderException;
}
