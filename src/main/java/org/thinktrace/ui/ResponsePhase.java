package org.thinktrace.ui;

/** Where one assistant response shown in the transcript stands. */
public enum ResponsePhase {
    THINKING,
    ANSWERING,
    COMPLETE,
    STOPPED,
    FAILED
}
