package org.thinktrace.ui;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.generate.WeightsHash;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;

/** Opens a model folder for the app. Called on a background thread. */
@FunctionalInterface
public interface ModelLoader {

    /**
     * What the app runs on once a model is open: the generator conversations use, and what closing frees
     * (the whole {@link LoadedModel} for a local model; the generator itself otherwise).
     */
    record Opened(TextGenerator generator, AutoCloseable owner) {

        /** A loaded local model: its generator, and the model as the owner of everything it loaded. */
        public static Opened of(LoadedModel model) {
            return new Opened(model.generator(), model);
        }

        /** A generator that owns what it uses (a remote one): closing it is enough. */
        public static Opened of(TextGenerator generator) {
            return new Opened(generator, generator);
        }
    }

    /**
     * Reads a model folder with {@link ModelSource} (checks, config, tokenizer, template, weights) with the default
     * options in the precision asked for, then hashes its weights so that every response records which model wrote
     * it. The hash is kept in {@code hashCache} by path, size and modification time, so a model is hashed once, at
     * its first load.
     *
     * @param hashCache the file that keeps the hashes of models already seen; null hashes on every load
     */
    static ModelLoader local(Path hashCache) {
        return hashingWith((files, progress) -> WeightsHash.sha256(files, hashCache, progress));
    }

    /** How a loader finds the hash of a model's weight files. */
    @FunctionalInterface
    interface Hasher {
        String hash(java.util.List<Path> files, LoadProgress progress) throws IOException;
    }

    /** A loader of local models that identifies each by the hash {@code hasher} finds. */
    private static ModelLoader hashingWith(Hasher hasher) {
        return (folder, precision, progress) -> {
            LoadedModel model = ModelSource.at(folder).load(LoadOptions.defaults().withPrecision(precision), progress);
            try {
                model.generator().identifyWeights(hasher.hash(model.weightFiles(), progress));
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(ModelLoader.class).warn(
                        "could not hash the weights of {}; responses record its name only", folder, e);
            }
            return Opened.of(model);
        };
    }

    /**
     * {@link #local(Path)} for a window that only reads its data folder: hashes found in {@code hashCache} are used,
     * new ones are kept in this loader's memory, and the file is never written.
     */
    static ModelLoader readingOnly(Path hashCache) {
        java.util.Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        return hashingWith((files, progress) -> WeightsHash.sha256ReadingOnly(files, hashCache, seen, progress));
    }

    /** {@link #local(Path)} without a cache of hashes. */
    static ModelLoader local() {
        return local(null);
    }

    /**
     * Validates {@code folder} and loads the model in it with its weights in {@code precision} (Auto resolved for
     * this model). Cancelling interrupts the loading thread; the loader then gives up with
     * {@link java.util.concurrent.CancellationException} and frees what it built.
     *
     * @throws Exception with a message that names what is wrong (a missing file, a bad field) when the folder cannot be used
     */
    Opened load(Path folder, PrecisionChoice precision, LoadProgress progress) throws Exception;
}
