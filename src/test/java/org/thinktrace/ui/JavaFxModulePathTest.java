package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxModulePathTest {

    @TempDir
    Path lib;

    @Test
    void theSecondProcessGetsJavaFxAsModulesAndKeepsTheOptions() {
        List<Path> modules = List.of(Path.of("lib/javafx-base-21-linux.jar"), Path.of("lib/javafx-graphics-21-linux.jar"));
        List<String> command = JavaFxModulePath.command("/jdk/bin/java", modules,
                List.of("-Dthinktrace.data=/tmp/d", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"),
                "target/thinktrace.jar", "org.thinktrace.cli.Main", 25, true);
        assertEquals(List.of("/jdk/bin/java",
                "--module-path", "lib/javafx-base-21-linux.jar" + File.pathSeparator + "lib/javafx-graphics-21-linux.jar",
                "--add-modules", "javafx.controls,jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED,javafx.graphics",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dthinktrace.data=/tmp/d", "-Xmx2g",
                "-D" + JavaFxModulePath.STARTED_MODULAR + "=true",
                "-cp", "target/thinktrace.jar", "org.thinktrace.cli.Main"), command);
    }

    @Test
    void javaBefore23GetsNoUnsafeSwitchItWouldRefuse() {
        List<String> command = JavaFxModulePath.command("java", List.of(Path.of("a.jar")), List.of(), "cp", "Main", 21,
                true);
        assertFalse(command.stream().anyMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access")), command.toString());
    }

    @Test
    void theVectorApiModuleIsAddedOnlyFromJava22AndWhereTheRuntimeHasIt() {
        assertEquals("javafx.controls", addedModules(21, true), "the int8 kernel needs Java 22");
        assertEquals("javafx.controls", addedModules(25, false), "a runtime without the module would not start");
        assertEquals("javafx.controls,jdk.incubator.vector", addedModules(22, true));
    }

    private static String addedModules(int javaFeature, boolean vectorModule) {
        List<String> command = JavaFxModulePath.command("java", List.of(Path.of("a.jar")), List.of(), "cp", "Main",
                javaFeature, vectorModule);
        return command.get(command.indexOf("--add-modules") + 1);
    }

    @Test
    void onlyJavaFxJarsThatAreModulesGoOnTheModulePath() throws IOException {
        Path graphics = jar("javafx-graphics-21-linux.jar", true);
        jar("javafx-graphics-21.jar", false);
        jar("jackson-databind.jar", true);
        Path base = jar("javafx-base-21-linux.jar", true);
        assertEquals(List.of(base, graphics), JavaFxModulePath.moduleJarsBeside(graphics));
        assertTrue(JavaFxModulePath.moduleJarsBeside(lib.resolve("missing.jar")).isEmpty());
    }

    private Path jar(String name, boolean module) throws IOException {
        Path jar = lib.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(module ? "module-info.class" : "META-INF/MANIFEST.MF"));
            zip.write(new byte[] {1});
            zip.closeEntry();
        }
        return jar;
    }
}
