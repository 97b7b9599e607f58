package org.thinktrace.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared files (exports) are written atomically yet readable as files the user creates, and through links. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNewSharedFileHasThePermissionsOfAFileCreatedTheUsualWay() throws IOException {
        Path usual = Files.writeString(dir.resolve("usual.md"), "x");
        Path shared = dir.resolve("export.md");
        AtomicFiles.writeShared(shared, text("# export"));
        assertEquals("# export", Files.readString(shared));
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(shared));
        Path own = dir.resolve("conversation.json");
        AtomicFiles.write(own, text("{}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)),
                "the app's own files stay the owner's");
    }

    @Test
    void aReplacedSharedFileKeepsItsPermissions() throws IOException {
        Path shared = Files.writeString(dir.resolve("export.md"), "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeShared(shared, text("new"));
        assertEquals("new", Files.readString(shared));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    @Test
    void aLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.md"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), real);
        AtomicFiles.writeShared(link, text("new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }
}
