package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thinktrace.cli.CliArgumentsTest.Run;

/** A one-run smoke test of {@code serve-bench} (figures come from quiet machines, not from here). */
class ServeBenchCommandTest {

    @Test
    void streamsTheSameTokensBothWaysAndPrintsTheMediansSideBySide() {
        Path model = Path.of("models", "thinktrace-r1-tiny");
        assumeTrue(Files.isRegularFile(model.resolve("config.json")), "no bundled model in " + model.toAbsolutePath());
        Run run = CliArgumentsTest.main("serve-bench", "--model", model.toString(), "--runs", "1", "--max-tokens", "12",
                "--warmup", "1");
        assertEquals(0, run.code(), run.err());
        Matcher tokens = Pattern.compile("tokens per run\\s+(\\d+) local, (\\d+) over HTTP").matcher(run.out());
        assertTrue(tokens.find(), run.out());
        assertEquals(12, Integer.parseInt(tokens.group(1)), run.out());
        assertEquals(tokens.group(1), tokens.group(2), run.out());
        assertTrue(Pattern.compile("first token\\s+[0-9.]+ ms\\s+[0-9.]+ ms").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("decode\\s+[0-9.]+ tok/s\\s+[0-9.]+ tok/s").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("CPU per token\\s+[0-9.]+ ms\\s+[0-9.]+ ms").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("HTTP server\\s+-\\s+[0-9.]+ ms").matcher(run.out()).find(), run.out());
    }
}
