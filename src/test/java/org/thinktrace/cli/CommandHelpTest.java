package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.thinktrace.cli.CliArgumentsTest.Run;

class CommandHelpTest {

    /** An option's first help line: {@code   -h, --help  Show…} or {@code       --model=DIR  model folder…}. */
    private static final Pattern OPTION_LINE = Pattern.compile("^(?:  -\\w, |      )(--[a-z-]+)(.*)$");
    /** The options every command has: picocli's help and version, and the inherited {@code --verbose}. */
    private static final List<String> STANDARD = List.of("--help", "--version", "--verbose");

    /** The options each command documents, written out here as the reference the help must match. */
    private static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("ask", generationOptionsPlus("--json", "--raw", "--conversation", "--remote", "--remote-model")),
            Map.entry("chat", generationOptionsPlus("--remote", "--remote-model")),
            Map.entry("serve", List.of("--model", "--dtype", "--host", "--port", "--api-key", "--reasoning-field", "--context",
                    "--max-waiting", "--max-tokens")),
            Map.entry("serve-bench", List.of("--model", "--dtype", "--runs", "--max-tokens", "--warmup")),
            Map.entry("prompt", List.of("--conversation", "--model", "--json")),
            Map.entry("inspect", List.of("--message", "--version", "--json", "--forks", "--converge", "--answer-tokens",
                    "--importance", "--steps", "--samples", "--budget", "--compare", "--with", "--model", "--dtype")),
            Map.entry("bench", List.of("--model", "--synthetic", "--cache", "--threads", "--dtype", "--context", "--runs", "--batch", "--gguf")),
            Map.entry("train", List.of("--out", "--recipe", "--steps", "--seed", "--resume", "--pause-after",
                    "--average-from", "--averages-out", "--threads")),
            Map.entry("eval", List.of("--model", "--dtype", "--per-family", "--mode", "--max-tokens", "--seed", "--threads", "--together",
                    "--require-targets", "--update-card", "--misses", "--agreement")),
            Map.entry("export", List.of("--conversation", "--format", "--out")),
            Map.entry("replay", List.of("--model", "--force", "--dtype")));

    private static List<String> generationOptionsPlus(String... more) {
        return Stream.concat(Stream.of(more), Stream.of("--model", "--temperature", "--top-p", "--top-k", "--min-p",
                "--repetition-penalty", "--presence-penalty", "--seed", "--max-tokens", "--think-budget", "--stop",
                "--context", "--dtype")).toList();
    }

    static Stream<String> commands() {
        return Main.COMMANDS.stream();
    }

    @Test
    void everyCommandHasItsReferenceList() {
        assertEquals(new TreeSet<>(Main.COMMANDS), new TreeSet<>(OPTIONS.keySet()));
        CommandIo io = new CommandIo(System.out, System.err, () -> System.in);
        TreeSet<String> registered = new TreeSet<>(Main.commandLine(io, () -> { }).getSubcommands().keySet());
        registered.removeAll(List.of("help", "generate-completion"));
        assertEquals(new TreeSet<>(Main.COMMANDS), registered);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpAndHPrintTheUsageWithEveryOptionAndItsDefaultOnStdout(String command) {
        for (String flag : List.of("--help", "-h")) {
            Run run = CliArgumentsTest.main(command, "--temperature", "0", flag);
            assertEquals(0, run.code(), run.err());
            assertEquals("", run.err());
            assertTrue(run.out().startsWith("usage: thinktrace " + command), run.out());
            Map<String, String> documented = documentedOptions(run.out());
            documented.forEach((option, description) -> assertTrue(STANDARD.subList(0, 2).contains(option)
                    || description.contains("default") || description.contains("required"),
                    command + ": no default stated for " + option + ": " + description));
            TreeSet<String> expected = new TreeSet<>(OPTIONS.get(command));
            expected.addAll(STANDARD);
            assertEquals(expected, new TreeSet<>(documented.keySet()), command);
        }
        assertEquals(CliArgumentsTest.main(command, "--help").out(), CliArgumentsTest.main("help", command).out());
    }

    /**
     * The parser reads left to right: when it complains about the trailing unknown option, every documented
     * option before it was accepted (a valued one took "1" as its value, a switch left "1" positional).
     */
    @ParameterizedTest
    @MethodSource("commands")
    void everyDocumentedOptionIsOneTheCommandAccepts(String command) {
        for (String option : Stream.concat(OPTIONS.get(command).stream(), Stream.of("--verbose")).toList()) {
            Run run = CliArgumentsTest.main(command, option, "1", "--no-such-option");
            assertEquals(2, run.code(), command + " " + option);
            assertTrue(run.err().contains("unknown option --no-such-option"), command + " " + option + ": " + run.err());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void anUnknownOptionIsAnErrorPointingToHelp(String command) {
        Run run = CliArgumentsTest.main(command, "--no-such-option");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains("unknown option --no-such-option"), run.err());
        assertTrue(run.err().contains("thinktrace " + command + " --help"), run.err());
    }

    /** Each option's help text, its continuation lines joined to it. */
    private static Map<String, String> documentedOptions(String help) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        String current = null;
        for (String line : help.lines().toList()) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.matches()) {
                current = m.group(1);
                options.put(current, m.group(2));
            } else if (current != null && line.startsWith("    ") && !line.isBlank()) {
                options.merge(current, " " + line.strip(), String::concat);
            } else {
                current = null;
            }
        }
        return options;
    }

    @Test
    void helpWordsAfterTheEndOfOptionsAreArguments() {
        AskCommand ask = new AskCommand(new CommandIo(System.out, System.err, () -> System.in));
        new picocli.CommandLine(ask).setAllowOptionsAsOptionParameters(true)
                .parseArgs("--stop=-h", "--", "-h", "what is -h?");
        assertEquals(List.of("-h"), ask.generation.stop);
        assertEquals(List.of("-h", "what is -h?"), ask.words);
        assertFalse(new picocli.CommandLine(ask).parseArgs("--", "-h").isUsageHelpRequested());
    }

    @Test
    void helpOfAnUnknownCommandIsAnError() {
        Run run = CliArgumentsTest.main("help", "fly");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown command 'fly'"), run.err());
    }
}
