package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgVariables() {
        UserFolders folders = UserFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "/cfg"), HOME);
        assertEquals(Path.of("/data/thinktrace"), folders.data());
        assertEquals(Path.of("/cfg/thinktrace"), folders.config());
    }

    @Test
    void linuxFallsBackToDotFoldersWhenUnsetOrRelative() {
        UserFolders folders = UserFolders.resolve("Linux", Map.of("XDG_DATA_HOME", "relative/path"), HOME);
        assertEquals(Path.of("/home/ada/.local/share/thinktrace"), folders.data());
        assertEquals(Path.of("/home/ada/.config/thinktrace"), folders.config());
    }

    @Test
    void macUsesApplicationSupport() {
        UserFolders folders = UserFolders.resolve("Mac OS X", Map.of(), HOME);
        assertEquals(Path.of("/home/ada/Library/Application Support/ThinkTrace"), folders.data());
        assertEquals(folders.data(), folders.config());
    }

    @Test
    void windowsUsesAppData() {
        UserFolders folders = UserFolders.resolve("Windows 11", Map.of("APPDATA", "/roaming"), HOME);
        assertEquals(Path.of("/roaming/ThinkTrace"), folders.data());
    }
}
