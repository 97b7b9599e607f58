package org.thinktrace.text.jinja;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jinja's built-in filters that chat templates use, plus HuggingFace's {@code tojson}. */
final class Filters {

    private final Tests tests;
    private final Renderer renderer;

    Filters(Tests tests, Renderer renderer) {
        this.tests = tests;
        this.renderer = renderer;
    }

    Object apply(String name, Object value, List<Object> arguments, Map<String, Object> keywords, int line) {
        return switch (name) {
            case "length", "count" -> PyValues.length(value, line);
            case "tojson" -> MarkedString.derived(value, PythonJson.dumps(value, indent(arguments, keywords, line),
                    PyValues.truthy(keywords.get("sort_keys")), line));
            case "trim" -> PyMethods.strip(defined(value, name, line),
                    arguments.isEmpty() || arguments.getFirst() == null ? null : PyValues.str(arguments.getFirst()), true, true);
            case "upper" -> MarkedString.derived(value, PyValues.str(value).toUpperCase(Locale.ROOT));
            case "lower" -> MarkedString.derived(value, PyValues.str(value).toLowerCase(Locale.ROOT));
            case "title" -> MarkedString.derived(value, title(PyValues.str(value)));
            case "capitalize" -> MarkedString.derived(value, capitalize(PyValues.str(value)));
            case "string" -> PyValues.isString(value) ? value : PyValues.str(value);
            case "safe", "e", "escape", "forceescape" -> name.equals("safe") ? value : MarkedString.derived(value, escape(PyValues.str(value)));
            case "default", "d" -> defaultValue(value, arguments, keywords);
            case "first", "last" -> {
                boolean first = name.equals("first");
                if (PyValues.isString(value)) {
                    Object character = PyValues.characterAt(value, first ? 0 : -1);
                    yield character != null ? character : new Undefined(name + " of an empty string");
                }
                List<Object> items = PyValues.iterate(value, line);
                yield items.isEmpty() ? new Undefined(name + " of an empty sequence") : first ? items.getFirst() : items.getLast();
            }
            case "list" -> PyValues.iterate(value, line);
            case "reverse" -> PyValues.isString(value)
                    ? renderer.slice(value, null, null, -1L, line)
                    : PyValues.iterate(value, line).reversed();
            case "join" -> join(attributeValues(PyValues.iterate(value, line), keywords.get("attribute"), line),
                    arguments.isEmpty() ? "" : arguments.getFirst());
            case "int" -> toInt(value);
            case "float" -> toFloat(value);
            case "abs" -> value instanceof Double number ? (Object) Math.abs(number) : (Object) Math.abs(PyValues.toLong(value, line));
            case "round" -> round(value, arguments, line);
            case "replace" -> MarkedString.derived(value, PyMethods.replace(PyValues.str(value),
                    PyValues.str(arguments.getFirst()), PyValues.str(argument(arguments, 1, name, line)),
                    arguments.size() > 2 ? PyValues.toLong(arguments.get(2), line) : -1));
            case "items" -> {
                if (value instanceof Undefined) {
                    yield List.of();
                }
                if (!(value instanceof Map<?, ?>)) {
                    throw new TemplateException("line " + line + ": filter items needs a dict, got " + PyValues.typeName(value));
                }
                yield PyMethods.method(value, "items", line).call(List.of(), Map.of());
            }
            case "dictsort" -> dictsort(value, line);
            case "selectattr", "rejectattr" -> selectAttribute(value, arguments, name.equals("selectattr"), line);
            case "select", "reject" -> select(value, arguments, name.equals("select"), line);
            case "map" -> map(value, arguments, keywords, line);
            case "unique" -> unique(value, line);
            case "sort" -> sort(value, keywords, line);
            case "min", "max" -> {
                List<Object> items = PyValues.iterate(value, line);
                Comparator<Object> order = (a, b) -> PyValues.compare(a, b, line);
                yield items.isEmpty() ? new Undefined(name + " of an empty sequence")
                        : name.equals("min") ? items.stream().min(order).orElseThrow() : items.stream().max(order).orElseThrow();
            }
            case "sum" -> {
                Object total = 0L;
                for (Object item : PyValues.iterate(value, line)) {
                    total = renderer.arithmetic("+", total, item, line);
                }
                yield total;
            }
            case "indent" -> indent(value, arguments, keywords, line);
            case "wordcount" -> (long) PyMethods.split(PyValues.str(value), null, -1).size();
            case "attr" -> renderer.attribute(value, PyValues.str(argument(arguments, 0, name, line)), line);
            default -> throw new TemplateException("line " + line + ": unknown filter '" + name + "'");
        };
    }

