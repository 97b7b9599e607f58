package org.thinktrace.chat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where ThinkTrace keeps its files, following each platform's custom: on Linux the XDG base
 * directories ({@code $XDG_DATA_HOME/thinktrace}, {@code $XDG_CONFIG_HOME/thinktrace}, falling back to
 * {@code ~/.local/share} and {@code ~/.config}); on macOS {@code ~/Library/Application Support/ThinkTrace};
 * on Windows {@code %APPDATA%\ThinkTrace}.
 *
 * @param data   conversations live here
 * @param config settings live here
 */
public record UserFolders(Path data, Path config) {

    /** The folders of the running user on this machine. */
    public static UserFolders forCurrentUser() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folders for an operating system name, an environment and a home folder (testable without touching the real ones). */
    public static UserFolders resolve(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData))
                    .resolve("ThinkTrace");
            return new UserFolders(base, base);
        }
        if (os.contains("mac")) {
            Path base = home.resolve("Library").resolve("Application Support").resolve("ThinkTrace");
            return new UserFolders(base, base);
        }
        Path data = xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        return new UserFolders(data.resolve("thinktrace"), config.resolve("thinktrace"));
    }

    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        // The XDG spec says a relative path in these variables is invalid and must be ignored.
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }
}
