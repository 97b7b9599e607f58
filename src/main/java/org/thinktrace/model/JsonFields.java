package org.thinktrace.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Typed, validated access to the fields of one JSON object of a model file, failing with a
 * {@link ModelConfigException} that names the file and the field (with its path, e.g.
 * {@code rope_scaling.factor}) and the offending value.
 *
 * @param file   the file the object came from
 * @param object the JSON object
 * @param prefix path of the object inside the file, empty for the root, else ending in a dot
 */
record JsonFields(Path file, JsonNode object, String prefix) {

    /** Fields of the root object of {@code file}. */
    static JsonFields root(Path file, JsonNode object) {
        return new JsonFields(file, object, "");
    }

    /** Whether the field is present and not JSON null. */
    boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    /** The raw node of a present field (null when absent or JSON null). */
    JsonNode node(String field) {
        return has(field) ? object.get(field) : null;
    }

    /** The fields of a nested object. */
    JsonFields nested(String field) {
        JsonNode node = node(field);
        if (node == null || !node.isObject()) {
            throw error(field, "must be a JSON object");
        }
        return new JsonFields(file, node, prefix + field + ".");
    }

    /** A required integer above zero. */
    int positiveInt(String field) {
        int value = integer(field, required(field));
        if (value <= 0) {
            throw error(field, "must be positive, got " + value);
        }
        return value;
    }

    /** An optional integer above zero, or {@code fallback} when absent. */
    int positiveInt(String field, int fallback) {
        return has(field) ? positiveInt(field) : fallback;
    }

    /** A required number above zero. */
    double positiveDouble(String field) {
        JsonNode node = required(field);
        if (!node.isNumber()) {
            throw error(field, "must be a number, got " + node);
        }
        double value = node.doubleValue();
        if (!(value > 0) || Double.isInfinite(value)) {
            throw error(field, "must be a positive finite number, got " + node);
        }
        return value;
    }

    /** An optional boolean, or {@code fallback} when absent. */
    boolean bool(String field, boolean fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error(field, "must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    /** A required string. */
    String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw error(field, "must be a string, got " + node);
        }
        return node.textValue();
    }

    /** An integer element of a field (used for lists of ids). */
    int integer(String field, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(field, "must be an integer, got " + node);
        }
        return node.intValue();
    }

    /** An error about {@code field} of this object. */
    ModelConfigException error(String field, String problem) {
        return new ModelConfigException(file, "field \"" + prefix + field + "\" " + problem);
    }

    private JsonNode required(String field) {
        JsonNode node = node(field);
        if (node == null) {
            throw error(field, "is missing");
        }
        return node;
    }
}
