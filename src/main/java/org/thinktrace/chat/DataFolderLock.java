package org.thinktrace.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether this process is the only one writing a data folder: an operating-system lock on the file
 * {@value #FILE_NAME} in the folder, held until {@link #close()} (or until the process ends, however it ends).
 * A second app on the same folder finds the lock taken and opens the folder read-only, so two windows never
 * overwrite each other's conversations. The file holds the holder's process id, for the message.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE_NAME = "thinktrace.lock";

    private static final Logger log = LoggerFactory.getLogger(DataFolderLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String otherHolder;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock, String otherHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.otherHolder = otherHolder;
    }

    /**
     * Takes the folder's lock if no other app holds it (creating the folder if needed). Never throws: when the lock
     * file cannot be written at all, the folder is treated as not locked by another app, and the reason logged.
     */
    public static DataFolderLock acquire(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                return new DataFolderLock(file, null, null, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataFolderLock(file, channel, lock, null);
        } catch (IOException e) {
            log.warn("Could not lock the data folder through {}; going on without the lock", file, e);
            closeQuietly(channel);
            return new DataFolderLock(file, null, null, null);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // another app in this same process (a second window opened by a test) holds it
            return null;
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? "process " + pid : "another ThinkTrace";
        } catch (IOException e) {
            log.debug("Could not read who holds the data folder lock", e);
            return "another ThinkTrace";
        }
    }

    /** Whether another app holds the folder: then this one must not write to it. */
    public boolean heldByAnother() {
        return otherHolder != null;
    }

    /** Who holds the folder ("process 1234"), when another app does. */
    public Optional<String> otherHolder() {
        return Optional.ofNullable(otherHolder);
    }

    public Path file() {
        return file;
    }

    /** Lets the folder go (a no-op when this app did not hold it). */
    @Override
    public void close() {
        if (lock == null) return;
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("Could not release the lock {}", file, e);
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Could not close a lock file channel", e);
        }
    }
}
