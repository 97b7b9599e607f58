package org.thinktrace.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.files.AtomicFiles;

/**
 * Keeps each conversation as one JSON file {@code <id>.json} in a folder, in the format of
 * {@link ConversationFormat} (older versions are upgraded as they are read; a file of a newer version is left
 * alone with a warning). Writes are atomic (temporary
 * file, then a move), so a crash never leaves half a file. A conversation file that cannot be read is moved aside as
 * {@code <id>.json.corrupt-<timestamp>} (or, when the folder is not this app's to write, left where it is) and
 * reported as a {@link StoreWarning}; loading never fails because of one bad file. Other JSON files in the folder (no
 * {@code schemaVersion}: the weights' hash cache, and on macOS and Windows the settings) are not conversations and are
 * left alone, unless they bear a conversation's name ({@code <uuid>.json}): then they are damaged. Responses saved while in progress come back marked stopped.
 *
 * <p>Once {@link #close closed}, the store touches no file: the app closes it before it lets the data folder go.
 *
 * <p>Thread-safe: writes of the same conversation are serialised.
 */
public final class ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    /** The names this store gives conversations: their ids, UUIDs, and ".json". */
    private static final Pattern CONVERSATION_FILE =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\.json");

    /**
     * How many times its size the heap a conversation file takes while it is read: its stored form and the conversation
     * made of it (a file of long traces took 6.7 times its size at its peak) with room to spare.
     */
    static final int HEAP_PER_FILE_BYTE = 8;

    private final Path folder;
    private final Writer writer;
    private final Clock clock;
    private final LongSupplier heapBytes;
    /** Each file operation holds its shared side; {@link #close} takes the exclusive side to wait for them. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** How a conversation becomes bytes; {@link ConversationFormat#write} but in tests. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out, Conversation conversation) throws IOException;
    }

    /** What {@link #loadAll()} found: readable conversations, newest first, and warnings about the rest. */
    public record LoadResult(List<Conversation> conversations, List<StoreWarning> warnings) {
        public LoadResult {
            conversations = List.copyOf(conversations);
            warnings = List.copyOf(warnings);
        }
    }

    public ConversationStore(Path folder) {
        this(folder, ConversationFormat::write, Clock.systemUTC());
    }

    ConversationStore(Path folder, Writer writer, Clock clock) {
        this(folder, writer, clock, Runtime.getRuntime()::maxMemory);
    }

    /** @param heapBytes the most heap this JVM may use ({@link Runtime#maxMemory()} but in tests) */
    ConversationStore(Path folder, Writer writer, Clock clock, LongSupplier heapBytes) {
        this.folder = folder;
        this.writer = writer;
        this.clock = clock;
        this.heapBytes = heapBytes;
    }

    /**
     * Reads one conversation file as it is (a response left in progress is not marked stopped); see
     * {@link ConversationFormat#read}.
     *
     * @throws IOException naming the file when it cannot be read, is not a conversation or is of a newer format
     */
    public static Conversation read(Path file) throws IOException {
        return ConversationFormat.read(file);
    }

    public Path folder() {
        return folder;
    }

    /** What loading does with a conversation file that cannot be read. */
    public enum DamagedFiles {
        /** Moves it aside, so the name is free for the conversation's next save (the app that holds the folder). */
        MOVE_ASIDE,
        /** Leaves it where it is (a window that only reads a folder another app holds). */
        LEAVE
    }

    /** Reads every conversation file, moving damaged ones aside; never throws for a bad file (see the class comment). */
    public LoadResult loadAll() {
        return loadAll(DamagedFiles.MOVE_ASIDE);
    }

    /**
     * Reads every conversation file; never throws for a bad file (see the class comment). Once the store is closed, it
     * reads no further file and returns what it read.
     */
    public LoadResult loadAll(DamagedFiles damaged) {
        List<Conversation> conversations = new ArrayList<>();
        List<StoreWarning> warnings = new ArrayList<>();
        try {
            for (Path file : gated(folder, this::jsonFiles)) {
                gated(file, () -> {
                    load(file, damaged, conversations, warnings);
                    return null;
                });
            }
        } catch (ClosedException e) {
            LOG.info("the reading of {} stopped: ThinkTrace is closing", folder, e);
        } catch (IOException e) {
            LOG.warn("listing the conversations folder {} failed", folder, e);
            warnings.add(new StoreWarning(folder, "could not list the conversations folder: " + e.getMessage()));
        }
        conversations.sort(Comparator.comparingLong(Conversation::updatedAt).reversed());
        return new LoadResult(conversations, warnings);
    }

    /** The JSON files in the folder; none when there is no folder. */
    private List<Path> jsonFiles() throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder, "*.json")) {
            listing.forEach(files::add);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return files;
    }

    private void load(Path file, DamagedFiles damaged, List<Conversation> conversations, List<StoreWarning> warnings) {
        Conversation read;
        try {
            long size = Files.size(file);
            long heap = heapBytes.getAsLong();
            if (size > heap / HEAP_PER_FILE_BYTE) {
                if (!CONVERSATION_FILE.matcher(file.getFileName().toString()).matches()) {
                    LOG.info("{} ({} bytes) is too large to read here and not named as a conversation; left alone",
                            file, size);
                    return;
                }
                LOG.warn("{} ({} bytes) is too large to read in a heap of {} bytes; left as it is", file, size, heap);
                warnings.add(new StoreWarning(file, tooLarge(size, heap)));
                return;
            }
            Optional<Conversation> stored = ConversationFormat.readStored(file);
            if (stored.isEmpty()) {
                if (CONVERSATION_FILE.matcher(file.getFileName().toString()).matches()) {
                    LOG.warn("the conversation file {} holds JSON that is not a conversation", file);
                    setAside(file, damaged, "it is JSON but not a conversation: no \"schemaVersion\"", warnings);
                } else {
                    LOG.debug("{} is not a conversation file; left as it is", file);
                }
                return;
            }
            read = stored.get();
        } catch (ConversationFormat.NewerVersionException e) {
            LOG.info("the conversation file {} is of a newer format ({}); left as it is", file, e.version());
            warnings.add(new StoreWarning(file, "written by a newer ThinkTrace (format " + e.version()
                    + ", this one reads " + ConversationFormat.VERSION + "); left as it is and not shown"));
            return;
        } catch (ConversationFormat.InvalidFileException e) {
            LOG.warn("the conversation file {} is damaged", file, e);
            setAside(file, damaged, withoutFileName(file, e.getMessage()), warnings);
            return;
        } catch (IOException e) {
            LOG.warn("the conversation file {} could not be read", file, e);
            warnings.add(new StoreWarning(file, "could not be read: " + e.getMessage()));
            return;
        } catch (OutOfMemoryError e) {
            // What this file's reading took is garbage once it is given up: the files read before it stay, the rest
            // are tried, and this one is left for a start with more memory.
            LOG.error("reading the conversation file {} ran out of memory; left as it is", file, e);
            warnings.add(new StoreWarning(file, ranOutOfMemory(sizeOrZero(file), heapBytes.getAsLong())));
            return;
        }
        String expected = read.id() + ".json";
        if (!file.getFileName().toString().equals(expected)) {
            LOG.warn("the conversation file {} holds conversation {}", file, read.id());
            setAside(file, damaged, "its id '" + read.id() + "' does not match the file name", warnings);
            return;
        }
        conversations.add(read.recoveredAfterInterruption());
    }

    /** Why a file too large for this JVM's memory is not shown, and how to show it. */
    private static String tooLarge(long size, long heap) {
        return "is too large to open in the memory ThinkTrace may use (" + megabytes(size) + " file, "
                + megabytes(heap) + " of memory; files up to 1/" + HEAP_PER_FILE_BYTE + " of it open); left as it is"
                + " and not shown. Start ThinkTrace with more memory to open it, e.g. THINKTRACE_JAVA_OPTS=-Xmx"
                + (((size * HEAP_PER_FILE_BYTE + (1L << 30) - 1) >> 30) + 1) + "g";
    }

    /**
     * Why a file whose reading ran out of memory (the conversations read before it took the rest) is not shown, and
     * how to show it: twice the memory.
     */
    private static String ranOutOfMemory(long size, long heap) {
        return "could not be read in the memory ThinkTrace may use (" + megabytes(size) + " file, " + megabytes(heap)
                + " of memory, with the other conversations already read); left as it is and not shown. Start"
                + " ThinkTrace with more memory to open it, e.g. THINKTRACE_JAVA_OPTS=-Xmx"
                + Math.max(1, (2 * heap + (1L << 30) - 1) >> 30) + "g";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MB", (bytes + (1 << 20) - 1) >> 20);
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The reader's messages start with the file; the warning names it already. */
    private static String withoutFileName(Path file, String message) {
        String prefix = file.toString();
        if (message == null || !message.startsWith(prefix)) return String.valueOf(message);
        String rest = message.substring(prefix.length()).strip();
        return rest.startsWith(":") ? rest.substring(1).strip() : rest;
    }

    private void setAside(Path file, DamagedFiles damaged, String reason, List<StoreWarning> warnings) {
        if (damaged == DamagedFiles.LEAVE || closed) { // closed while the file was read: the folder is no longer ours
            warnings.add(new StoreWarning(file, "is damaged (" + reason + "); left as it is and not shown"));
            return;
        }
        try {
            Path aside = AtomicFiles.moveAside(file, clock.instant());
            warnings.add(new StoreWarning(file, "is damaged (" + reason + "); moved aside to " + aside.getFileName()));
        } catch (IOException e) {
            LOG.warn("moving the damaged conversation file {} aside failed", file, e);
            warnings.add(new StoreWarning(file, "is damaged (" + reason + ") and could not be moved aside: " + e.getMessage()));
        }
    }

    /**
     * Writes the conversation atomically, replacing its earlier file.
     *
     * @throws IOException when it cannot be written, or the store is closed
     */
    public void save(Conversation conversation) throws IOException {
        Path target = fileOf(conversation.id());
        gated(target, () -> {
            synchronized (this) {
                AtomicFiles.write(target, out -> writer.write(out, conversation));
            }
            return null;
        });
    }

    /**
     * Removes the conversation's file; nothing happens when there is none.
     *
     * @throws IOException when it cannot be removed, or the store is closed
     */
    public void delete(String conversationId) throws IOException {
        Path file = fileOf(conversationId);
        gated(file, () -> {
            synchronized (this) {
                Files.deleteIfExists(file);
            }
            return null;
        });
    }

    /**
     * Ends the store's use of its folder: waits up to {@code timeout} for the file operations in flight (a save, a
     * delete, a file being read or moved aside) and refuses every later one (a save or a delete throws, loading stops
     * and moves no file aside).
     *
     * @return whether the operations in flight ended within {@code timeout}
     */
    public boolean close(Duration timeout) {
        closed = true;
        Lock exclusive = gate.writeLock();
        try {
            if (exclusive.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                exclusive.unlock();
                return true;
            }
            LOG.warn("a file operation in {} was still running {} ms after the store closed", folder, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("waiting for the file operations in {} to end was interrupted", folder, e);
        }
        return false;
    }

    /** One operation on the store's files. */
    @FunctionalInterface
    private interface FileOperation<T> {
        T run() throws IOException;
    }

    /** Runs a file operation unless the store is closed; {@link #close} waits for it. */
    private <T> T gated(Path file, FileOperation<T> operation) throws IOException {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            if (closed) throw new ClosedException(file);
            return operation.run();
        } finally {
            shared.unlock();
        }
    }

    /** A file operation asked of a closed store. */
    private static final class ClosedException extends IOException {
        ClosedException(Path file) {
            super(file + " was not touched: ThinkTrace is closing");
        }
    }

    /** The file a conversation is kept in. */
    public Path fileOf(String conversationId) {
        return folder.resolve(conversationId + ".json");
    }
}
