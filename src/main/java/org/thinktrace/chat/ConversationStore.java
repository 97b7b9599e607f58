package org.thinktrace.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.log.Failures;

/**
 * Keeps each conversation as one JSON file {@code <id>.json} in a folder. Writes are atomic (temporary
 * file, then a move), so a crash never leaves half a file. A file that cannot be read is moved aside as
 * {@code <id>.json.corrupt-<timestamp>} and reported as a {@link StoreWarning}; loading never fails
 * because of one bad file. Responses saved while in progress come back marked stopped.
 *
 * <p>Thread-safe: writes of the same conversation are serialised.
 */
public final class ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);

    private final Path folder;
    private final ObjectMapper mapper;
    private final Clock clock;

    /** What {@link #loadAll()} found: readable conversations, newest first, and warnings about the rest. */
    public record LoadResult(List<Conversation> conversations, List<StoreWarning> warnings) {
        public LoadResult {
            conversations = List.copyOf(conversations);
            warnings = List.copyOf(warnings);
        }
    }

    public ConversationStore(Path folder) {
        this(folder, JsonMapping.newMapper(), Clock.systemUTC());
    }

    ConversationStore(Path folder, ObjectMapper mapper, Clock clock) {
        this.folder = folder;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Reads one conversation file as it is (a response left in progress is not marked stopped).
     *
     * @throws IOException naming the file when it cannot be read or is not a conversation
     */
    public static Conversation read(Path file) throws IOException {
        try {
            Conversation c = JsonMapping.newMapper().readValue(file.toFile(), Conversation.class);
            if (c == null || c.messages() == null) throw new IOException(file + " is not a ThinkTrace conversation");
            return c;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a ThinkTrace conversation: " + e.getOriginalMessage(), e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** Reads every conversation file; never throws for a bad file (see the class comment). */
    public LoadResult loadAll() {
        List<Conversation> conversations = new ArrayList<>();
        List<StoreWarning> warnings = new ArrayList<>();
        if (!Files.isDirectory(folder)) return new LoadResult(conversations, warnings);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                load(file, conversations, warnings);
            }
        } catch (IOException e) {
            LOG.warn("listing the conversations folder {} failed", folder, e);
            warnings.add(new StoreWarning(folder, "could not list the conversations folder: " + e.getMessage()));
        }
        conversations.sort(Comparator.comparingLong(Conversation::updatedAt).reversed());
        return new LoadResult(conversations, warnings);
    }

    private void load(Path file, List<Conversation> conversations, List<StoreWarning> warnings) {
        try {
            Conversation read = mapper.readValue(file.toFile(), Conversation.class);
            if (read.schemaVersion() > Conversation.SCHEMA_VERSION) {
                warnings.add(new StoreWarning(file, "written by a newer ThinkTrace (schema " + read.schemaVersion()
                        + ", this one reads " + Conversation.SCHEMA_VERSION + "); left as it is and not shown"));
                return;
            }
            String expected = read.id() + ".json";
            if (!file.getFileName().toString().equals(expected)) {
                throw new IllegalArgumentException("its id '" + read.id() + "' does not match the file name");
            }
            conversations.add(read.recoveredAfterInterruption());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("the conversation file {} is damaged", file, e);
            moveAside(file, reason(e), warnings);
        } catch (IOException e) {
            LOG.warn("the conversation file {} could not be read", file, e);
            warnings.add(new StoreWarning(file, "could not be read: " + e.getMessage()));
        }
    }

    private static String reason(Exception e) {
        return e instanceof JacksonException j && j.getOriginalMessage() != null ? j.getOriginalMessage()
                : Failures.describe(e);
    }

    private void moveAside(Path file, String reason, List<StoreWarning> warnings) {
        try {
            Path aside = AtomicFiles.moveAside(file, clock.instant());
            warnings.add(new StoreWarning(file, "is damaged (" + reason + "); moved aside to " + aside.getFileName()));
        } catch (IOException e) {
            LOG.warn("moving the damaged conversation file {} aside failed", file, e);
            warnings.add(new StoreWarning(file, "is damaged (" + reason + ") and could not be moved aside: " + e.getMessage()));
        }
    }

    /** Writes the conversation atomically, replacing its earlier file. */
    public void save(Conversation conversation) throws IOException {
        Path target = fileOf(conversation.id());
        synchronized (this) {
            AtomicFiles.write(target, out -> mapper.writeValue(out, conversation));
        }
    }

    /** Removes the conversation's file; nothing happens when there is none. */
    public synchronized void delete(String conversationId) throws IOException {
        Files.deleteIfExists(fileOf(conversationId));
    }

    /** The file a conversation is kept in. */
    public Path fileOf(String conversationId) {
        return folder.resolve(conversationId + ".json");
    }
}
