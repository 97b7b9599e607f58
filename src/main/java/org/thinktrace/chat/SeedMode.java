package org.thinktrace.chat;

/** Where the sampling seed of a generation comes from. */
public enum SeedMode {
    /** A fresh seed is drawn for every generation, so Regenerate gives a new answer. */
    RANDOM,
    /** The seed in the settings is used every time: the same prompt and settings give the same answer. */
    FIXED
}
