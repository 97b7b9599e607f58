package org.thinktrace.ui;

/** What the main window can do right now. */
public enum AppState {
    /** No model is loaded: conversations can be read, not continued. */
    NO_MODEL,
    /** A model folder is being loaded in the background. */
    LOADING_MODEL,
    /** A model is loaded and idle. */
    READY,
    /** A response is being generated. */
    GENERATING
}
