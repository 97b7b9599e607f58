package org.thinktrace.ui;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.generate.WeightsHash;

/**
 * Loads a model folder with {@link ModelBundle} (checks, config, tokenizer, template, weights) for the app, then
 * hashes its weights (once per model: the hash is cached by path, size and modification time) so that every
 * response records exactly which model wrote it.
 */
final class BundleModelLoader implements ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(BundleModelLoader.class);

    private final Path hashCache;

    /** A loader that hashes the weights on every load (no cache): for tests. */
    BundleModelLoader() {
        this(null);
    }

    /** @param hashCache the file that keeps the weights hashes of models already seen */
    BundleModelLoader(Path hashCache) {
        this.hashCache = hashCache;
    }

    @Override
    public TextGenerator load(Path folder, Progress progress) throws Exception {
        ModelBundle bundle = ModelBundle.load(folder, ModelBundle.Options.defaults(),
                (stage, done, total) -> progress.update(stageName(stage), done, total));
        return new BundleGenerator(bundle, ModelIdentity.local(bundle.generator().modelName(), weightsHash(bundle, progress)));
    }

    /** The weights hash; null (recorded as unknown) when the files cannot be read again, which the load did not need. */
    private String weightsHash(ModelBundle bundle, Progress progress) {
        try {
            return WeightsHash.sha256(bundle.weightFiles(), hashCache,
                    (done, total) -> progress.update("Hashing the weights:", done, total));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not hash the weights of {}; responses record its name only", bundle.folder(), e);
            return null;
        }
    }

    private static String stageName(ModelBundle.Stage stage) {
        return switch (stage) {
            case CHECKING -> "Checking the folder…";
            case CONFIG -> "Reading config.json…";
            case TOKENIZER -> "Loading the tokenizer…";
            case WEIGHTS -> "Loading weights:";
            case READY -> "Ready";
        };
    }
}
