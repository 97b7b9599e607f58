package org.thinktrace.chat.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.thinktrace.chat.Conversation;

/**
 * Reads and writes conversation files (docs/conversation-format.md): writes version {@link #VERSION}; reads it and
 * version 1 (upgraded by {@link VersionOneMigration}); refuses newer versions with {@link NewerVersionException}.
 * Every problem is an {@link IOException} whose message names the file: {@link InvalidFileException} for content
 * that is not a valid conversation, a plain one when the file cannot be read. The one reader of conversation files: the
 * app's store and the command line both use it. Thread-safe.
 */
public final class ConversationFormat {

    /** The version this build writes. */
    public static final int VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A file of this version written by a later build may carry fields this one does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** A file written by a newer ThinkTrace, whose format this build does not know. */
    public static final class NewerVersionException extends IOException {
        private final int version;

        NewerVersionException(String source, int version) {
            super(source + " was written by a newer ThinkTrace (conversation format " + version + "; this one reads "
                    + VERSION + " and older)");
            this.version = version;
        }

        /** The file's format version. */
        public int version() {
            return version;
        }
    }

    /** A file that is JSON but not a valid conversation of its version (missing or wrong fields, broken rules). */
    public static final class InvalidFileException extends IOException {
        InvalidFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ConversationFormat() {
    }

    /** Writes {@code conversation} as a version-{@link #VERSION} file. */
    public static void write(OutputStream out, Conversation conversation) throws IOException {
        MAPPER.writeValue(out, StoredMapping.toStored(conversation));
    }

    /** The version-{@link #VERSION} JSON of {@code conversation}, as a tree (for exports). */
    public static ObjectNode toTree(Conversation conversation) {
        return MAPPER.valueToTree(StoredMapping.toStored(conversation));
    }

    /**
     * Reads one conversation file as it is (a response left in progress is not marked stopped).
     *
     * @throws NewerVersionException when a newer ThinkTrace wrote it
     * @throws IOException           naming the file when it cannot be read or is not a conversation
     */
    public static Conversation read(Path file) throws IOException {
        TopLevel top = scan(file);
        if (!top.looksLikeConversation()) {
            throw new InvalidFileException(file + " is not a ThinkTrace conversation file", null);
        }
        return fromFile(file, top);
    }

    /**
     * Reads {@code file} when it is a ThinkTrace conversation file (a JSON object with {@code schemaVersion} and
     * {@code messages}); empty when it is something else (other JSON, JSON lines, not JSON).
     *
     * @throws IOException naming the file when it cannot be read, or is a conversation file that is damaged or newer
     */
    public static Optional<Conversation> readIfConversation(Path file) throws IOException {
        TopLevel top;
        try {
            top = scan(file);
        } catch (InvalidFileException e) {
            return Optional.empty();
        }
        return top.looksLikeConversation() ? Optional.of(fromFile(file, top)) : Optional.empty();
    }

    /**
     * Reads a file of the app's data folder, where conversations share the folder with other files of the app
     * ({@code weights-sha256.json}; on macOS and Windows also the settings). A file whose content claims to be a
     * conversation (a JSON object with {@code schemaVersion}) is read as one; other JSON is someone else's file.
     *
     * @return the conversation, or empty when the file is JSON that is not a conversation's (no {@code schemaVersion})
     * @throws NewerVersionException when a newer ThinkTrace wrote it, whatever fields its format has
     * @throws InvalidFileException  naming the file when it is empty, not JSON, or claims to be a conversation and is
     *                               not a valid one
     * @throws IOException           naming the file when it cannot be read
     */
    public static Optional<Conversation> readStored(Path file) throws IOException {
        TopLevel top = scan(file);
        if (top.empty()) {
            throw new InvalidFileException(file + " is empty", null);
        }
        if (!top.object() || top.schemaVersion() == null) return Optional.empty();
        if (!top.hasMessages()) {
            JsonNode version = top.schemaVersion();
            if (version.canConvertToExactIntegral() && version.asInt() > VERSION) {
                throw new NewerVersionException(file.toString(), version.asInt());
            }
            throw new InvalidFileException(file + " is not a valid conversation file: \"messages\" is missing", null);
        }
        return Optional.of(fromFile(file, top));
    }

