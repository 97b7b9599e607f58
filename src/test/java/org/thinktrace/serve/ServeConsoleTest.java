package org.thinktrace.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.ThinkTrace;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code thinktrace serve}, run as a user runs it (its own JVM, the bundled model), writes its one "serving …"
 * line and nothing from the HTTP server's logging to the console: Helidon finds ThinkTrace's logging provider.
 */
@Timeout(180)
class ServeConsoleTest {

    @TempDir
    Path home;

    @Test
    void theHttpServerPrintsNothingOfItsOwnAtStart() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = home.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Duser.home=" + home,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ThinkTrace.class.getName(), "serve", "--port", "0"))
                .redirectError(stderr.toFile()).start();
        String serving;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            serving = out.readLine();
            Thread.sleep(1_000); // anything the server logs while starting is written by now
        } finally {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "serve ends on SIGTERM");
        }
        String console = Files.readString(stderr, StandardCharsets.UTF_8);
        assertNotNull(serving, "serve printed nothing; stderr: " + console);
        assertTrue(serving.startsWith("serving "), serving + "\n" + console);
        assertFalse(console.contains("Helidon"), console);
        assertFalse(console.lines().anyMatch(line -> line.contains("io.helidon")), console);
    }
}
