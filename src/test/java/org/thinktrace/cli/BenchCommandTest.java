package org.thinktrace.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchCommandTest {

    private static final Path STORIES = Path.of("../shared/fixtures/models/stories260K");

    @Test
    void benchmarksTheStoriesModel() {
        assumeTrue(Files.isDirectory(STORIES), "fixture " + STORIES + " is absent (no ../shared next to the project)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--model", STORIES.toString(), "--runs", "1", "--threads", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(positive(text, "decode 128\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "prefill 64\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "prefill 512\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "convergence probe ([0-9.]+) s per step boundary") > 0, text);
        // stories260K: 512×64 embeddings + 5 × (2×64 norms + 4096 + 2×2048 + 4096 + 3×172×64) + 64 = 260,032 F32
        assertTrue(text.contains("(1.04 MB of checkpoint)"), text);
        assertTrue(text.contains("1.04 MB of weights"), text);
    }

    @Test
    void optionsAreValidated() throws UsageException {
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of()));
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of("--model", "a", "--synthetic", "qwen2-1.5b")));
        UsageException unknown = assertThrows(UsageException.class,
                () -> BenchOptions.parse(List.of("--synthetic", "gpt-5")));
        assertTrue(unknown.getMessage().contains("qwen2-1.5b"), unknown.getMessage());
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of("--model", "a", "--dtype", "bf16")));
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of("--model", "a", "--threads", "0")));
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of("--model", "a", "--context", "100")));
        assertThrows(UsageException.class, () -> BenchOptions.parse(List.of("--model")));
        BenchOptions synthetic = BenchOptions.parse(List.of("--synthetic", "qwen2-1.5b", "--dtype", "FP16"));
        assertTrue(synthetic.cache().endsWith(Path.of(".cache", "thinktrace", "synthetic-qwen2-1.5b")));
    }

    private static double positive(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no line matching " + regex + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