    /** Whether a parsed JSON value is a conversation file's top level. */
    public static boolean looksLikeConversation(JsonNode root) {
        return root != null && root.isObject() && root.has("schemaVersion") && root.has("messages");
    }

    /**
     * The conversation in a parsed file, upgraded from an older version when needed.
     *
     * @param source names the file in messages
     */
    public static Conversation fromTree(JsonNode root, String source) throws IOException {
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidFileException(source + " is not a ThinkTrace conversation file", null);
        }
        int version = checkedVersion(object.get("schemaVersion"), source);
        // Only an older version is changed while upgrading; the caller's tree is left as it was.
        ObjectNode upgraded = object;
        if (version == 1) {
            upgraded = object.deepCopy();
            VersionOneMigration.upgrade(upgraded);
        }
        ObjectNode stored = upgraded;
        return bind(() -> MAPPER.treeToValue(stored, StoredConversation.class), source, version);
    }

    /**
     * The conversation in {@code file}, whose top level {@link #scan} has read: a file of this version is bound
     * straight from the file, without a tree of the whole file in memory (a long trace's file takes a few times its size
     * as a tree); an older one is read as a tree and upgraded.
     */
    private static Conversation fromFile(Path file, TopLevel top) throws IOException {
        int version = checkedVersion(top.schemaVersion(), file.toString());
        if (version != VERSION) return fromTree(readTree(file), file.toString());
        try {
            return bind(() -> MAPPER.readValue(file.toFile(), StoredConversation.class), file.toString(), version);
        } catch (InvalidFileException e) {
            // Binding records straight from the file refuses a key given twice, which a tree reads as its last value
            // (files edited by hand or by other tools): read as a tree before calling the file damaged.
            return fromTree(readTree(file), file.toString());
        }
    }

    private static int checkedVersion(JsonNode versionNode, String source) throws IOException {
        if (versionNode == null || !versionNode.canConvertToExactIntegral()) {
            throw new InvalidFileException(source + ": \"schemaVersion\" is missing or not a whole number", null);
        }
        int version = versionNode.asInt();
        if (version > VERSION) throw new NewerVersionException(source, version);
        if (version < 1) throw new InvalidFileException(source + ": \"schemaVersion\" " + version + " does not exist", null);
        return version;
    }

    /** Reads the stored form with {@code reader} and maps it, every failure an {@link InvalidFileException}. */
    private static Conversation bind(StoredReader reader, String source, int version) throws IOException {
        try {
            return StoredMapping.fromStored(reader.read());
        } catch (JacksonException e) {
            throw new InvalidFileException(source + " is not a valid conversation file (format " + version + "): "
                    + e.getOriginalMessage() + (e instanceof JsonMappingException m ? " (at " + m.getPathReference() + ")" : ""), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidFileException(source + " is not a valid conversation file (format " + version + "): "
                    + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface StoredReader {
        StoredConversation read() throws IOException;
    }

    /**
     * A file's top level, read without keeping its content: whether it is empty, an object, its {@code schemaVersion}
     * value (null when absent) and whether it has {@code messages}.
     */
    private record TopLevel(boolean empty, boolean object, JsonNode schemaVersion, boolean hasMessages) {
        boolean looksLikeConversation() {
            return object && schemaVersion != null && hasMessages;
        }
    }

    /**
     * Reads {@code file}'s top-level fields, skipping their values but for {@code schemaVersion}'s: the whole file is
     * parsed, so a file that is not JSON is found here.
     *
     * @throws InvalidFileException naming the file when it is not valid JSON
     */
    private static TopLevel scan(Path file) throws IOException {
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) return new TopLevel(true, false, null, false);
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new TopLevel(false, false, null, false);
            }
            JsonNode schemaVersion = null;
            boolean hasMessages = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("schemaVersion")) {
                    schemaVersion = parser.readValueAsTree();
                } else {
                    hasMessages |= name.equals("messages");
                    parser.skipChildren();
                }
            }
            return new TopLevel(false, true, schemaVersion, hasMessages);
        } catch (JacksonException e) {
            throw new InvalidFileException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode readTree(Path file) throws IOException {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new InvalidFileException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
