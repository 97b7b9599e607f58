package org.thinktrace.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code tokenizer.json} regular expression that can make the native tokenizer abort the JVM is refused
 * before the native library sees it; the official tokenizers' patterns still load.
 */
@Timeout(120)
class TokenizerRegexGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    /** The bundled model's tokenizer (Qwen2's pre-tokenizer, a small vocabulary) with its Split pattern replaced. */
    private Path tokenizerWithSplitPattern(String pattern) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(Path.of("models/thinktrace-r1-tiny/tokenizer.json").toFile());
        ((ObjectNode) json.path("pre_tokenizer").path("pretokenizers").get(0).path("pattern")).put("Regex", pattern);
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve("tokenizer.json").toFile(), json);
        return folder.resolve("tokenizer.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deepseek-r1-distill-qwen", "qwen2.5", "qwen3", "llama3.1"})
    void theOfficialTokenizersStillLoadAndEncode(String name) {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/" + name);
        assertTrue(tokenizer.encodePlain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! " + " ".repeat(5000) + "x\n\n\n").length > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(a+)+$",
            "(a|aa)*b",
            "(?:\\s+\\S)*x",
            "(?:ab){2,}",
            "(.*)*",
            "(a)\\1",
            "\\p{L}{5000}",
            "a*a*a*a*a*$",
            "\\s*\\s*\\s*\\s*!",
    })
    void catastrophicPatternsAreRefusedBeforeTheNativeTokenizer(String pattern) throws IOException {
        Path file = tokenizerWithSplitPattern(pattern);
        IOException error = assertThrows(IOException.class, () -> ModelTokenizer.load(folder).close());
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("pre_tokenizer.pretokenizers[0].pattern.Regex"), error.getMessage());
        assertTrue(error.getMessage().contains("is refused: "), error.getMessage());
    }

    /** Nested repetition of a character the check's probe texts do not contain: the check passes it. */
    static final String PASSES_THE_CHECK_BUT_PANICS = "[α]*[α]*[α]*[α]*[α]*[α]*$";
    static final String PANICKING_TEXT = "α".repeat(100) + "!";

    @ParameterizedTest
    @ValueSource(strings = {"deepseek-r1-distill-qwen", "qwen2.5", "qwen3", "llama3.1"})
    void theOfficialTokenizersEncodeInProcess(String name) throws IOException {
        assertFalse(Fixtures.loadedTokenizer("tokenizers/" + name).encodesInChildProcess());
        try (ModelTokenizer bundled = ModelTokenizer.load(Path.of("models/thinktrace-r1-tiny"))) {
            assertFalse(bundled.encodesInChildProcess());
        }
    }

    /**
     * Why encoding is isolated: a check of the pattern cannot rule out every panic. This one passes the check, and
     * the unguarded native tokenizer aborts its JVM on a run of the character.
     */
    @Test
    void aPatternThePatternCheckPassesStillAbortsAnUnguardedJvm() throws IOException, InterruptedException {
        assertNull(TokenizerRegexCheck.problem(PASSES_THE_CHECK_BUT_PANICS));
        Path file = tokenizerWithSplitPattern(PASSES_THE_CHECK_BUT_PANICS);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TokenizerPanicProbe.class.getName(), file.toString(), PANICKING_TEXT)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), output);
        assertTrue(output.contains("retry-limit-in-match over"), output);
        assertEquals(134, process.exitValue(), output);
    }

    /** The same tokenizer through ThinkTrace: the crash ends the child process, the call fails, the next one works. */
    @Test
    void aNativePanicEndsOnlyTheTokenizersChildProcess() throws IOException {
        Path file = tokenizerWithSplitPattern(PASSES_THE_CHECK_BUT_PANICS);
        try (ModelTokenizer tokenizer = ModelTokenizer.load(folder)) {
            assertTrue(tokenizer.encodesInChildProcess());
            int[] before = tokenizer.encodePlain("ααα hello");
            TokenizerCrashedException crash = assertThrows(TokenizerCrashedException.class,
                    () -> tokenizer.encodePlain(PANICKING_TEXT));
            assertTrue(crash.getMessage().startsWith(file.toString()), crash.getMessage());
            assertTrue(crash.getMessage().contains("exit 134"), crash.getMessage());
            assertTrue(crash.getMessage().contains("retry-limit-in-match over"), crash.getMessage());
            assertArrayEquals(before, tokenizer.encodePlain("ααα hello"), "a new child process encodes as before");
        }
    }

    /** The child process encodes exactly as DJL's tokenizer does in-process (with and without added tokens). */
    @Test
    void encodingInTheChildProcessMatchesTheLibraryInProcess() throws IOException {
        String gpt2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
        Path file = tokenizerWithSplitPattern(gpt2);
        String text = "<｜User｜>Hello, wörld 12345!\n\n  <think>中文</think>";
        try (ModelTokenizer tokenizer = ModelTokenizer.load(folder);
             HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(Files.newInputStream(file),
                     java.util.Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            assertTrue(tokenizer.encodesInChildProcess());
            long[] expected = reference.encode(text, false, false).getIds();
            assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Math::toIntExact).toArray(),
                    tokenizer.encodeSpecial(text));
            assertTrue(tokenizer.encodePlain(text).length > expected.length, "plain text never becomes a control token");
        }
    }

    @Test
    void overlongPatternsAreRefused() {
        String pattern = "a|".repeat(600) + "b";
        assertTrue(TokenizerRegexCheck.problem(pattern).contains("1201 characters long"));
    }

    @Test
    void ordinaryTokenizerPatternsPass() {
        for (String pattern : List.of(
                "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
                "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
                "\\p{N}{1,3}",
                " ?[!-/:-~‘-‟　-。]+",
                "(?:[\\r\\n])?x",
                " ")) {
            assertNull(TokenizerRegexCheck.problem(pattern), pattern);
        }
    }

    /**
     * Why the check exists: DJL does not turn the tokenizer library's panic into a Java exception. Building and
     * using the hostile tokenizer directly, in a child JVM, ends that JVM with neither a result nor an exception.
     */
    @Test
    void withoutTheCheckTheNativePanicEndsTheProcess() throws IOException, InterruptedException {
        Path file = tokenizerWithSplitPattern("(a+)+$");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TokenizerPanicProbe.class.getName(), file.toString(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), output);
        assertTrue(output.contains("retry-limit-in-match over"), output);
        assertTrue(!output.contains("ENCODED") && !output.contains("EXCEPTION"), output);
        assertEquals(134, process.exitValue(), output);
    }
}
