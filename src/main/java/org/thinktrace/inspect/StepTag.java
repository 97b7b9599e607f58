package org.thinktrace.inspect;

import java.util.Locale;

/**
 * The function of one reasoning step, after the sentence taxonomy of Thought Anchors (Bogdan, Macar, Nanda,
 * Conmy 2025, arXiv 2506.19143), reduced to eight tags. {@link #jsonName()} is the name used in JSON and text.
 * {@link StepTagger} documents the rules that choose one.
 */
public enum StepTag {
    /** Restating or parsing the problem. */
    RESTATE,
    /** Deciding what to do next. */
    PLAN,
    /** Working: arithmetic, equations, intermediate results. */
    COMPUTE,
    /** Stating a fact, a definition or a formula. */
    RECALL,
    /** Hesitation or doubt: "Wait", "Hmm", "But", "Actually", "Hold on". */
    UNCERTAINTY,
    /** Verification: "Check", "verify", "double-check", "let me confirm". */
    CHECK,
    /** Abandoning an approach or a result: "that doesn't work", "let me try another way". */
    BACKTRACK,
    /** Stating the result: "So the answer is", "Therefore". */
    CONCLUDE;

    /** The lower-case name used in JSON and in the outline ({@code restate}, {@code plan}, …). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tag named {@code name} as {@link #jsonName()} spells it. */
    public static StepTag fromJsonName(String name) {
        for (StepTag tag : values()) {
            if (tag.jsonName().equals(name)) return tag;
        }
        throw new IllegalArgumentException("unknown step tag \"" + name + "\"");
    }
}
