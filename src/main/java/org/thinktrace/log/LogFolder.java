package org.thinktrace.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the log file {@value #FILE_NAME} is written: the folder named by the system property
 * {@value #PROPERTY} when set (tests point it into {@code target/}), else the platform's place for logs:
 * {@code $XDG_STATE_HOME/thinktrace/logs} on Linux (default {@code ~/.local/state/thinktrace/logs}),
 * {@code ~/Library/Logs/ThinkTrace} on macOS, {@code %LOCALAPPDATA%\ThinkTrace\logs} on Windows.
 */
public final class LogFolder {

    /** The system property that overrides the folder. */
    public static final String PROPERTY = "thinktrace.log.dir";
    /** The current log file's name; rolled files add the date and an index. */
    public static final String FILE_NAME = "thinktrace.log";

    private LogFolder() {
    }

    /** The folder for this process. */
    public static Path current() {
        return resolve(System.getProperty(PROPERTY), System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /** The current log file of this process. */
    public static Path currentFile() {
        return current().resolve(FILE_NAME);
    }

    /** The folder for an override (or null), an operating system name, an environment and a home folder. */
    public static Path resolve(String override, String osName, Map<String, String> env, Path home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local == null || local.isBlank() ? home.resolve("AppData").resolve("Local") : Path.of(local);
            return base.resolve("ThinkTrace").resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("ThinkTrace");
        }
        String state = env.get("XDG_STATE_HOME");
        // the XDG spec says a relative path in these variables is invalid and must be ignored
        Path base = state == null || state.isBlank() || !Path.of(state).isAbsolute()
                ? home.resolve(".local").resolve("state") : Path.of(state);
        return base.resolve("thinktrace").resolve("logs");
    }
}
