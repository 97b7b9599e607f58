package org.thinktrace.chat;

/** One entry of a conversation: what the user wrote, or the assistant's response with its versions. */
public sealed interface Message permits UserMessage, AssistantMessage {

    /** Unique within its conversation, stable across saves. */
    String id();
}
