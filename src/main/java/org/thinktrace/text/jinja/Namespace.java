package org.thinktrace.text.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jinja's {@code namespace(...)}: the one mutable object a template may change from inside a loop. */
final class Namespace {

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    Namespace(Map<String, Object> initial) {
        attributes.putAll(initial);
    }

    Object get(String name) {
        return attributes.containsKey(name) ? attributes.get(name) : new Undefined("namespace attribute '" + name + "'");
    }

    void set(String name, Object value) {
        attributes.put(name, value);
    }

    /** The attributes, read-only. */
    Map<String, Object> attributes() {
        return java.util.Collections.unmodifiableMap(attributes);
    }

    /** Python's {@code repr}, {@code <Namespace {'name': value}>}. */
    @Override
    public String toString() {
        return PyValues.repr(this);
    }
}
