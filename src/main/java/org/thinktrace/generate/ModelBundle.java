package org.thinktrace.generate;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.ModelLoadException;
import org.thinktrace.model.RuntimeSettings;

/**
 * A model folder loaded in one call, for the command line and the desktop app alike: config, tokenizer,
 * chat template, weights and decoder, ready as a {@link Generator}.
 *
 * <p>Loading reports its stage and the checkpoint bytes read to a {@link Progress}, and stops with a
 * {@link CancellationException} when the loading thread is interrupted (the interrupt flag stays set);
 * whatever was built so far is freed. Problems with the folder (missing files, a broken config, tokenizer
 * or checkpoint) are a {@link ModelFolderException} naming the file; a PyTorch runtime that cannot start
 * is a {@link org.thinktrace.model.NativeLibraryMissingException}. {@link #close()} stops the generator
 * (which frees the model and its native memory on the model thread), then the tokenizer.
 */
public final class ModelBundle implements AutoCloseable {

    /** Tokens of KV cache reserved when no limit is given (R1 distills allow 128k, which would take gigabytes). */
    public static final int DEFAULT_CONTEXT_LIMIT = 16_384;

    /** What a load is doing, for progress bars. */
    public enum Stage { CHECKING, CONFIG, TOKENIZER, WEIGHTS, READY }

    /** Receives the stage and, while reading weights, the checkpoint bytes read so far and in all. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (stage, done, total) -> { };

        void update(Stage stage, long bytesDone, long bytesTotal);
    }

    /**
     * @param contextLimit tokens of context (KV cache) to reserve; capped at the model's max_position_embeddings
     * @param runtime      threads and precision of the PyTorch runtime (and of the decoder's projections)
     */
    public record Options(int contextLimit, RuntimeSettings runtime) {
        public Options {
            if (contextLimit < 1) throw new IllegalArgumentException("context limit must be >= 1, got " + contextLimit);
        }

        public static Options defaults() {
            return new Options(DEFAULT_CONTEXT_LIMIT, RuntimeSettings.defaults());
        }

        public Options withContextLimit(int limit) {
            return new Options(limit, runtime);
        }
    }

    private final Path folder;
    private final ModelConfig config;
    private final ModelText text;
    private final Generator generator;

    private ModelBundle(Path folder, ModelConfig config, ModelText text, Generator generator) {
        this.folder = folder;
        this.config = config;
        this.text = text;
        this.generator = generator;
    }

    public static ModelBundle load(Path folder, Options options, Progress progress) throws ModelFolderException {
        progress.update(Stage.CHECKING, 0, 0);
        ModelFolder.check(folder, true);
        progress.update(Stage.CONFIG, 0, 0);
        ModelConfig config = guard(folder, () -> ModelConfigLoader.load(folder));
        checkInterrupt();
        progress.update(Stage.TOKENIZER, 0, 0);
        ModelText text = ModelText.load(folder);
        try {
            checkInterrupt();
            DjlRuntime runtime = DjlRuntime.start(options.runtime());
            Decoder decoder = guard(folder, () -> Decoder.load(folder, runtime.settings(), options.contextLimit(),
                    (done, total) -> progress.update(Stage.WEIGHTS, done, total)));
            String name = folder.toAbsolutePath().normalize().getFileName().toString();
            Generator generator = new Generator(decoder, text.codec(), name, runtime.describe(), 0,
                    runtime::prepareInferenceThread);
            progress.update(Stage.READY, 0, 0);
            return new ModelBundle(folder, config, text, generator);
        } catch (ModelFolderException | RuntimeException | Error e) {
            text.close();
            throw e;
        }
    }

    /** Runs a loading step, turning the model layer's file errors into a {@link ModelFolderException}. */
    static <T> T guard(Path folder, Supplier<T> step) throws ModelFolderException {
        try {
            return step.get();
        } catch (ModelLoadException e) { // config, checkpoint: the message names the file and field or tensor
            throw new ModelFolderException(folder, e.getMessage(), e);
        }
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("model loading was cancelled");
    }

    public Path folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    public PromptCodec codec() {
        return text.codec();
    }

    public ModelText text() {
        return text;
    }

    public Generator generator() {
        return generator;
    }

    /** The weight files the model was loaded from (one safetensors file, or the shards of an index). */
    public java.util.List<Path> weightFiles() {
        try (org.thinktrace.model.SafetensorsCheckpoint checkpoint = org.thinktrace.model.SafetensorsCheckpoint.open(folder)) {
            return checkpoint.files();
        }
    }

    @Override
    public void close() {
        generator.close();
        text.close();
    }
}
