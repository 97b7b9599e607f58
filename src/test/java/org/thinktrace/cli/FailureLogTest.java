package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.cli.CliArgumentsTest.Run;
import org.thinktrace.log.LogFolder;
import org.thinktrace.testing.Fixture;

/** A model that fails to load leaves its stack trace in the log file; the user sees one clear line. */
class FailureLogTest {

    @TempDir
    Path dir;

    @Test
    void aFailedModelLoadIsInTheLogWithItsStackTrace() throws IOException {
        Path model = dir.resolve("broken-model");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Fixture.inRepository("models/stories260K"))) {
            for (Path file : files.toList()) Files.copy(file, model.resolve(file.getFileName()));
        }
        // a safetensors header that claims more bytes than the file has
        Files.write(model.resolve("model.safetensors"), new byte[] {(byte) 0xff, 0x7f, 0, 0, 0, 0, 0, 0, '{', '}'});
        Path log = LogFolder.currentFile();
        assertTrue(log.toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()),
                "tests log into target/, not " + log.toAbsolutePath());
        long before = Files.exists(log) ? Files.size(log) : 0;

        Run run = CliArgumentsTest.main("ask", "--model", model.toString(), "hi");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("model.safetensors"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for the user: " + run.err());
        byte[] all = Files.readAllBytes(log); // the size is in bytes: earlier lines may hold non-ASCII characters
        String written = new String(all, (int) before, all.length - (int) before, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(written.contains("thinktrace ask failed") && written.contains("model.safetensors"), written);
        assertTrue(written.contains("\tat org.thinktrace."), "the stack trace is logged: " + written);
    }
}
