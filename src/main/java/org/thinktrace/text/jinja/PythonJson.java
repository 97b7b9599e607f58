package org.thinktrace.text.jinja;

import java.util.List;
import java.util.Map;

/**
 * {@code json.dumps(value, ensure_ascii=False, indent=indent)}, which is what HuggingFace's {@code tojson}
 * filter calls: non-ASCII characters stay as they are, separators are {@code ", "} and {@code ": "}
 * without indent and {@code ","} / {@code ": "} with it, keys in insertion order.
 */
final class PythonJson {

    private PythonJson() {
    }

    static String dumps(Object value, Integer indent, boolean sortKeys, int line) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, sortKeys, 0, line);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, Integer indent, boolean sortKeys, int depth, int line) {
        switch (value) {
            case null -> out.append("null");
            case Boolean bool -> out.append(bool ? "true" : "false");
            case Long number -> out.append(number);
            case Integer number -> out.append(number);
            case Double number -> out.append(Double.isNaN(number) ? "NaN"
                    : Double.isInfinite(number) ? (number > 0 ? "Infinity" : "-Infinity") : PyValues.floatRepr(number));
            case CharSequence text -> string(out, text.toString());
            case List<?> list -> container(out, list.size(), '[', ']', indent, depth, i -> write(out, list.get(i), indent, sortKeys, depth + 1, line));
            case Map<?, ?> map -> {
                List<? extends Map.Entry<?, ?>> entries = map.entrySet().stream()
                        .sorted(sortKeys ? (a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())) : (a, b) -> 0)
                        .toList();
                container(out, entries.size(), '{', '}', indent, depth, i -> {
                    string(out, String.valueOf(entries.get(i).getKey()));
                    out.append(": ");
                    write(out, entries.get(i).getValue(), indent, sortKeys, depth + 1, line);
                });
            }
            case Undefined undefined -> throw new TemplateException("line " + line + ": tojson of " + undefined.description()
                    + ", which is undefined");
            default -> throw new TemplateException("line " + line + ": tojson cannot serialise " + PyValues.typeName(value));
        }
    }

    private static void container(StringBuilder out, int size, char open, char close, Integer indent, int depth,
                                  java.util.function.IntConsumer item) {
        out.append(open);
        if (size == 0) {
            out.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                RenderBudget.current().within(RenderBudget.repeated(Math.max(0, indent), depth + 1) + out.length());
                out.append('\n').append(" ".repeat(Math.max(0, indent) * (depth + 1)));
            }
            item.accept(i);
            RenderBudget.current().within(out.length());
        }
        if (indent != null) {
            out.append('\n').append(" ".repeat(Math.max(0, indent) * depth));
        }
        out.append(close);
    }

    private static void string(StringBuilder out, String text) {
        RenderBudget budget = RenderBudget.current();
        budget.within((long) out.length() + text.length());
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            if ((i & 4095) == 4095) {
                budget.within(out.length());
            }
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
