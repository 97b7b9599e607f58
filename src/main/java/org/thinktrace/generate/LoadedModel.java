package org.thinktrace.generate;

import java.nio.file.Path;
import java.util.List;
import org.thinktrace.model.ModelConfig;

/**
 * A model read by a {@link ModelSource}, ready to generate: its config, its text side (tokenizer, chat template,
 * prompt codec) and its {@link Generator}, which owns the decoder and the decoder's native memory (weights, KV
 * cache).
 *
 * <p>This object owns everything the load allocated: {@link #close()} stops the generator (which frees the
 * decoder and its native memory on the model thread), then frees the tokenizer. Close it once, when nothing
 * uses the generator any more.
 */
public final class LoadedModel implements AutoCloseable {

    private final Path path;
    private final List<Path> weightFiles;
    private final ModelConfig config;
    private final ModelText text;
    private final Generator generator;

    LoadedModel(Path path, List<Path> weightFiles, ModelConfig config, ModelText text, Generator generator) {
        this.path = path;
        this.weightFiles = List.copyOf(weightFiles);
        this.config = config;
        this.text = text;
        this.generator = generator;
    }

    /** The model's name as shown to people: the folder's name. */
    public String name() {
        return generator.modelName();
    }

    /** The folder (or file) the model was read from, as given. */
    public Path path() {
        return path;
    }

    /** The files the weights were read from, in reading order. */
    public List<Path> weightFiles() {
        return weightFiles;
    }

    public ModelConfig config() {
        return config;
    }

    /** The tokenizer, the chat template and the prompt codec over both. */
    public ModelText text() {
        return text;
    }

    public Generator generator() {
        return generator;
    }

    @Override
    public void close() {
        try {
            generator.close();
        } finally {
            text.close();
        }
    }
}
