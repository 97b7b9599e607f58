package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the user wrote; {@code createdAt} in epoch milliseconds. */
@JsonPropertyOrder({"id", "text", "createdAt"})
public record StoredUserMessage(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "text", required = true) String text,
        @JsonProperty(value = "createdAt", required = true) long createdAt) implements StoredMessage {
}