    private static Object defined(Object value, String filter, int line) {
        if (value instanceof Undefined undefined) {
            throw new TemplateException("line " + line + ": filter " + filter + " applied to " + undefined.description()
                    + ", which is undefined");
        }
        return PyValues.isString(value) ? value : PyValues.str(value);
    }

    /** The filter's argument at {@code index}, which all arguments up to it must be given for. */
    private static Object argument(List<Object> arguments, int index, String filter, int line) {
        if (arguments.size() <= index) {
            throw new TemplateException("line " + line + ": filter " + filter + " needs " + (index + 1) + " argument(s), got "
                    + arguments.size());
        }
        return arguments.get(index);
    }

    private static Integer indent(List<Object> arguments, Map<String, Object> keywords, int line) {
        Object indent = !arguments.isEmpty() ? arguments.getFirst() : keywords.get("indent");
        return indent == null ? null : (int) PyValues.toLong(indent, line);
    }

    private static Object defaultValue(Object value, List<Object> arguments, Map<String, Object> keywords) {
        Object fallback = arguments.isEmpty() ? "" : arguments.getFirst();
        boolean falsy = arguments.size() > 1 ? PyValues.truthy(arguments.get(1)) : PyValues.truthy(keywords.get("boolean"));
        if (value instanceof Undefined || (falsy && !PyValues.truthy(value))) {
            return fallback;
        }
        return value;
    }

