package org.thinktrace.text.jinja;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Jinja's built-in tests ({@code x is defined}, {@code x is none}, {@code x is string}, …). */
final class Tests {

    boolean apply(String name, Object value, List<Object> arguments, int line) {
        return switch (name) {
            case "defined" -> !(value instanceof Undefined);
            case "undefined" -> value instanceof Undefined;
            case "none" -> value == null;
            case "boolean" -> value instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(value);
            case "false" -> Boolean.FALSE.equals(value);
            case "string" -> PyValues.isString(value);
            case "number" -> PyValues.isNumber(value);
            case "integer" -> value instanceof Long || value instanceof Integer;
            case "float" -> value instanceof Double;
            case "mapping" -> value instanceof Map<?, ?>;
            case "sequence" -> value instanceof List<?> || PyValues.isString(value);
            case "iterable" -> value instanceof Collection<?> || value instanceof Map<?, ?> || PyValues.isString(value);
            case "callable" -> value instanceof PyCallable;
            case "lower" -> PyValues.isString(value) && value.toString().equals(value.toString().toLowerCase(java.util.Locale.ROOT));
            case "upper" -> PyValues.isString(value) && value.toString().equals(value.toString().toUpperCase(java.util.Locale.ROOT));
            case "odd" -> PyValues.toLong(value, line) % 2 != 0;
            case "even" -> PyValues.toLong(value, line) % 2 == 0;
            case "divisibleby" -> {
                long divisor = PyValues.toLong(argument(arguments, name, line), line);
                if (divisor == 0) {
                    throw new TemplateException("line " + line + ": test divisibleby 0: division by zero");
                }
                yield PyValues.toLong(value, line) % divisor == 0;
            }
            case "eq", "equalto", "==" -> PyValues.equal(value, argument(arguments, name, line));
            case "sameas" -> sameAs(value, argument(arguments, name, line));
            case "ne", "!=" -> !PyValues.equal(value, argument(arguments, name, line));
            case "lt", "lessthan", "<" -> PyValues.compare(value, argument(arguments, name, line), line) < 0;
            case "le", "<=" -> PyValues.compare(value, argument(arguments, name, line), line) <= 0;
            case "gt", "greaterthan", ">" -> PyValues.compare(value, argument(arguments, name, line), line) > 0;
            case "ge", ">=" -> PyValues.compare(value, argument(arguments, name, line), line) >= 0;
            case "in" -> PyValues.contains(argument(arguments, name, line), value, line);
            default -> throw new TemplateException("line " + line + ": unknown test '" + name + "'");
        };
    }

    private static Object argument(List<Object> arguments, String test, int line) {
        if (arguments.isEmpty()) {
            throw new TemplateException("line " + line + ": test '" + test + "' needs an argument");
        }
        return arguments.getFirst();
    }

    /**
     * Python's {@code is}, as Jinja's {@code sameas} test is: the singletons ({@code none}, {@code true}, {@code false})
     * only themselves, so a bool is never the same as a number as it is equal to one; other values (strings, numbers,
     * lists) when they are the same object here or equal values of one type (CPython shares small numbers and strings).
     */
    private static boolean sameAs(Object value, Object other) {
        if (value == null || other == null || value instanceof Boolean || other instanceof Boolean) {
            return java.util.Objects.equals(value, other);
        }
        return value == other || value.getClass() == other.getClass() && PyValues.equal(value, other);
    }
}
