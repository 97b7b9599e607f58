package org.thinktrace.ui;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JavaFX the supported way: from its named modules on the module path. Started with {@code java -jar},
 * JavaFX comes from the class path, which JavaFX reports as an unsupported configuration, and on Java 24 and later
 * its renderer's {@code sun.misc.Unsafe} calls print warnings. The desktop app then runs in a second Java
 * process, the same Java with the same options, with JavaFX's module jars (found beside the loaded JavaFX) on the
 * module path. The second process also resolves {@value #VECTOR_MODULE} (Java 22 and later, when the runtime has it),
 * which the int8 kernel needs and a jar's manifest cannot add, so the app runs int8 weights at full speed however it
 * was started.
 */
final class JavaFxModulePath {

    /** The incubating Vector API module the int8 kernel runs on. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Set in the second process, so it never starts a third. */
    static final String STARTED_MODULAR = "thinktrace.javafx.modular";

    private static final Logger log = LoggerFactory.getLogger(JavaFxModulePath.class);

    private JavaFxModulePath() {
    }

    /** The command that runs {@code mainClass} with JavaFX as named modules, or empty when this process is fine as it is. */
    static Optional<List<String>> relaunchCommand(String mainClass) {
        if (Application.class.getModule().isNamed() || Boolean.getBoolean(STARTED_MODULAR)) return Optional.empty();
        Optional<String> javaCommand = ProcessHandle.current().info().command();
        List<Path> modules = moduleJarsBeside(javaFxJar());
        if (javaCommand.isEmpty() || modules.isEmpty()) return Optional.empty();
        return Optional.of(command(javaCommand.get(), modules,
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), mainClass, Runtime.version().feature(),
                ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()));
    }

    /**
     * The second process's command line: JavaFX's module jars on the module path, the original options but the
     * native-access ones (set again here, with JavaFX's module added), the class path, on Java 22 and later the
     * Vector API module when the runtime has it ({@code vectorModule}), and on Java 23 and later the switch that
     * lets JavaFX 21's renderer use {@code sun.misc.Unsafe} without a warning.
     */
    static List<String> command(String java, List<Path> modules, List<String> jvmOptions, String classPath,
                                String mainClass, int javaFeature, boolean vectorModule) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--module-path");
        command.add(String.join(File.pathSeparator, modules.stream().map(Path::toString).toList()));
        command.add("--add-modules");
        command.add(javaFeature >= 22 && vectorModule ? "javafx.controls," + VECTOR_MODULE : "javafx.controls");
        command.add("--enable-native-access=ALL-UNNAMED,javafx.graphics");
        if (javaFeature >= 23) command.add("--sun-misc-unsafe-memory-access=allow");
        jvmOptions.stream().filter(o -> !o.startsWith("--enable-native-access")).forEach(command::add);
        command.add("-D" + STARTED_MODULAR + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return command;
    }

    private static Path javaFxJar() {
        try {
            var source = Application.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            log.debug("Could not find the JavaFX jar", e);
            return null;
        }
    }

    /** The JavaFX jars that are modules (hold a module-info.class) in the folder of {@code javaFxJar}. */
    static List<Path> moduleJarsBeside(Path javaFxJar) {
        if (javaFxJar == null || !Files.isRegularFile(javaFxJar)) return List.of();
        try (Stream<Path> files = Files.list(javaFxJar.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("javafx-.*\\.jar"))
                    .filter(JavaFxModulePath::isModule).sorted().toList();
        } catch (IOException e) {
            log.warn("Could not list the JavaFX jars beside {}", javaFxJar, e);
            return List.of();
        }
    }

    private static boolean isModule(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("module-info.class") != null;
        } catch (IOException e) {
            log.warn("Could not read {}", jar, e);
            return false;
        }
    }
}
