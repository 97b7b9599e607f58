package org.thinktrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.thinktrace.text.ModelTokenizer;

/**
 * Tokenizers loaded once per test JVM and shared by every test class in it: loading an official tokenizer (a
 * 150,000-token vocabulary, built twice in the native library) takes seconds, and a {@link ModelTokenizer} holds
 * no mutable state, so tests that only encode and decode need not each load their own. Tests that check loading
 * itself, or a folder they change, load their own. The shared ones are closed when the JVM exits; callers never
 * close them.
 */
public final class LoadedTokenizers {

    private static final Map<Path, ModelTokenizer> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LOADED.values().forEach(ModelTokenizer::close)));
    }

    private LoadedTokenizers() {
    }

    /** The tokenizer of a model or tokenizer folder, loaded on first use. */
    public static ModelTokenizer of(Path folder) {
        return LOADED.computeIfAbsent(folder.toAbsolutePath().normalize(), key -> {
            try {
                return ModelTokenizer.load(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
