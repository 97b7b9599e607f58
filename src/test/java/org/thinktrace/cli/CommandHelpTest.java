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

    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^  (--[a-z-]+)(.*)$");

    /** The options each command documents, written out here as the reference the help must match. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "ask", generationOptionsPlus("--json", "--raw", "--remote", "--remote-model"),
            "chat", generationOptionsPlus("--remote", "--remote-model"),
            "serve", List.of("--model", "--host", "--port", "--api-key", "--reasoning-field", "--context",
                    "--max-waiting", "--max-tokens"),
            "prompt", List.of("--conversation", "--model", "--json"),
            "serve-bench", List.of("--model", "--runs", "--max-tokens"),
            "inspect", List.of("--message", "--version", "--json", "--forks", "--converge", "--answer-tokens",
                    "--importance", "--steps", "--samples", "--budget", "--compare", "--with", "--model"),
            "bench", List.of("--model", "--synthetic", "--cache", "--threads", "--dtype", "--context", "--runs"),
            "train", List.of("--out", "--recipe", "--steps", "--resume", "--pause-after", "--threads"),
            "eval", List.of("--model", "--per-family", "--mode", "--max-tokens", "--seed", "--threads",
                    "--require-targets", "--update-card"));

    private static List<String> generationOptionsPlus(String... more) {
        return Stream.concat(Stream.of(more), Stream.of("--model", "--temperature", "--top-p", "--top-k", "--min-p",
                "--repetition-penalty", "--presence-penalty", "--seed", "--max-tokens", "--think-budget", "--stop",
                "--context")).toList();
    }

    static Stream<String> commands() {
        return Main.commands().keySet().stream();
    }

    @Test
    void everyCommandHasItsReferenceList() {
        assertEquals(new TreeSet<>(Main.commands().keySet()), new TreeSet<>(OPTIONS.keySet()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpAndHPrintTheUsageWithEveryOptionAndItsDefaultOnStdout(String command) {
        for (String flag : List.of("--help", "-h")) {
            Run run = CliArgumentsTest.main(command, "--temperature", "0", flag);
            assertEquals(0, run.code(), run.err());
            assertEquals("", run.err());
            assertTrue(run.out().startsWith("usage: thinktrace " + command), run.out());
            Matcher m = OPTION_LINE.matcher(run.out());
            TreeSet<String> documented = new TreeSet<>();
            while (m.find()) {
                documented.add(m.group(1));
                String description = m.group(2);
                assertTrue(description.contains("default") || description.contains("required"),
                        command + ": no default stated for " + m.group(1));
            }
            assertEquals(new TreeSet<>(OPTIONS.get(command)), documented, command);
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
        for (String option : OPTIONS.get(command)) {
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

    @Test
    void helpWordsAfterTheEndOfOptionsAreArguments() {
        assertTrue(Main.asksForHelp(List.of("--seed", "1", "-h")));
        assertFalse(Main.asksForHelp(List.of("--", "-h")));
        assertFalse(Main.asksForHelp(List.of("--stop=-h", "what is -h?")));
    }

    @Test
    void helpOfAnUnknownCommandIsAnError() {
        Run run = CliArgumentsTest.main("help", "fly");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown command 'fly'"), run.err());
    }
}
