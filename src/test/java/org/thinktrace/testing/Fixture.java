package org.thinktrace.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real third-party test fixtures. Those whose licences allow it live in the repository under
 * {@code src/test/resources/fixtures/} (each folder's README names source and licence); the rest only in
 * {@code ../shared/fixtures/} next to the project, and tests that need those skip without it.
 *
 * <p>A fixture folder holding {@code tokenizer-overlay.json} instead of {@code tokenizer.json} shares its
 * vocabulary with another fixture; its full {@code tokenizer.json} is composed once per run under
 * {@code target/composed-fixtures/} (see {@code fixtures/tokenizers/README.md}).
 */
public final class Fixture {

    /** The fixtures that only live outside the repository. */
    public static final Path SHARED = Path.of("../shared/fixtures");

    private static final String RESOURCE_ROOT = "/fixtures/";
    private static final String OVERLAY = "tokenizer-overlay.json";
    private static final Path COMPOSED = Path.of("target/composed-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixture() {
    }

    /**
     * A fixture kept in the repository ({@code models/stories260K}, {@code tokenizers/qwen3/tokenizer.json}).
     *
     * @throws IllegalStateException when it is not on the test class path: the repository is incomplete
     */
    public static Path inRepository(String relative) {
        Path path = onClassPath(relative);
        if (path == null) {
            throw new IllegalStateException("test fixture " + RESOURCE_ROOT + relative
                    + " is missing from src/test/resources");
        }
        return path;
    }

    /**
     * A fixture from the repository when it is there, else from {@code ../shared/fixtures}; a skipped test
     * (JUnit assumption) when it is in neither.
     */
    public static Path require(String relative) {
        Path path = find(relative);
        Assumptions.assumeTrue(path != null, () -> "fixture " + relative + " is neither in src/test/resources/fixtures"
                + " nor in " + SHARED.resolve(relative).toAbsolutePath() + "; skipping");
        return path;
    }

    /** The fixture from the repository or {@code ../shared/fixtures}, or null when it is in neither. */
    public static Path find(String relative) {
        Path inRepository = onClassPath(relative);
        if (inRepository != null) {
            return inRepository;
        }
        Path shared = SHARED.resolve(relative);
        return Files.exists(shared) ? shared : null;
    }

    private static Path onClassPath(String relative) {
        URL url = Fixture.class.getResource(RESOURCE_ROOT + relative);
        if (url == null) {
            Path parent = Path.of(relative).getParent();
            if (parent != null && Path.of(relative).getFileName().toString().equals("tokenizer.json")) {
                Path folder = onClassPath(parent.toString());
                return folder == null ? null : folder.resolve("tokenizer.json");
            }
            return null;
        }
        try {
            Path path = Path.of(url.toURI());
            return Files.isRegularFile(path.resolve(OVERLAY)) ? composed(relative, path) : path;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture URL " + url, e);
        }
    }

    /**
     * The folder with its overlay applied: the other files copied, tokenizer.json composed (once per run). The test
     * JVMs that run side by side may compose the same folder at the same time: every file is written under a name of
     * its own and renamed into place, so a reader sees either no file or a whole one, and tokenizer.json, whose
     * presence says the folder is complete, comes last.
     */
    private static synchronized Path composed(String relative, Path folder) {
        Path target = COMPOSED.resolve(relative);
        Path tokenizer = target.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizer)) {
            return target;
        }
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!file.getFileName().toString().equals(OVERLAY)) {
                        Path partial = Files.createTempFile(target, file.getFileName().toString(), ".part");
                        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(partial, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
            JsonNode overlay = JSON.readTree(folder.resolve(OVERLAY).toFile());
            ObjectNode result = (ObjectNode) JSON.readTree(folder.resolve(overlay.get("base").asText()).toFile());
            putAll(result, overlay.path("replace"));
            putAll((ObjectNode) result.get("model"), overlay.path("model"));
            Path partial = Files.createTempFile(target, "tokenizer.json", ".part");
            JSON.writeValue(partial.toFile(), result);
            Files.move(partial, tokenizer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("composing the tokenizer fixture " + relative, e);
        }
    }

    private static void putAll(ObjectNode target, JsonNode fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            target.set(field.getKey(), field.getValue());
        }
    }
}
