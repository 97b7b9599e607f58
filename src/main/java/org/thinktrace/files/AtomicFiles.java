package org.thinktrace.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes files so a reader sees either the old content or the new one, never half of it. */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Writes the content into {@code target}'s folder. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, forces it to the disk, then moves it over
     * {@code target} atomically and forces the folder's entry, so that after a power loss {@code target} holds the old
     * content or the new, never an empty file. If writing fails, {@code target} is untouched and the temporary file is
     * removed.
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, new FileAttribute<?>[0], null);
    }

    /**
     * Writes a file the user shares (an export) as {@link #write} does, but readable by others as a file the user
     * created would be ({@code rw-r--r--} less the umask, or the permissions of the file it replaces; {@link #write}'s
     * temporary files are the owner's alone). A {@code target} that is a link, a device or a pipe ({@code /dev/stdout})
     * is written through, as named.
     */
    public static void writeShared(Path target, Content content) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            try (OutputStream out = Files.newOutputStream(target)) {
                content.writeTo(out);
            }
            return;
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            write(target, content);
            return;
        }
        if (Files.exists(target)) {
            write(target, content, new FileAttribute<?>[0], Files.getPosixFilePermissions(target));
        } else { // created as any file is: the umask applies
            write(target, content, new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))}, null);
        }
    }

    /** With {@code exactPermissions} non-null, the temporary file gets them as they are (no umask). */
    private static void write(Path target, Content content, FileAttribute<?>[] attributes,
                              Set<PosixFilePermission> exactPermissions) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, target.getFileName() + ".", ".tmp", attributes);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            // The content may close the stream itself (Jackson does), so the file is forced through a channel of its own.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // Set once written: permissions without the owner's write would otherwise stop the writing.
            if (exactPermissions != null) Files.setPosixFilePermissions(temp, exactPermissions);
            moveOver(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceFolder(folder);
    }

    /** Forces a folder's entries to the disk where the platform can (not on Windows, where a folder cannot be opened). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("the folder {} cannot be forced to the disk here; the move is left to the file system", folder, e);
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (network shares) cannot rename atomically; replacing is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Moves an unreadable file aside as {@code <name>.corrupt-<stamp>} (with {@code -2}, {@code -3}, … when a file
     * of that name was moved aside in the same second) and returns where it went; never replaces a file.
     */
    public static Path moveAside(Path file, Instant when) throws IOException {
        String name = file.getFileName() + ".corrupt-" + STAMP.format(when);
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(n == 1 ? name : name + "-" + n);
            try {
                return Files.move(file, aside);
            } catch (FileAlreadyExistsException e) {
                LOG.debug("{} exists; trying the next name", aside, e);
            }
        }
    }
}
