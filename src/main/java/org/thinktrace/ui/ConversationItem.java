package org.thinktrace.ui;

/** A row of the conversation list. */
public record ConversationItem(String id, String title, long updatedAt) {
}
