package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.cli.CliArgumentsTest.Run;

/** Bad input named by its option or file, and a usage error (exit 2), not a runtime failure (exit 1). */
class CliInputValidationTest {

    @TempDir
    Path dir;

    @Test
    void samplingValuesOutOfRangeNameTheirOption() {
        for (String[] option : new String[][] {{"--temperature", "-1"}, {"--top-p", "0"}, {"--top-k", "-1"},
                {"--min-p", "1"}, {"--repetition-penalty", "0"}}) {
            Run run = CliArgumentsTest.main("ask", option[0], option[1], "hi");
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("thinktrace ask: " + option[0] + " must be"), run.err());
        }
    }

    @Test
    void aPortOutOfRangeNamesTheOption() {
        for (String port : new String[] {"70000", "-1"}) {
            Run run = CliArgumentsTest.main("serve", "--port", port);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("--port"), run.err());
        }
    }

    @Test
    void inspectingAFileThatIsNotTextOrAFolderIsAUsageErrorNamingIt() throws Exception {
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'});
        Run notText = CliArgumentsTest.main("inspect", binary.toString());
        assertEquals(2, notText.code(), notText.err());
        assertTrue(notText.err().contains(binary.toString()), notText.err());

        Run folder = CliArgumentsTest.main("inspect", dir.toString());
        assertEquals(2, folder.code(), folder.err());
        assertTrue(folder.err().contains(dir.toString()), folder.err());
    }
}
