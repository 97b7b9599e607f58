package org.thinktrace.chat;

import java.util.Objects;

/** What the user wrote. */
public record UserMessage(String id, String text, long createdAt) implements Message {
    public UserMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
