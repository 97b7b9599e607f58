package org.thinktrace.cli;

import org.thinktrace.generate.Generator;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.remote.RemoteEndpoint;
import org.thinktrace.remote.RemoteException;
import org.thinktrace.remote.RemoteGenerator;

/**
 * What a generating command runs on: the local model ({@code --model DIR} or the bundled one), or an
 * OpenAI-compatible server ({@code --remote URL --remote-model NAME}, key from {@code THINKTRACE_API_KEY}).
 * Closing frees the model, or cancels a running remote generation.
 */
final class GeneratorChoice implements AutoCloseable {

    /** The environment variable that holds the remote server's API key. */
    static final String API_KEY_VARIABLE = "THINKTRACE_API_KEY";

    private final LoadedModel loaded;
    private final TextGenerator generator;

    private GeneratorChoice(LoadedModel loaded, TextGenerator generator) {
        this.loaded = loaded;
        this.generator = generator;
    }

    static GeneratorChoice open(RemoteOptions remote, GenerationFlags flags) throws UsageException, InterruptedException {
        String url = remote.url;
        String model = remote.model;
        if (url == null) {
            if (model != null) throw new UsageException("--remote-model needs --remote URL");
            LoadedModel loaded = ModelChoice.load(flags);
            return new GeneratorChoice(loaded, loaded.generator());
        }
        if (model == null) throw new UsageException("--remote needs --remote-model NAME (the model name the server knows)");
        if (flags.model() != null) throw new UsageException("--model and --remote exclude each other");
        if (!flags.precision().isAuto()) {
            throw new UsageException("--dtype and --remote exclude each other: the server holds its own weights");
        }
        RemoteEndpoint endpoint;
        try {
            endpoint = RemoteEndpoint.of(url, model, System.getenv(API_KEY_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--remote: " + e.getMessage());
        }
        try {
            return new GeneratorChoice(null, RemoteGenerator.connect(endpoint));
        } catch (RemoteException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    TextGenerator generator() {
        return generator;
    }

    /** The local generator, for what only a local model can do (raw completions); null when remote. */
    Generator local() {
        return loaded == null ? null : loaded.generator();
    }

    @Override
    public void close() {
        if (loaded != null) loaded.close();
        else generator.close();
    }
}
