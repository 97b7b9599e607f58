package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.generate.BundledModel;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.SamplingSettings;
import picocli.CommandLine;

class CliArgumentsTest {

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one command line. */
    record Run(int code, String out, String err) {
    }

    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The generation flags {@code ask} reads from {@code args}. */
    static GenerationFlags flagsOf(String... args) throws UsageException {
        AskCommand ask = new AskCommand(new CommandIo(System.out, System.err, () -> System.in));
        CommandLine line = new CommandLine(ask);
        NumberConverters.register(line);
        line.parseArgs(args);
        return ask.generation.flags();
    }

    @Test
    void optionsTakeValuesInBothSpellingsAndRepeat() throws UsageException {
        AskCommand ask = new AskCommand(new CommandIo(System.out, System.err, () -> System.in));
        new CommandLine(ask).parseArgs("--stop", "a", "what", "--stop=b", "--json", "--", "--not-an-option");
        assertEquals(List.of("a", "b"), ask.generation.stop);
        assertTrue(ask.json);
        assertEquals(List.of("what", "--not-an-option"), ask.words);
    }

    @Test
    void generationFlagsDefaultToR1AndReadEveryKnob() throws UsageException {
        GenerationFlags defaults = flagsOf();
        assertEquals(SamplingSettings.r1Defaults(), defaults.sampling());
        assertEquals(GenerationFlags.DEFAULT_MAX_TOKENS, defaults.maxTokens());
        assertEquals(null, defaults.model());

        GenerationFlags all = flagsOf("--model", "m", "--temperature", "0",
                "--top-p", "0.5", "--top-k", "7", "--min-p", "0.1", "--repetition-penalty", "1.2",
                "--presence-penalty", "-0.5", "--seed", "99", "--max-tokens", "12", "--think-budget", "3",
                "--stop", "END", "--context", "256");
        assertEquals(new SamplingSettings(0, 0.5, 7, 0.1, 1.2, -0.5, 99), all.sampling());
        assertEquals(Path.of("m"), all.model());
        assertEquals(12, all.maxTokens());
        assertEquals(3, all.thinkingBudget());
        assertEquals(List.of("END"), all.stopStrings());
        assertEquals(256, all.contextLimit());
    }

    @Test
    void numbersTooLargeForTheirOptionSaySo() {
        Run huge = main("ask", "--max-tokens", "1000000000000", "hi");
        assertEquals(2, huge.code());
        assertTrue(huge.err().contains("--max-tokens is too large: 1000000000000 (at most 2147483647)"), huge.err());
        Run fraction = main("ask", "--max-tokens", "1.5", "hi");
        assertTrue(fraction.err().contains("--max-tokens must be a whole number, got '1.5'"), fraction.err());
    }

    @Test
    void versionAndCompletionScript() {
        Run version = main("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("ThinkTrace "), version.out());
        assertTrue(version.out().contains("Java " + Runtime.version()), version.out());
        Run completion = main("generate-completion");
        assertEquals(0, completion.code(), completion.err());
        for (String command : Main.COMMANDS) {
            assertTrue(completion.out().contains(command), command + " missing from the completion script");
        }
        assertTrue(completion.out().contains("--temperature"), "the options complete too");
    }

    @Test
    void aClosedStandardOutputIsAFailure() {
        PrintStream closed = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--version"}, closed, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("standard output is closed"));
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        Run unknown = main("ask", "--temprature", "0", "hi");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown option --temprature"), unknown.err());

        Run notANumber = main("ask", "--temperature", "hot", "hi");
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--temperature must be a number, got 'hot'"), notANumber.err());

        Run outOfRange = main("ask", "--top-p", "2", "hi");
        assertEquals(2, outOfRange.code());
        assertTrue(outOfRange.err().contains("top-p must be in (0, 1]"), outOfRange.err());

        Run noValue = main("ask", "hi", "--seed");
        assertEquals(2, noValue.code());
        assertTrue(noValue.err().contains("--seed needs a value"), noValue.err());

        Run noQuestion = main("ask", "--temperature", "0");
        assertEquals(2, noQuestion.code());
        assertTrue(noQuestion.err().contains("a question is needed"), noQuestion.err());

        Run badMaxTokens = main("ask", "--max-tokens", "0", "hi");
        assertEquals(2, badMaxTokens.code());
        assertEquals("", badMaxTokens.out());
    }

    @Test
    void aMissingModelFolderExitsWithTwo() {
        Run run = main("ask", "--model", dir.resolve("absent").toString(), "hi");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("the folder does not exist"), run.err());

        Run empty = main("ask", "--model", dir.toString(), "hi");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("config.json is missing") && empty.err().contains("tokenizer.json is missing"),
                empty.err());
    }

    @Test
    void withoutModelAndWithoutTheBundledModelTheMessageSaysWhatToDo() {
        Path lookedIn = dir.resolve("install").resolve(BundledModel.RELATIVE);
        UsageException e = assertThrows(UsageException.class,
                () -> ModelChoice.folder(null, Optional.empty(), List.of(lookedIn)));
        assertTrue(e.getMessage().contains("models/thinktrace-r1-tiny is not there (looked in " + lookedIn + ")")
                && e.getMessage().contains("pass --model DIR"), e.getMessage());
    }

    @Test
    void withoutModelTheBundledModelIsUsedAndAnExplicitFolderWins() throws UsageException {
        Path bundled = dir.resolve("bundled");
        Path explicit = dir.resolve("mine");
        assertEquals(bundled, ModelChoice.folder(null, Optional.of(bundled), List.of(bundled)));
        assertEquals(explicit, ModelChoice.folder(explicit, Optional.of(bundled), List.of(bundled)));
    }

    @Test
    void promptNeedsAReadableConversation() throws IOException {
        Run none = main("prompt");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--conversation FILE.json is needed"), none.err());

        Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"role\":\"bot\",\"content\":\"hi\"}]");
        Run badRole = main("prompt", "--conversation", bad.toString());
        assertEquals(2, badRole.code());
        assertTrue(badRole.err().contains("message 1 has role 'bot'"), badRole.err());

        Path broken = Files.writeString(dir.resolve("broken.json"), "[\n  {\"role\": \"user\",\n   \"content\": hi}\n]");
        Run brokenJson = main("prompt", "--conversation", broken.toString());
        assertEquals(2, brokenJson.code());
        assertTrue(brokenJson.err().contains("broken.json: not valid JSON at line 3, column"), brokenJson.err());
        assertFalse(brokenJson.err().contains("REDACTED") || brokenJson.err().contains("StreamReadFeature"),
                brokenJson.err());
    }

    @Test
    void aFailedGenerationIsExitCodeOneWithTheMessageOnStderr() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AskCommand.exitCode(new GenerationEvent.Failed("the model broke", null),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the model broke"));
    }

    @Test
    void conversationFilesRoundTrip() throws Exception {
        List<org.thinktrace.text.ChatTurn> turns = List.of(org.thinktrace.text.ChatTurn.system("s"),
                org.thinktrace.text.ChatTurn.user("ünïcode </think>"), org.thinktrace.text.ChatTurn.assistant("a"));
        Path file = dir.resolve("sub/conv.json");
        ConversationFile.write(file, turns);
        assertEquals(turns, ConversationFile.read(file));
        assertThrows(UsageException.class, () -> ConversationFile.read(Files.writeString(dir.resolve("e.json"), "[]")));
    }
}
