package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.export.ExportedVersion;
import org.thinktrace.cli.CliArgumentsTest.Run;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.PrecisionChoice;

/** {@code --dtype} on every command that loads a model: its values, its default, its errors. */
class PrecisionOptionTest {

    @TempDir
    Path dir;

    /** The reference list, built here from the enum: "auto" then every precision's lower-case name. */
    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>(List.of("auto"));
        for (ComputePrecision p : ComputePrecision.values()) names.add(p.name().toLowerCase(Locale.ROOT));
        return names;
    }

    /** Each model-loading command with arguments that reach the point where it reads --dtype (no model loads). */
    static Stream<List<String>> commandsThatLoadAModel() {
        return Stream.of(List.of("ask", "hi"), List.of("chat"), List.of("serve"), List.of("serve-bench"),
                List.of("inspect", "missing.json"), List.of("replay", "missing.json"), List.of("eval"),
                List.of("bench", "--model", "missing"));
    }

    @ParameterizedTest
    @MethodSource("commandsThatLoadAModel")
    void anUnknownPrecisionIsAUsageErrorListingEveryKnownOne(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--dtype", "bf16"));
        Run run = CliArgumentsTest.main(args.toArray(String[]::new));
        assertEquals(CliErrors.USAGE, run.code(), run.err());
        assertTrue(run.err().contains("--dtype must be one of " + String.join(", ", expectedNames()) + ", got 'bf16'"),
                run.err());
    }

    @ParameterizedTest
    @MethodSource("commandsThatLoadAModel")
    void theHelpListsEveryPrecision(List<String> command) {
        Run run = CliArgumentsTest.main(command.getFirst(), "--help");
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("weight precision: " + String.join(", ", expectedNames())), help);
    }

    @Test
    void generationCommandsDefaultToAutoAndReadEveryNameInAnyCase() throws UsageException {
        assertEquals(PrecisionChoice.AUTO, CliArgumentsTest.flagsOf().precision());
        for (ComputePrecision p : ComputePrecision.values()) {
            assertEquals(PrecisionChoice.of(p), CliArgumentsTest.flagsOf("--dtype", p.name()).precision());
            assertEquals(PrecisionChoice.of(p),
                    CliArgumentsTest.flagsOf("--dtype", p.name().toLowerCase(Locale.ROOT)).precision());
        }
        assertEquals(PrecisionChoice.AUTO, CliArgumentsTest.flagsOf("--dtype", "Auto").precision());
    }

    @Test
    void aPrecisionWithARemoteServerIsAUsageError() {
        Run run = CliArgumentsTest.main("ask", "--remote", "http://127.0.0.1:9/v1", "--remote-model", "m",
                "--dtype", "int8", "hi");
        assertEquals(CliErrors.USAGE, run.code());
        assertTrue(run.err().contains("--dtype and --remote exclude each other"), run.err());
    }

    @Test
    void replayDefaultsToThePrecisionTheExportRecordsAndNamesEveryVersionRecordedAtAnother() throws Exception {
        List<ExportedVersion> versions = List.of(version(1, "int8"), version(2, null), version(3, "fp32"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(PrecisionChoice.of(ComputePrecision.INT8),
                ReplayCommand.recordedPrecision(versions, new java.io.PrintStream(err, true)));
        assertEquals(PrecisionChoice.AUTO, ReplayCommand.recordedPrecision(List.of(version(1, null)),
                new java.io.PrintStream(err, true)));
        assertEquals("", err.toString());

        List<String> notes = ReplayCommand.precisionMismatches(versions, "fp32");
        assertEquals(List.of("response 1, version 1 was generated at INT8, this replay runs at FP32: its tokens may"
                + " differ for that reason alone (--dtype int8 replays at its precision)"), notes);
        assertEquals(List.of(), ReplayCommand.precisionMismatches(List.of(version(1, "int8")), "int8"));
    }

    @Test
    void replayOfAnExportAtAPrecisionThisBuildDoesNotKnowSaysSoAndUsesAuto() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(PrecisionChoice.AUTO, ReplayCommand.recordedPrecision(List.of(version(2, "q9")),
                new java.io.PrintStream(err, true)));
        assertTrue(err.toString().contains("response 1, version 2 was generated at precision 'q9', which this"
                + " ThinkTrace does not have; replaying at auto"), err.toString());
    }

    @Test
    void anUnknownPrecisionInAnExportFileIsReadAsRecorded() throws Exception {
        Path export = dir.resolve("export.json");
        Files.writeString(export, """
                {"format": "thinktrace-export", "formatVersion": 1, "messages": [
                  {"role": "assistant", "response": 1, "versions": [{"version": 1, "state": "complete",
                    "model": {"name": "m", "weightsSha256": null, "endpoint": null, "precision": "q9"},
                    "prompt": [{"role": "user", "content": "hi"}],
                    "sampling": {"temperature": 0, "topP": 1, "topK": 0, "minP": 0, "repetitionPenalty": 1,
                                 "presencePenalty": 0, "seed": 1},
                    "maxTokens": 5, "thinkingBudget": 0, "tokens": []}]}]}
                """);
        List<ExportedVersion> read = org.thinktrace.chat.export.TraceExport.read(export);
        assertEquals("q9", read.getFirst().model().precision());
    }

    private static ExportedVersion version(int number, String precision) {
        return new ExportedVersion(1, number, ResponseState.COMPLETE, List.of(), SamplingSettings.greedy(), 10, 0,
                new ModelIdentity("m", null, null, precision), null, List.of(), -1);
    }
}
