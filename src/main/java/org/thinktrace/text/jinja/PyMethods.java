package org.thinktrace.text.jinja;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python methods of str and dict that chat templates call ({@code content.split('</think>')[-1]},
 * {@code .strip('\n')}, {@code .startswith(...)}, {@code message.get('x')}, {@code tool.items()} …).
 * String results keep the marks of the characters they were cut from.
 */
final class PyMethods {

    private static final Set<String> STRING_METHODS = Set.of("split", "rsplit", "strip", "lstrip", "rstrip",
            "startswith", "endswith", "replace", "upper", "lower", "title", "capitalize", "find", "rfind",
            "count", "join", "splitlines", "isdigit", "isalpha", "isspace", "isupper", "islower", "format");
    private static final Set<String> DICT_METHODS = Set.of("get", "items", "keys", "values");

    private PyMethods() {
    }

    /** A bound method of {@code target}, or {@code null} when the type has no method of that name. */
    static PyCallable method(Object target, String name, int line) {
        if (PyValues.isString(target) && STRING_METHODS.contains(name)) {
            return (arguments, keywords) -> stringMethod(target, name, arguments, keywords, line);
        }
        if (target instanceof Map<?, ?> map && DICT_METHODS.contains(name)) {
            return (arguments, keywords) -> dictMethod(map, name, arguments, line);
        }
        return null;
    }

    private static Object dictMethod(Map<?, ?> map, String name, List<Object> arguments, int line) {
        return switch (name) {
            case "get" -> {
                if (arguments.isEmpty()) {
                    throw new TemplateException("line " + line + ": dict.get needs a key");
                }
                Object key = arguments.getFirst() instanceof MarkedString marked ? marked.toString() : arguments.getFirst();
                yield map.containsKey(key) ? map.get(key) : (arguments.size() > 1 ? arguments.get(1) : null);
            }
            case "items" -> {
                List<Object> pairs = new ArrayList<>();
                map.forEach((key, value) -> pairs.add(new PyTuple(Arrays.asList(key, value))));
                yield pairs;
            }
            case "keys" -> new ArrayList<Object>(map.keySet());
            default -> new ArrayList<Object>(map.values());
        };
    }

    private static Object stringMethod(Object target, String name, List<Object> arguments, Map<String, Object> keywords,
                                       int line) {
        String text = target.toString();
        return switch (name) {
            case "split" -> split(target, separator(arguments, keywords, "sep"), maxSplit(arguments, keywords, line));
            case "rsplit" -> rsplit(target, separator(arguments, keywords, "sep"), maxSplit(arguments, keywords, line));
            case "strip" -> strip(target, stripChars(arguments), true, true);
            case "lstrip" -> strip(target, stripChars(arguments), true, false);
            case "rstrip" -> strip(target, stripChars(arguments), false, true);
            case "startswith" -> affix(text, argument(arguments, 0, name, line), true);
            case "endswith" -> affix(text, argument(arguments, 0, name, line), false);
            case "replace" -> {
                String old = argument(arguments, 0, name, line).toString();
                String replacement = argument(arguments, 1, name, line).toString();
                long count = arguments.size() > 2 ? PyValues.toLong(arguments.get(2), line) : -1;
                yield MarkedString.derived(target, replace(text, old, replacement, count));
            }
            case "upper" -> MarkedString.derived(target, text.toUpperCase(java.util.Locale.ROOT));
            case "lower" -> MarkedString.derived(target, text.toLowerCase(java.util.Locale.ROOT));
            case "title" -> MarkedString.derived(target, Filters.title(text));
            case "capitalize" -> MarkedString.derived(target, Filters.capitalize(text));
            case "find" -> (long) text.indexOf(argument(arguments, 0, name, line).toString());
            case "rfind" -> (long) text.lastIndexOf(argument(arguments, 0, name, line).toString());
            case "count" -> (long) countOccurrences(text, argument(arguments, 0, name, line).toString());
            case "join" -> Filters.join(PyValues.iterate(argument(arguments, 0, name, line), line), target);
            case "splitlines" -> splitLines(target);
            case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
            case "isalpha" -> !text.isEmpty() && text.chars().allMatch(Character::isLetter);
            case "isspace" -> !text.isEmpty() && text.chars().allMatch(c -> PyValues.isSpace((char) c));
            case "isupper" -> text.chars().anyMatch(Character::isUpperCase) && text.chars().noneMatch(Character::isLowerCase);
            case "islower" -> text.chars().anyMatch(Character::isLowerCase) && text.chars().noneMatch(Character::isUpperCase);
            default -> format(target, arguments, line);
        };
    }

