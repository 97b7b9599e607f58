package org.thinktrace.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One entry of a conversation: what the user wrote, or the assistant's response with its versions. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "role")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UserMessage.class, name = "user"),
        @JsonSubTypes.Type(value = AssistantMessage.class, name = "assistant")
})
public sealed interface Message permits UserMessage, AssistantMessage {

    /** Unique within its conversation, stable across saves. */
    String id();
}
