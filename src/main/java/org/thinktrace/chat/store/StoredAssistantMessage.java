package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A response with its versions; {@code selected} is the 0-based index of the version shown. */
@JsonPropertyOrder({"id", "versions", "selected", "thinkingOpen"})
public record StoredAssistantMessage(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "versions", required = true) List<StoredVersion> versions,
        @JsonProperty(value = "selected", required = true) int selected,
        @JsonProperty(value = "thinkingOpen", required = true) boolean thinkingOpen) implements StoredMessage {
}
