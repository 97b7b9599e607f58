package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thinktrace eval} on a model that {@code thinktrace train --recipe smoke} just produced. */
class EvalCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void scoresAFreshlyTrainedModelThroughTheRealPipeline(@TempDir Path dir) throws IOException {
        assertEquals(0, run("train", "--out", dir.toString(), "--recipe", "smoke", "--steps", "3", "--threads", "1"),
                () -> err.toString(StandardCharsets.UTF_8));
        out.reset();
        assertTrue(Files.readString(dir.resolve("README.md")).contains("Not evaluated yet"));
        assertEquals(0, run("eval", "--model", dir.toString(), "--per-family", "1", "--max-tokens", "12",
                "--mode", "greedy", "--threads", "1", "--update-card"), () -> err.toString(StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        String printed = table.substring(table.indexOf("Evaluation (greedy)"), table.indexOf("evaluation written into")).strip();
        String card = Files.readString(dir.resolve("README.md"));
        assertTrue(card.contains(printed), "the card must carry the printed table:\n" + card);
        assertTrue(!card.contains("Not evaluated yet"), card);
        assertTrue(table.contains("Evaluation (greedy), 10 held-out problems"), table);
        assertTrue(table.contains("| primality | 1 |"), table);
        assertTrue(table.contains("Decode speed:"), table);
        assertTrue(table.contains("(teacher: fourth edition)"), table);
        assertTrue(table.contains("| follow-up turns | 4 |") && table.contains("| held-out phrasings | 10 |")
                && table.contains("| out-of-scope questions recognised | 20 |"), table);
        assertEquals(1, run("eval", "--model", dir.toString(), "--per-family", "1", "--max-tokens", "4",
                "--mode", "greedy", "--threads", "1", "--require-targets"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("target missed (greedy): held-out problems at"),
                () -> err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("eval", "--mode", "fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mode must be both, greedy or sampled"));
        assertEquals(2, run("eval", "--per-family", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--per-family must be at least 1"));
        assertEquals(2, run("eval", "--model", "/nonexistent/model", "--per-family", "1"));
    }
}
