package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix launch script {@code src/main/dist/thinktrace}, run with a stand-in {@code java} that prints its arguments
 * and the glibc malloc and OpenMP settings it was given: a training command gets fixed malloc thresholds and every
 * other command and the app a passive OpenMP wait policy, unless the environment sets its own.
 */
class LaunchScriptTest {

    private static final Path SCRIPT = Path.of("src/main/dist/thinktrace");

    @TempDir
    Path javaHome;

    @Test
    void trainingGetsFixedMallocThresholds() throws Exception {
        Launched launched = launch(Map.of(), "train", "--out", "dir");
        assertEquals(List.of("--add-modules", "jdk.incubator.vector", "-jar", "thinktrace.jar", "train", "--out", "dir"),
                launched.args());
        assertEquals(Map.of("MALLOC_MMAP_THRESHOLD_", "4294967296", "MALLOC_TRIM_THRESHOLD_", "17179869184",
                "MALLOC_TOP_PAD_", "536870912"), launched.malloc());
        assertEquals(Map.of(), launched.openMp(), "training keeps OpenMP's own wait policy");
    }

    @Test
    void aValueInTheEnvironmentWins() throws Exception {
        Launched launched = launch(Map.of("MALLOC_TOP_PAD_", "1"), "train");
        assertEquals("1", launched.malloc().get("MALLOC_TOP_PAD_"));
        assertEquals("4294967296", launched.malloc().get("MALLOC_MMAP_THRESHOLD_"));
        assertEquals(Map.of("OMP_WAIT_POLICY", "ACTIVE"), launch(Map.of("OMP_WAIT_POLICY", "ACTIVE"), "bench").openMp());
    }

    @Test
    void otherCommandsAndTheAppGetNoMallocSettingsButAPassiveOpenMpWaitPolicy() throws Exception {
        for (Launched launched : List.of(launch(Map.of(), "chat", "--model", "train"), launch(Map.of()))) {
            assertEquals(Map.of(), launched.malloc(), launched.args().toString());
            assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), launched.openMp(), launched.args().toString());
        }
    }

    /** What the stand-in java saw: its arguments (the jar's folder removed), every MALLOC_ and every OMP_ variable. */
    private record Launched(List<String> args, Map<String, String> malloc, Map<String, String> openMp) {
    }

    private Launched launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"), "a POSIX shell script");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg=$a\"; done\nenv | grep '^MALLOC_\\|^OMP_'\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(concat("sh", SCRIPT.toString(), args));
        builder.environment().keySet().removeIf(k -> k.startsWith("MALLOC_") || k.startsWith("OMP_"));
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script did not finish");
        assertEquals(0, process.exitValue(), out);
        List<String> launchedArgs = out.lines().filter(l -> l.startsWith("arg="))
                .map(l -> l.substring(4).replace(SCRIPT.getParent() + "/", "")).toList();
        return new Launched(launchedArgs, variables(out, "MALLOC_"), variables(out, "OMP_"));
    }

    private static Map<String, String> variables(String out, String prefix) {
        Map<String, String> found = new TreeMap<>();
        out.lines().filter(l -> l.startsWith(prefix)).forEach(l -> found.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return found;
    }

    private static List<String> concat(String a, String b, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(a, b));
        all.addAll(List.of(rest));
        return all;
    }
}
