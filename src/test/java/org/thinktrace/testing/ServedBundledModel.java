package org.thinktrace.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.thinktrace.generate.BundledModel;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ServeOptions;

/**
 * The bundled model, loaded with one PyTorch thread, served on 127.0.0.1 (a free port) by {@code thinktrace serve}.
 * For a test class's {@code @BeforeAll}; closing stops the server and frees the model.
 */
public final class ServedBundledModel implements AutoCloseable {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");

    private final LoadedModel model;
    private final OpenAiServer server;

    private ServedBundledModel(LoadedModel model, OpenAiServer server) {
        this.model = model;
        this.server = server;
    }

    /** Loads and serves the bundled model; skips the calling tests (a failed assumption) when it is absent. */
    public static ServedBundledModel start() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no bundled model in " + MODEL.toAbsolutePath()
                + " (" + BundledModel.RELATIVE + ")");
        LoadedModel model = ModelSource.at(MODEL).load(new LoadOptions(768, RuntimeSettings.defaults().withThreads(1)),
                LoadProgress.NONE);
        try {
            return new ServedBundledModel(model, OpenAiServer.start(model.generator(), ServeOptions.loopback()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The loaded model's generator, the one the server serves. */
    public TextGenerator generator() {
        return model.generator();
    }

    public OpenAiServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            model.close();
        }
    }
}
