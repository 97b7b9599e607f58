package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One message of the file, told apart by its {@code "role"}: {@code "user"} or {@code "assistant"}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "role")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StoredUserMessage.class, name = "user"),
        @JsonSubTypes.Type(value = StoredAssistantMessage.class, name = "assistant")
})
public sealed interface StoredMessage permits StoredUserMessage, StoredAssistantMessage {
}
