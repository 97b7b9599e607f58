package org.thinktrace.ui;

import java.nio.file.Path;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.TextGenerator;

/** Loads a model folder with {@link ModelBundle} (checks, config, tokenizer, template, weights) for the app. */
final class BundleModelLoader implements ModelLoader {

    @Override
    public TextGenerator load(Path folder, Progress progress) throws Exception {
        ModelBundle bundle = ModelBundle.load(folder, ModelBundle.Options.defaults(),
                (stage, done, total) -> progress.update(stageName(stage), done, total));
        return new BundleGenerator(bundle);
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
