package org.thinktrace.text.jinja;

import java.util.HashMap;
import java.util.Map;

/** Variables visible at one point of a template: a for-loop body or macro call sees its parent's too. */
final class Scope {

    private final Scope parent;
    private final Map<String, Object> variables = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Object lookup(String name) {
        for (Scope scope = this; scope != null; scope = scope.parent) {
            if (scope.variables.containsKey(name)) {
                return scope.variables.get(name);
            }
        }
        return new Undefined("'" + name + "'");
    }

    void set(String name, Object value) {
        variables.put(name, value);
    }
}