    /** Joins items' string forms with a separator; the marks of marked items and separator are kept. */
    static Object join(List<Object> items, Object separator) {
        List<Object> parts = new ArrayList<>();
        RenderBudget budget = RenderBudget.current();
        long length = 0;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                parts.add(separator);
                length += PyValues.str(separator).length();
            }
            Object item = items.get(i);
            Object part = PyValues.isString(item) ? item : PyValues.str(item);
            parts.add(part);
            length += part.toString().length();
            budget.within(length);
        }
        return MarkedString.concat(parts.toArray());
    }

    private List<Object> attributeValues(List<Object> items, Object attribute, int line) {
        if (attribute == null) {
            return items;
        }
        List<Object> values = new ArrayList<>();
        for (Object item : items) {
            values.add(renderer.attribute(item, PyValues.str(attribute), line));
        }
        return values;
    }

    private List<Object> selectAttribute(Object value, List<Object> arguments, boolean keep, int line) {
        if (arguments.isEmpty()) {
            throw new TemplateException("line " + line + ": selectattr/rejectattr need an attribute name");
        }
        String attribute = PyValues.str(arguments.getFirst());
        List<Object> result = new ArrayList<>();
        for (Object item : PyValues.iterate(value, line)) {
            Object field = renderer.attribute(item, attribute, line);
            boolean passes = arguments.size() < 2 ? PyValues.truthy(field)
                    : tests.apply(PyValues.str(arguments.get(1)), field, arguments.subList(2, arguments.size()), line);
            if (passes == keep) {
                result.add(item);
            }
        }
        return result;
    }

    private List<Object> select(Object value, List<Object> arguments, boolean keep, int line) {
        List<Object> result = new ArrayList<>();
        for (Object item : PyValues.iterate(value, line)) {
            boolean passes = arguments.isEmpty() ? PyValues.truthy(item)
                    : tests.apply(PyValues.str(arguments.getFirst()), item, arguments.subList(1, arguments.size()), line);
            if (passes == keep) {
                result.add(item);
            }
        }
        return result;
    }

    private List<Object> map(Object value, List<Object> arguments, Map<String, Object> keywords, int line) {
        List<Object> items = PyValues.iterate(value, line);
        if (keywords.containsKey("attribute")) {
            List<Object> values = new ArrayList<>();
            for (Object item : items) {
                Object field = renderer.attribute(item, PyValues.str(keywords.get("attribute")), line);
                values.add(field instanceof Undefined && keywords.containsKey("default") ? keywords.get("default") : field);
            }
            return values;
        }
        if (arguments.isEmpty()) {
            throw new TemplateException("line " + line + ": map needs a filter name or attribute=");
        }
        String filter = PyValues.str(arguments.getFirst());
        List<Object> values = new ArrayList<>();
        for (Object item : items) {
            values.add(apply(filter, item, arguments.subList(1, arguments.size()), Map.of(), line));
        }
        return values;
    }

    private static List<Object> unique(Object value, int line) {
        List<Object> result = new ArrayList<>();
        for (Object item : PyValues.iterate(value, line)) {
            RenderBudget budget = RenderBudget.current();
            if (result.stream().noneMatch(seen -> {
                budget.tick();
                return PyValues.equal(seen, item);
            })) {
                result.add(item);
            }
        }
        return result;
    }

    private List<Object> sort(Object value, Map<String, Object> keywords, int line) {
        List<Object> items = PyValues.iterate(value, line);
        Object attribute = keywords.get("attribute");
        RenderBudget budget = RenderBudget.current();
        Comparator<Object> order = (a, b) -> budget.tickAnd(PyValues.compare(
                attribute == null ? a : renderer.attribute(a, PyValues.str(attribute), line),
                attribute == null ? b : renderer.attribute(b, PyValues.str(attribute), line), line));
        items.sort(PyValues.truthy(keywords.get("reverse")) ? order.reversed() : order);
        return items;
    }

    private static List<Object> dictsort(Object value, int line) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("line " + line + ": dictsort needs a dict, got " + PyValues.typeName(value));
        }
        Map<Object, Object> sorted = new LinkedHashMap<>();
        map.entrySet().stream()
                .sorted((a, b) -> PyValues.compare(a.getKey(), b.getKey(), line))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        List<Object> pairs = new ArrayList<>();
        sorted.forEach((key, item) -> pairs.add(new PyTuple(java.util.Arrays.asList(key, item))));
        return pairs;
    }

    private static Object indent(Object value, List<Object> arguments, Map<String, Object> keywords, int line) {
        Object widthArgument = !arguments.isEmpty() ? arguments.getFirst() : keywords.getOrDefault("width", 4L);
        long width = PyValues.isString(widthArgument) ? widthArgument.toString().length() : PyValues.toLong(widthArgument, line);
        // Jinja2's do_indent: s += "\n", then s.splitlines(); only empty lines count as blank, and with first the
        // first line is indented whatever it holds.
        String text = PyValues.str(value) + "\n";
        List<Object> lines = PyMethods.splitLines(text);
        RenderBudget.current().text(text.length() + RenderBudget.repeated(Math.max(0, width), lines.size() + 1L));
        String pad = PyValues.isString(widthArgument) ? widthArgument.toString() : " ".repeat((int) Math.max(0, width));
        boolean first = arguments.size() > 1 ? PyValues.truthy(arguments.get(1)) : PyValues.truthy(keywords.get("first"));
        boolean blank = arguments.size() > 2 ? PyValues.truthy(arguments.get(2)) : PyValues.truthy(keywords.get("blank"));
        StringBuilder out = new StringBuilder(first ? pad : "");
        for (int i = 0; i < lines.size(); i++) {
            String current = lines.get(i).toString();
            if (i > 0) {
                out.append('\n').append(blank || !current.isEmpty() ? pad : "");
            }
            out.append(current);
        }
        return MarkedString.derived(value, out.toString());
    }

    /** Jinja's {@code int}: text that is not a number gives the filter's default, 0. */
    private static Object toInt(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number) {
            return (long) number.doubleValue();
        }
        try {
            return Long.parseLong(PyValues.str(value).strip());
        } catch (NumberFormatException notAnInteger) {
            return 0L;
        }
    }

    /** Jinja's {@code float}: text that is not a number gives the filter's default, 0.0. */
    private static Object toFloat(Object value) {
        if (PyValues.isNumber(value)) {
            return PyValues.toDouble(value);
        }
        try {
            return Double.parseDouble(PyValues.str(value).strip());
        } catch (NumberFormatException notANumber) {
            return 0.0;
        }
    }

    private static Object round(Object value, List<Object> arguments, int line) {
        if (!PyValues.isNumber(value)) {
            throw new TemplateException("line " + line + ": filter round needs a number, got " + PyValues.typeName(value));
        }
        int precision = arguments.isEmpty() ? 0 : (int) PyValues.toLong(arguments.getFirst(), line);
        double scale = Math.pow(10, precision);
        return Math.rint(PyValues.toDouble(value) * scale) / scale;
    }

    static String title(String text) {
        StringBuilder out = new StringBuilder();
        boolean startOfWord = true;
        for (char c : text.toCharArray()) {
            out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }
}
