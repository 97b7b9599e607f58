package org.thinktrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.thinktrace.generate.BundledModel;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelFolderException;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.ModelText;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;

/** Finds and loads the model a command runs on; folder problems become a {@link UsageException} (exit 2). */
final class ModelChoice {

    private ModelChoice() {
    }

    /** {@code --model DIR} when given, else the bundled model, else a message saying what to do. */
    static Path folder(Path explicit) throws UsageException {
        return folder(explicit, BundledModel.locate(), BundledModel.candidates());
    }

    /**
     * As {@link #folder(Path)}, with the bundled model's lookup given: {@code bundled} is where it
     * was found, {@code lookedIn} the places searched (named in the message when it was not found).
     */
    static Path folder(Path explicit, Optional<Path> bundled, List<Path> lookedIn) throws UsageException {
        if (explicit != null) return explicit;
        return bundled.orElseThrow(() -> new UsageException(
                "no --model given and the bundled model " + BundledModel.RELATIVE + " is not there (looked in "
                        + lookedIn.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + "); pass --model DIR with a Hugging Face model folder (config.json, tokenizer.json, "
                        + "model.safetensors), or --model FILE.gguf"));
    }

    static LoadedModel load(GenerationFlags flags) throws UsageException {
        return load(flags.model(), flags.contextLimit(), flags.precision());
    }

    /**
     * Loads {@code --model DIR} (null = the bundled model) with a context limit (0 or less = the default) in the
     * precision {@code --dtype} asked for.
     */
    static LoadedModel load(Path model, int contextLimit, PrecisionChoice precision) throws UsageException {
        LoadOptions options = LoadOptions.defaults();
        if (contextLimit > 0) options = options.withContextLimit(contextLimit);
        return load(model, options.withPrecision(precision));
    }

    /** Loads {@code --model DIR} (null = the bundled model) with {@code options}. */
    static LoadedModel load(Path model, LoadOptions options) throws UsageException {
        Path folder = folder(model);
        try {
            return ModelSource.at(folder).load(options, LoadProgress.NONE);
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static ModelText loadText(Path explicit) throws UsageException {
        try {
            return ModelSource.at(folder(explicit)).loadText();
        } catch (ModelFolderException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
