package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The file's top level: one conversation (see docs/conversation-format.md). */
@JsonPropertyOrder({"schemaVersion", "id", "title", "createdAt", "updatedAt", "messages"})
public record StoredConversation(
        @JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty(value = "createdAt", required = true) long createdAt,
        @JsonProperty(value = "updatedAt", required = true) long updatedAt,
        @JsonProperty(value = "messages", required = true) List<StoredMessage> messages) {
}
