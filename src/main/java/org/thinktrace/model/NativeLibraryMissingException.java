package org.thinktrace.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The PyTorch engine of DJL could not start on this machine. The message says which artifact is
 * missing for this operating system and processor, and how to get it; the cause holds DJL's own
 * error.
 */
public final class NativeLibraryMissingException extends RuntimeException {

    private NativeLibraryMissingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Explains {@code cause}, a failure to load DJL's PyTorch engine, for this machine. */
    static NativeLibraryMissingException explain(Throwable cause) {
        return new NativeLibraryMissingException(message(cause, System.getProperty("os.name"),
                System.getProperty("os.arch"), pytorchVersion()), cause);
    }

    /** The message for a machine reporting {@code osName} / {@code osArch}. */
    static String message(Throwable cause, String osName, String osArch, String pytorchVersion) {
        String classifier = classifier(osName, osArch);
        String version = pytorchVersion == null ? "(version of the pom's pytorch.version)" : pytorchVersion;
        return "The PyTorch engine could not be loaded (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ").\n"
                + "ThinkTrace runs offline and needs PyTorch's native libraries on the class path: the Maven"
                + " artifact ai.djl.pytorch:pytorch-native-cpu:" + version + " with classifier '" + classifier
                + "' (this machine: " + osName + " / " + osArch + ").\n"
                + "Fix: build with ./mvnw -DskipTests package on this machine (the pom picks the classifier per"
                + " OS) and start target/thinktrace.jar, which finds the jar in target/lib. Maven Central serves"
                + " the classifiers linux-x86_64, osx-aarch64 and win-x86_64; other platforms are not supported."
                + " The libraries are unpacked on first start into ~/.djl.ai (or DJL_CACHE_DIR), which must be"
                + " writable.";
    }

    /** The pytorch-native-cpu classifier for an OS name and architecture, e.g. {@code linux-x86_64}. */
    static String classifier(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "osx"
                : os.startsWith("windows") ? "win"
                : os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return system + "-" + arch;
    }

    /** PyTorch version the engine jar was built for, or null when that jar is absent. */
    private static String pytorchVersion() {
        try (InputStream in = NativeLibraryMissingException.class.getResourceAsStream("/pytorch-engine.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("pytorch_version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pytorch-engine.properties from the engine jar", e);
        }
    }
}
