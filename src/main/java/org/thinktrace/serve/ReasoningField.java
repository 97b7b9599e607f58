package org.thinktrace.serve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The delta / message field that carries the thinking in the server's responses. */
public enum ReasoningField {
    /** DeepSeek's API and llama.cpp's server. */
    REASONING_CONTENT("reasoning_content"),
    /** vLLM's newer releases. */
    REASONING("reasoning");

    private final String jsonName;

    ReasoningField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The field named {@code name}; the message lists the accepted names. */
    public static ReasoningField named(String name) {
        for (ReasoningField f : values()) {
            if (f.jsonName.equals(name.trim().toLowerCase(Locale.ROOT))) return f;
        }
        throw new IllegalArgumentException("unknown reasoning field '" + name + "'; use one of "
                + Arrays.stream(values()).map(ReasoningField::jsonName).collect(Collectors.joining(", ")));
    }
}
