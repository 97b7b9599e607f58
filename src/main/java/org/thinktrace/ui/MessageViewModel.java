package org.thinktrace.ui;

/** One entry of the transcript as the views see it. */
public sealed interface MessageViewModel permits UserMessageViewModel, AssistantMessageViewModel {

    /** The id of the stored message it shows. */
    String id();
}
