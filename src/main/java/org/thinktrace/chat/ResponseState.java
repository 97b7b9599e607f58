package org.thinktrace.chat;

/** Where an assistant response stands. */
public enum ResponseState {
    /** Still being generated (on disk: a draft saved during generation). */
    IN_PROGRESS,
    /** Generation ended normally (EOS, length or a stop string). */
    COMPLETE,
    /** The user stopped it, or the app ended while it ran. */
    STOPPED,
    /** The generator reported a failure; {@link AssistantVersion#error()} says what. */
    FAILED
}
