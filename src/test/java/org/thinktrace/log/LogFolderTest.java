package org.thinktrace.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFolderTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesTheXdgStateFolderAndIgnoresARelativeOne() {
        assertEquals(Path.of("/home/ada/.local/state/thinktrace/logs"), LogFolder.resolve(null, "Linux", Map.of(), HOME));
        assertEquals(Path.of("/var/state/thinktrace/logs"),
                LogFolder.resolve(null, "Linux", Map.of("XDG_STATE_HOME", "/var/state"), HOME));
        assertEquals(Path.of("/home/ada/.local/state/thinktrace/logs"),
                LogFolder.resolve(null, "Linux", Map.of("XDG_STATE_HOME", "relative/state"), HOME));
    }

    @Test
    void macOsAndWindowsUseTheirOwnPlaces() {
        assertEquals(Path.of("/home/ada/Library/Logs/ThinkTrace"), LogFolder.resolve(null, "Mac OS X", Map.of(), HOME));
        assertEquals(Path.of("C:/Users/ada/AppData/Local/ThinkTrace/logs"),
                LogFolder.resolve(null, "Windows 11", Map.of("LOCALAPPDATA", "C:/Users/ada/AppData/Local"), HOME));
        assertEquals(Path.of("/home/ada/AppData/Local/ThinkTrace/logs"), LogFolder.resolve(null, "Windows 11", Map.of(), HOME));
    }

    @Test
    void theSystemPropertyWinsEverywhere() {
        assertEquals(Path.of("/tmp/logs"), LogFolder.resolve("/tmp/logs", "Linux",
                Map.of("XDG_STATE_HOME", "/var/state"), HOME));
    }

    @Test
    void failuresWithoutAMessageAreNamedByTheirClass() {
        assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
        assertEquals("disk full", Failures.describe(new java.io.IOException("disk full")));
    }
}
