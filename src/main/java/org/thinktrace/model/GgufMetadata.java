package org.thinktrace.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The metadata key/value pairs of one GGUF file, in file order. Values are {@code Long} for every
 * integer type (a {@code UINT64} above {@link Long#MAX_VALUE} reads as a negative long),
 * {@code Float} for FLOAT32, {@code Double} for FLOAT64, {@code Boolean}, {@code String} and
 * {@link GgufArray}. The typed accessors throw a {@link CheckpointException} naming the file, the
 * key and what was found, so a caller can pass a missing or mistyped key straight to the user.
 *
 * @param file   the GGUF file the metadata came from
 * @param values each key's value
 * @param types  each key's type in the file
 */
public record GgufMetadata(Path file, Map<String, Object> values, Map<String, GgufValueType> types) {

    public GgufMetadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** The keys in file order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of {@code key} as a string. */
    public String requireString(String key) {
        return require(key, String.class, "a string");
    }

    /** The value of {@code key}, any integer type. */
    public long requireInteger(String key) {
        return require(key, Long.class, "an integer");
    }

    /** The value of {@code key}, any integer or float type, as a double. */
    public double requireNumber(String key) {
        return require(key, Number.class, "a number").doubleValue();
    }

    /** The value of {@code key} as an array. */
    public GgufArray requireArray(String key) {
        return require(key, GgufArray.class, "an array");
    }

    /** The integer value of {@code key}, or {@code fallback} when the key is absent. */
    public long integerOr(String key, long fallback) {
        return has(key) ? requireInteger(key) : fallback;
    }

    /** The numeric value of {@code key}, or {@code fallback} when the key is absent. */
    public double numberOr(String key, double fallback) {
        return has(key) ? requireNumber(key) : fallback;
    }

    /** The string value of {@code key}, or {@code fallback} when the key is absent. */
    public String stringOr(String key, String fallback) {
        return has(key) ? requireString(key) : fallback;
    }

    private <T> T require(String key, Class<T> kind, String wanted) {
        Object value = values.get(key);
        if (value == null) {
            throw new CheckpointException(file, "metadata key " + key + " is missing");
        }
        if (!kind.isInstance(value)) {
            throw new CheckpointException(file, "metadata key " + key + " is " + types.get(key)
                    + ", not " + wanted);
        }
        return kind.cast(value);
    }
}
