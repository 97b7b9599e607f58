package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a child JVM whose class path lacks the pytorch-native-cpu jar and whose DJL cache is an
 * empty folder, as on a machine where the natives were never installed, and checks the message.
 */
class DjlRuntimeMissingNativesTest {

    @TempDir
    Path emptyCache;

    @Test
    void missingNativesGiveOneClearMessage() throws IOException, InterruptedException {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String classPath = entries.stream().filter(e -> !e.contains("pytorch-native-cpu"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(classPath.equals(System.getProperty("java.class.path")), "the native jar was on the class path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classPath,
                NativesMissingProbe.class.getName()).redirectErrorStream(true);
        builder.environment().put("DJL_CACHE_DIR", emptyCache.toString());
        builder.environment().put("ENGINE_CACHE_DIR", emptyCache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);

        assertEquals(3, process.exitValue(), output);
        assertMessage(new IllegalStateException(output), "The PyTorch engine could not be loaded",
                "ai.djl.pytorch:pytorch-native-cpu:", "with classifier '", "./mvnw -DskipTests package");
    }
}
