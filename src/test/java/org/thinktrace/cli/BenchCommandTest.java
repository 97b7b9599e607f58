package org.thinktrace.cli;

import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.PrecisionChoice;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thinktrace.testing.Fixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    private static final Path STORIES = Fixture.inRepository("models/stories260K");

    @Test
    void benchmarksTheStoriesModel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--model", STORIES.toString(), "--runs", "1", "--threads", "1",
                        "--batch", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(positive(text, "decode 128\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "prefill 64\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "prefill 512\\s+([0-9.]+) tokens/s") > 0, text);
        assertTrue(positive(text, "decode batch 4\\s+([0-9.]+) tokens/s in all") > 0, text);
        assertTrue(positive(text, "convergence probe ([0-9.]+) s per step boundary") > 0, text);
        assertTrue(positive(text, "convergence probes ([0-9.]+) s per step boundary, 8 decoded together") > 0, text);
        // stories260K: 512×64 embeddings + 5 × (2×64 norms + 4096 + 2×2048 + 4096 + 3×172×64) + 64 = 260,032 F32
        assertTrue(text.contains("(1.04 MB of checkpoint)"), text);
        assertTrue(text.contains("1.04 MB of weights"), text);
        // a 1 MB model measures overheads, not bandwidth: no GB/s and no memory ratio
        assertFalse(text.contains("GB/s"), text);
        assertFalse(text.contains(" x (weights"), text);
        // not a terminal: no carriage-return progress bar
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("\r"), err.toString(StandardCharsets.UTF_8));
    }

    /** In the precision asked for; with auto, a 4-bit file in q4 as the other commands hold it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"Q8_0, int8, int8 decode", "Q4_0, auto, q4 decode"})
    void benchmarksAGgufFileInTheChosenPrecision(String type, String dtype, String kernelLine,
                                                 @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = org.thinktrace.generate.TinyModelGguf.write(org.thinktrace.generate.BundledModel.locate().orElseThrow(),
                dir.resolve("tiny-" + type + ".gguf"), org.thinktrace.model.GgufTensorType.valueOf(type), "qwen2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--model", file.toString(), "--dtype", dtype, "--runs", "1",
                        "--threads", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains(kernelLine), text);
        assertTrue(positive(text, "decode 128\\s+([0-9.]+) tokens/s") > 0, text);
    }

    @Test
    void optionsAreValidated() throws UsageException {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThrows(UsageException.class, () -> BenchOptions.of(null, null, null, 1, null, 1024, 1));
        assertThrows(UsageException.class, () -> BenchOptions.of(Path.of("a"), "qwen2-1.5b", null, 1, null, 1024, 1));
        UsageException unknown = assertThrows(UsageException.class,
                () -> BenchOptions.of(null, "gpt-5", null, 1, null, 1024, 1));
        assertTrue(unknown.getMessage().contains("qwen2-1.5b"), unknown.getMessage());
        UsageException badType = assertThrows(UsageException.class,
                () -> BenchOptions.of(Path.of("a"), null, null, 1, "bf16", 1024, 1));
        assertTrue(badType.getMessage().contains("--dtype must be one of auto, fp32, fp16, int8, q4"), badType.getMessage());
        assertTrue(badType.getMessage().contains("got 'bf16'"), badType.getMessage());
        assertEquals(PrecisionChoice.of(ComputePrecision.INT8),
                BenchOptions.of(Path.of("a"), null, null, 1, "int8", 1024, 1).precision());
        assertEquals(PrecisionChoice.of(ComputePrecision.FP32),
                BenchOptions.of(Path.of("a"), null, null, 1, null, 1024, 1).precision(), "bench measures FP32 by default");
        assertEquals(PrecisionChoice.of(ComputePrecision.Q4),
                BenchOptions.of(Path.of("a"), null, null, 1, "Q4", 1024, 1).precision());
        assertThrows(UsageException.class, () -> BenchOptions.of(Path.of("a"), null, null, 0, null, 1024, 1));
        UsageException tooMany = assertThrows(UsageException.class,
                () -> BenchOptions.of(Path.of("a"), null, null, cores + 1, null, 1024, 1));
        assertTrue(tooMany.getMessage().contains("more than the " + cores + " processors"), tooMany.getMessage());
        assertThrows(UsageException.class, () -> BenchOptions.of(Path.of("a"), null, null, 1, null, 100, 1));
        BenchOptions synthetic = BenchOptions.of(null, "qwen2-1.5b", null, 1, "FP16", 1024, 1);
        assertTrue(synthetic.cache().endsWith(Path.of(".cache", "thinktrace", "synthetic-qwen2-1.5b")));
    }

    @Test
    void aMissingValueOrTooManyThreadsIsAUsageError() {
        CliArgumentsTest.Run noValue = CliArgumentsTest.main("bench", "--model");
        assertEquals(2, noValue.code());
        assertTrue(noValue.err().contains("--model needs a value"), noValue.err());
        CliArgumentsTest.Run threads = CliArgumentsTest.main("bench", "--model", "a", "--threads", "100000");
        assertEquals(2, threads.code());
        assertTrue(threads.err().contains("--threads 100000 is more than the"), threads.err());
        CliArgumentsTest.Run batch = CliArgumentsTest.main("bench", "--model", "a", "--batch", "65");
        assertEquals(2, batch.code());
        assertTrue(batch.err().contains("--batch must be between 2 and 64, got 65"), batch.err());
    }

    private static double positive(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no line matching " + regex + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
