package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.thinktrace.train.EvaluationPart;
import org.thinktrace.train.EvaluationSuite;
import org.thinktrace.train.Problem;
import org.thinktrace.train.Teacher;
import org.thinktrace.train.TeacherEdition;
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
        String last = table.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("standing \\(greedy\\): [0-6] of 6 floors met, mean accuracy \\d+\\.\\d%"), last);
        assertTrue(table.contains("| follow-up turns | 4 |") && table.contains("| held-out phrasings | 10 |")
                && table.contains("| out-of-scope questions recognised | 20 |"), table);
        Path misses = dir.resolve("misses").resolve("greedy.jsonl");
        out.reset();
        assertEquals(1, run("eval", "--model", dir.toString(), "--per-family", "1", "--max-tokens", "4",
                "--mode", "greedy", "--threads", "1", "--require-targets", "--misses", misses.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("target missed (greedy): held-out problems at"),
                () -> err.toString(StandardCharsets.UTF_8));
        // Four tokens end no thinking: every response missed, and each line is the teacher's question and answer.
        EvaluationSuite suite = Teacher.of(TeacherEdition.FOURTH).evaluationSuite(1, 1);
        List<Problem> asked = new java.util.ArrayList<>();
        for (EvaluationPart part : EvaluationPart.values()) asked.addAll(suite.part(part));
        List<String> lines = Files.readAllLines(misses);
        assertEquals(asked.size(), lines.size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(asked.size() + " missed responses written to " + misses));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            Problem problem = asked.get(i);
            assertEquals(problem.question(), line.get("question").asText(), lines.get(i));
            assertEquals(problem.answer(), line.get("expected").asText(), lines.get(i));
            assertEquals(problem.family(), line.get("family").asText(), lines.get(i));
            assertEquals(problem.context().size(), line.get("earlierTurns").size(), lines.get(i));
            assertEquals("greedy", line.get("mode").asText());
            assertTrue(!line.get("wellFormed").asBoolean(), lines.get(i));
        }
    }

    /**
     * {@code --agreement} on the bundled model, one question per family and part of its teacher's suite cut at 16
     * tokens: both runs load in their own precision, and int8 follows FP32 token for token in at least 9 of the 10
     * held-out problems' responses (over longer responses it agreed in every
     * token, see docs/benchmarks.md).
     */
    @Test
    void agreementComparesTheBundledModelsGreedyTokensInInt8WithFp32() {
        assumeTrue(Files.isRegularFile(Path.of("models", "thinktrace-r1-tiny", "model.safetensors")), "bundled model absent");
        assertEquals(0, run("eval", "--dtype", "int8", "--agreement", "--per-family", "1", "--max-tokens", "16",
                "--threads", "1"), () -> err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("greedy tokens in INT8 against FP32"), printed);
        assertTrue(printed.contains("FP32: CPU · 1 thread · FP32, at most 16 tokens per response"), printed);
        assertTrue(printed.contains("INT8: CPU · 1 thread · INT8, at most 16 tokens per response"), printed);
        int questions = bundledSuiteOfOnePerFamily().size();
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("fp32: " + questions + "/" + questions)
                && err.toString(StandardCharsets.UTF_8).contains("int8: " + questions + "/" + questions),
                () -> err.toString(StandardCharsets.UTF_8));
        String row = printed.lines().filter(line -> line.startsWith("| held-out problems | 10 | ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row of held-out problems:\n" + printed));
        int identical = Integer.parseInt(row.split("\\|")[3].strip().split(" ")[0]);
        assertTrue(identical >= 9, row);
        assertTrue(printed.contains("| **all** | " + questions + " | "), "an overall row of every part: " + printed);
    }

    /**
     * {@code --together} on the bundled model: every question of the evaluation (problems, phrasings, follow-ups and
     * out-of-scope questions, fewer than 64) decoded all together and eight at a time give the same table, row for
     * row (decode speeds aside), with their progress reported as they end. (That questions decoded
     * together get the tokens of questions asked alone is checked in BundledModelProbesTest; that the pairing of
     * outcomes and questions holds, by ShippedModelTest's floors.)
     */
    @Test
    void questionsDecodedTogetherScoreAlikeInBatchesOfAnySize() {
        assumeTrue(Files.isRegularFile(Path.of("models", "thinktrace-r1-tiny", "model.safetensors")), "bundled model absent");
        assertEquals(0, run("eval", "--per-family", "1", "--mode", "greedy", "--together", "64"),
                () -> err.toString(StandardCharsets.UTF_8));
        List<String> all = tableRows(out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Evaluation (greedy), 10 held-out problems"),
                () -> out.toString(StandardCharsets.UTF_8));
        out.reset();
        err.reset();
        assertEquals(0, run("eval", "--per-family", "1", "--mode", "greedy", "--together", "8"),
                () -> err.toString(StandardCharsets.UTF_8));
        List<String> eights = tableRows(out.toString(StandardCharsets.UTF_8));
        assertTrue(all.size() >= 11, "a row per family and the overall row: " + all);
        assertEquals(all, eights);
        int questions = bundledSuiteOfOnePerFamily().size();
        assertTrue(questions > 8 && questions < 64, questions + " questions");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("greedy: " + questions + "/" + questions),
                () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(" tokens/s per response, up to 8 responses decoded together"),
                () -> out.toString(StandardCharsets.UTF_8));
    }

    /** The questions {@code eval --per-family 1} asks the bundled model: its teacher edition's suite, seed 1. */
    private static EvaluationSuite bundledSuiteOfOnePerFamily() {
        try {
            return Teacher.of(TeacherEdition.ofModel(Path.of("models", "thinktrace-r1-tiny"))).evaluationSuite(1, 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table rows of a printed evaluation, without the decode speeds. */
    private static List<String> tableRows(String printed) {
        return printed.lines().filter(line -> line.startsWith("| ") && !line.contains("tokens/s")).toList();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("eval", "--mode", "fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mode must be both, greedy or sampled"));
        assertEquals(2, run("eval", "--per-family", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--per-family must be at least 1"));
        assertEquals(2, run("eval", "--together", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--together must be at least 1, got 0"));
        assertEquals(2, run("eval", "--agreement", "--dtype", "int8", "--together", "4"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("leave out --together"));
        assertEquals(2, run("eval", "--model", "/nonexistent/model", "--per-family", "1"));
        assertEquals(2, run("eval", "--agreement"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--agreement compares a precision with FP32: --dtype must be one of ")
                && err.toString(StandardCharsets.UTF_8).contains("int8") && err.toString(StandardCharsets.UTF_8).contains("got 'auto'"), () -> err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("eval", "--agreement", "--dtype", "fp32"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("got 'fp32'"));
        assertEquals(2, run("eval", "--agreement", "--dtype", "int8", "--mode", "sampled"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--agreement compares greedy runs: leave out --mode sampled"));
        assertEquals(2, run("eval", "--agreement", "--dtype", "q4", "--update-card"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("leave out --update-card"));
        assertEquals(2, run("eval", "--agreement", "--dtype", "q4", "--require-targets"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("leave out --require-targets"));
    }
}
