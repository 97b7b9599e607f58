package org.thinktrace.chat;

/** The colour theme of the desktop app. */
public enum Theme {
    LIGHT,
    DARK
}
