package org.thinktrace.generate;

/** Why a generation ended. The lower-case name is what the {@code --json} output writes. */
public enum FinishReason {
    /** The model produced one of its EOS tokens. */
    EOS,
    /** The max-tokens limit or the context window was reached. */
    LENGTH,
    /** A stop string appeared. */
    STOP,
    /** The user cancelled. */
    CANCELLED;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
