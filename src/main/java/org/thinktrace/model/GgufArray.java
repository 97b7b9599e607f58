package org.thinktrace.model;

import java.util.List;

/**
 * A GGUF metadata array: its element type and its values, as the same Java types a scalar of
 * that type is read as ({@code Long}, {@code Float}, {@code Double}, {@code Boolean}, {@code String}).
 * Arrays of arrays are refused when reading, so {@code elementType} is never {@link GgufValueType#ARRAY}.
 */
public record GgufArray(GgufValueType elementType, List<Object> values) {

    public GgufArray {
        values = List.copyOf(values);
    }

    /** Number of elements. */
    public int size() {
        return values.size();
    }
}
