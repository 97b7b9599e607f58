package org.thinktrace.text.jinja;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python semantics for template values: {@code null} is None, {@code Long}/{@code Double} are int/float,
 * {@code String}/{@link MarkedString} are str, {@code List} is list, {@code Map} is dict.
 */
final class PyValues {

    private PyValues() {
    }

    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Undefined ignored -> false;
            case Boolean bool -> bool;
            case Long number -> number != 0;
            case Integer number -> number != 0;
            case Double number -> number != 0.0;
            case CharSequence text -> !text.isEmpty();
            case Collection<?> collection -> !collection.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> true;
        };
    }

    static boolean isString(Object value) {
        return value instanceof String || value instanceof MarkedString;
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Double;
    }

    /** {@code str(value)}, as {@code {{ value }}} prints it (Undefined prints as nothing). */
    static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case Undefined ignored -> "";
            case Boolean bool -> bool ? "True" : "False";
            case Double number -> floatRepr(number);
            case CharSequence text -> text.toString();
            case List<?> list -> repr(list);
            case Map<?, ?> map -> repr(map);
            default -> value.toString();
        };
    }

    /** {@code repr(value)}: strings quoted, as Python shows them inside lists and dicts. */
    static String repr(Object value) {
        if (isString(value)) {
            String text = value.toString();
            char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
            StringBuilder out = new StringBuilder().append(quote);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c == quote) {
                            out.append('\\');
                        }
                        out.append(c);
                    }
                }
            }
            return out.append(quote).toString();
        }
        if (value instanceof PyTuple tuple) {
            List<String> parts = new ArrayList<>();
            tuple.forEach(item -> parts.add(repr(item)));
            return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(repr(item)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((key, item) -> parts.add(repr(key) + ": " + repr(item)));
            return "{" + String.join(", ", parts) + "}";
        }
        return str(value);
    }

    private static String floatRepr(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e16) {
            return new BigDecimal(number).toPlainString() + ".0";
        }
        return Double.toString(number);
    }

    static boolean equal(Object left, Object right) {
        if (left instanceof Undefined || right instanceof Undefined) {
            return left instanceof Undefined && right instanceof Undefined;
        }
        if (left == null || right == null) {
            return left == right;
        }
        if (isNumber(left) && isNumber(right)) {
            return toDouble(left) == toDouble(right);
        }
        if (isString(left) && isString(right)) {
            return left.toString().equals(right.toString());
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    static int compare(Object left, Object right, int line) {
        if (isNumber(left) && isNumber(right)) {
            return Double.compare(toDouble(left), toDouble(right));
        }
        if (isString(left) && isString(right)) {
            return left.toString().compareTo(right.toString());
        }
        throw new TemplateException("line " + line + ": cannot compare " + typeName(left) + " with " + typeName(right));
    }

    static boolean contains(Object container, Object item, int line) {
        if (isString(container)) {
            if (!isString(item)) {
                throw new TemplateException("line " + line + ": 'in <string>' needs a string on the left, got " + typeName(item));
            }
            return container.toString().contains(item.toString());
        }
        if (container instanceof Map<?, ?> map) {
            return map.keySet().stream().anyMatch(key -> equal(key, item));
        }
        if (container instanceof Undefined undefined) {
            throw new TemplateException("line " + line + ": " + undefined.description() + " is undefined");
        }
        return iterate(container, line).stream().anyMatch(element -> equal(element, item));
    }

    /** The items a for loop visits: list items, dict keys, string characters; Undefined is empty. */
    static List<Object> iterate(Object value, int line) {
        return switch (value) {
            case Undefined ignored -> List.of();
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> map -> new ArrayList<>(map.keySet());
            case CharSequence text -> {
                RenderBudget.current().text(text.length());
                String string = text.toString();
                List<Object> characters = new ArrayList<>();
                for (int i = 0; i < string.length(); i += Character.charCount(string.codePointAt(i))) {
                    characters.add(MarkedString.substring(value, i, i + Character.charCount(string.codePointAt(i))));
                }
                yield characters;
            }
            case Collection<?> collection -> new ArrayList<>(collection);
            case Iterator<?> iterator -> {
                List<Object> items = new ArrayList<>();
                iterator.forEachRemaining(items::add);
                yield items;
            }
            case null, default -> throw new TemplateException("line " + line + ": " + typeName(value) + " is not iterable");
        };
    }

    static long length(Object value, int line) {
        return switch (value) {
            case Undefined ignored -> 0;
            case CharSequence text -> text.toString().codePointCount(0, text.length());
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            case null, default -> throw new TemplateException("line " + line + ": " + typeName(value) + " has no length");
        };
    }

    static double toDouble(Object number) {
        return ((Number) number).doubleValue();
    }

    static long toLong(Object value, int line) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        throw new TemplateException("line " + line + ": expected an integer, got " + typeName(value));
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "None";
            case Undefined undefined -> "undefined (" + undefined.description() + ")";
            case Boolean ignored -> "bool";
            case Long ignored -> "int";
            case Integer ignored -> "int";
            case Double ignored -> "float";
            case CharSequence ignored -> "str";
            case List<?> ignored -> "list";
            case Map<?, ?> ignored -> "dict";
            default -> value.getClass().getSimpleName();
        };
    }
}
