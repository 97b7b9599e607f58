package org.thinktrace.ui;

/** A user message in the transcript. Immutable: editing sends a new message. */
public record UserMessageViewModel(String id, String text) implements MessageViewModel {
}
