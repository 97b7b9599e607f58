package org.thinktrace.text;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths to the shared real fixtures; tests skip when a fresh clone has no {@code ../shared}. */
final class Fixtures {

    static final Path ROOT = Path.of("../shared/fixtures");

    private Fixtures() {
    }

    /** The fixture path, or a skipped test when it is absent. */
    static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), () -> "fixture absent, skipping: " + path.toAbsolutePath());
        return path;
    }

    static Path tokenizer(String name) {
        return require("tokenizers/" + name);
    }
}
