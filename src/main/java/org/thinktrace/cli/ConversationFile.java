package org.thinktrace.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.store.ConversationFormat;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/**
 * A conversation as a JSON list of messages, {@code [{"role":"user","content":"…"}, …]} (an object with
 * such a {@code "messages"} list is accepted too), or a conversation file of the app (recognised and read by
 * {@link ConversationFormat}; each assistant message counts with its selected version). Roles: system, user,
 * assistant. Problems name the file, and the line and column or the message.
 */
final class ConversationFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConversationFile() {
    }

    static List<ChatTurn> read(Path file) throws UsageException {
        Optional<Conversation> conversation;
        try {
            conversation = ConversationFormat.readIfConversation(file);
        } catch (IOException e) { // its message names the file
            throw new UsageException(Files.exists(file) ? e.getMessage() : file + ": no such file", e);
        }
        if (conversation.isPresent()) return appConversation(file, conversation.get());
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UsageException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UsageException(file + ": " + (Files.exists(file) ? "cannot be read (" + e.getMessage() + ")"
                    : "no such file"), e);
        }
        JsonNode messages = root != null && root.isObject() ? root.get("messages") : root;
        if (messages == null || !messages.isArray()) {
            throw new UsageException(file + ": expected a JSON list of {\"role\", \"content\"} messages");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new UsageException(file + ": message " + (i + 1) + " needs a text \"role\" and a text \"content\"");
            }
            turns.add(new ChatTurn(role(file, i, role.asText()), content.asText()));
        }
        if (turns.isEmpty()) throw new UsageException(file + ": the conversation has no messages");
        return turns;
    }

    private static List<ChatTurn> appConversation(Path file, Conversation conversation) throws UsageException {
        List<ChatTurn> turns = conversation.turns(conversation.messages().size(), "");
        if (turns.isEmpty()) throw new UsageException(file + ": the conversation has no messages");
        return turns;
    }

    static void write(Path file, List<ChatTurn> turns) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        for (ChatTurn t : turns) list.addObject().put("role", t.role().templateName()).put("content", t.content());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        JSON.writeValue(file.toFile(), list);
    }

    private static Role role(Path file, int index, String name) throws UsageException {
        for (Role r : Role.values()) {
            if (r.templateName().equals(name)) return r;
        }
        throw new UsageException(file + ": message " + (index + 1) + " has role '" + name
                + "'; expected system, user or assistant");
    }
}