    /**
     * Python's {@code str.splitlines()}: the lines without their ends, where a line ends at {@code \n},
     * {@code \r}, {@code \r\n}, {@code \v}, {@code \f}, {@code \x1c}–{@code \x1e}, U+0085, U+2028 or U+2029; no
     * empty line after a final line end.
     */
    static List<Object> splitLines(Object target) {
        String text = target.toString();
        List<Object> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || (c >= '\u001c' && c <= '\u001e')
                    || c == '\u0085' || c == '\u2028' || c == '\u2029';
            if (!lineEnd) {
                i++;
                continue;
            }
            lines.add(MarkedString.substring(target, start, i));
            i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            start = i;
        }
        if (start < text.length()) {
            lines.add(MarkedString.substring(target, start, text.length()));
        }
        return lines;
    }

    private static Object argument(List<Object> arguments, int index, String method, int line) {
        if (arguments.size() <= index) {
            throw new TemplateException("line " + line + ": str." + method + " needs " + (index + 1) + " argument(s)");
        }
        return arguments.get(index);
    }

    private static String separator(List<Object> arguments, Map<String, Object> keywords, String keyword) {
        Object separator = !arguments.isEmpty() ? arguments.getFirst() : keywords.get(keyword);
        return separator == null ? null : separator.toString();
    }

    private static long maxSplit(List<Object> arguments, Map<String, Object> keywords, int line) {
        Object max = arguments.size() > 1 ? arguments.get(1) : keywords.get("maxsplit");
        return max == null ? -1 : PyValues.toLong(max, line);
    }

    /** Python's str.split: with a separator, keeps empty parts; without, splits on whitespace runs. */
    static List<Object> split(Object target, String separator, long maxSplit) {
        String text = target.toString();
        List<Object> parts = new ArrayList<>();
        if (separator == null) {
            int i = 0;
            while (i < text.length()) {
                while (i < text.length() && PyValues.isSpace(text.charAt(i))) {
                    i++;
                }
                if (i >= text.length()) {
                    break;
                }
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(MarkedString.substring(target, i, text.length()));
                    return parts;
                }
                int start = i;
                while (i < text.length() && !PyValues.isSpace(text.charAt(i))) {
                    i++;
                }
                parts.add(MarkedString.substring(target, start, i));
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw new TemplateException("str.split: empty separator");
        }
        int start = 0;
        int found = text.indexOf(separator);
        while (found >= 0 && (maxSplit < 0 || parts.size() < maxSplit)) {
            parts.add(MarkedString.substring(target, start, found));
            start = found + separator.length();
            found = text.indexOf(separator, start);
        }
        parts.add(MarkedString.substring(target, start, text.length()));
        return parts;
    }

    private static List<Object> rsplit(Object target, String separator, long maxSplit) {
        if (separator == null || maxSplit < 0) {
            return split(target, separator, maxSplit);
        }
        String text = target.toString();
        List<Object> parts = new ArrayList<>();
        int end = text.length();
        int found = text.lastIndexOf(separator, end - separator.length());
        while (found >= 0 && parts.size() < maxSplit) {
            parts.addFirst(MarkedString.substring(target, found + separator.length(), end));
            end = found;
            found = end - separator.length() >= 0 ? text.lastIndexOf(separator, end - separator.length()) : -1;
        }
        parts.addFirst(MarkedString.substring(target, 0, end));
        return parts;
    }

    private static String stripChars(List<Object> arguments) {
        return arguments.isEmpty() || arguments.getFirst() == null ? null : arguments.getFirst().toString();
    }

    /** Python's strip family: {@code chars == null} strips whitespace. */
    static Object strip(Object target, String chars, boolean left, boolean right) {
        String text = target.toString();
        int start = 0;
        int end = text.length();
        while (left && start < end && strips(text.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && strips(text.charAt(end - 1), chars)) {
            end--;
        }
        return MarkedString.substring(target, start, end);
    }

    private static boolean strips(char c, String chars) {
        return chars == null ? PyValues.isSpace(c) : chars.indexOf(c) >= 0;
    }

    private static boolean affix(String text, Object affixes, boolean prefix) {
        List<Object> candidates = affixes instanceof List<?> list ? new ArrayList<>(list) : List.of(affixes);
        for (Object candidate : candidates) {
            String affix = candidate.toString();
            if (prefix ? text.startsWith(affix) : text.endsWith(affix)) {
                return true;
            }
        }
        return false;
    }

    static String replace(String text, String old, String replacement, long count) {
        long occurrences = old.isEmpty() ? text.length() + 1L : countOccurrences(text, old);
        long replaced = count < 0 ? occurrences : Math.min(count, occurrences);
        RenderBudget.current().text(text.length() + replaced * Math.max(0, replacement.length() - old.length()));
        if (count < 0 && !old.isEmpty()) {
            return text.replace(old, replacement);
        }
        // At most the occurrences there are: an empty old text is found at every position, again and again, so a
        // loop bounded by count alone would never end. An empty old text is inserted before each character (and
        // at the end), as Python does.
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (long done = 0; done < replaced; done++) {
            int found = text.indexOf(old, start);
            if (found < 0) {
                break;
            }
            out.append(text, start, found).append(replacement);
            if (old.isEmpty()) {
                int next = found < text.length() ? found + Character.charCount(text.codePointAt(found)) : found;
                out.append(text, found, next);
                start = next;
                if (found == text.length()) {
                    break;
                }
            } else {
                start = found + old.length();
            }
        }
        return out.append(text.substring(start)).toString();
    }

    private static int countOccurrences(String text, String part) {
        if (part.isEmpty()) {
            return text.length() + 1;
        }
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    /**
     * Python's {@code 'text %s %d' % values} for the conversions {@code s r d i f} with optional width and
     * precision, and {@code %%}. A single value may stand for a one-item tuple.
     */
    static Object percentFormat(Object template, Object values, int line) {
        List<Object> arguments = values instanceof PyTuple tuple ? new ArrayList<>(tuple) : List.of(values == null ? "None" : values);
        String text = template.toString();
        List<Object> parts = new ArrayList<>();
        int next = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                parts.add(MarkedString.substring(template, i, i + 1));
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && "0123456789.-".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            if (end >= text.length()) {
                throw new TemplateException("line " + line + ": incomplete format at the end of '" + text + "'");
            }
            char conversion = text.charAt(end);
            String spec = text.substring(i + 1, end);
            RenderBudget.current().text(formatWidth(spec, line));
            if (conversion == '%') {
                parts.add("%");
            } else {
                if (next >= arguments.size()) {
                    throw new TemplateException("line " + line + ": not enough arguments for format string '" + text + "'");
                }
                Object argument = arguments.get(next++);
                parts.add(switch (conversion) {
                    case 's' -> String.format("%" + spec + "s", PyValues.str(argument));
                    case 'r' -> String.format("%" + spec + "s", PyValues.repr(argument));
                    case 'd', 'i' -> String.format("%" + spec + "d", argument instanceof Double number
                            ? (long) number.doubleValue() : PyValues.toLong(argument, line));
                    case 'f' -> String.format(java.util.Locale.ROOT, "%" + (spec.contains(".") ? spec : spec + ".6") + "f",
                            PyValues.toDouble(argument));
                    default -> throw new TemplateException("line " + line + ": unsupported format %" + conversion);
                });
            }
            i = end + 1;
        }
        return MarkedString.concat(parts.toArray());
    }

    /** {@code '{} and {}'.format(a, b)} with positional {@code {}} / {@code {0}} fields. */
    /** The width a {@code %} conversion pads to ({@code 10} of {@code %-10.3f}), 0 when none. */
    private static long formatWidth(String spec, int line) {
        String width = spec.replace("-", "");
        int dot = width.indexOf('.');
        String digits = dot < 0 ? width : width.substring(0, dot);
        String precision = dot < 0 ? "" : width.substring(dot + 1);
        try {
            return Math.max(digits.isEmpty() ? 0 : Long.parseLong(digits), precision.isEmpty() ? 0 : Long.parseLong(precision));
        } catch (NumberFormatException e) {
            throw new TemplateException("line " + line + ": format width '" + spec + "' is not a number");
        }
    }

    private static Object format(Object target, List<Object> arguments, int line) {
        String text = target.toString();
        List<Object> parts = new ArrayList<>();
        int next = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                parts.add("{");
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                parts.add("}");
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new TemplateException("line " + line + ": unclosed '{' in format string");
                }
                String field = text.substring(i + 1, close);
                int index = field.isEmpty() ? next++ : Integer.parseInt(field);
                parts.add(PyValues.str(argument(arguments, index, "format", line)));
                i = close + 1;
            } else {
                parts.add(MarkedString.substring(target, i, i + 1));
                i++;
            }
        }
        return MarkedString.concat(parts.toArray());
    }
}
