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
            case "split", "rsplit" -> {
                String separator = separator(arguments, keywords, "sep");
                if (separator != null && separator.isEmpty()) {
                    throw new TemplateException("line " + line + ": str." + name + ": empty separator");
                }
                long maxSplit = maxSplit(arguments, keywords, line);
                yield name.equals("split") ? split(target, separator, maxSplit) : rsplit(target, separator, maxSplit);
            }
            case "strip" -> strip(target, stripChars(arguments), true, true);
            case "lstrip" -> strip(target, stripChars(arguments), true, false);
            case "rstrip" -> strip(target, stripChars(arguments), false, true);
            case "startswith" -> affix(text, argument(arguments, 0, name, line), true, name, line);
            case "endswith" -> affix(text, argument(arguments, 0, name, line), false, name, line);
            case "replace" -> {
                String old = text(arguments, 0, name, line);
                String replacement = text(arguments, 1, name, line);
                long count = arguments.size() > 2 ? PyValues.toLong(arguments.get(2), line) : -1;
                yield MarkedString.derived(target, replace(text, old, replacement, count));
            }
            case "upper" -> MarkedString.derived(target, text.toUpperCase(java.util.Locale.ROOT));
            case "lower" -> MarkedString.derived(target, text.toLowerCase(java.util.Locale.ROOT));
            case "title" -> MarkedString.derived(target, Filters.title(text));
            case "capitalize" -> MarkedString.derived(target, Filters.capitalize(text));
            case "find" -> (long) text.indexOf(text(arguments, 0, name, line));
            case "rfind" -> (long) text.lastIndexOf(text(arguments, 0, name, line));
            case "count" -> (long) countOccurrences(text, text(arguments, 0, name, line));
            case "join" -> Filters.join(PyValues.iterate(argument(arguments, 0, name, line), line), target);
            case "splitlines" -> splitLines(target);
            case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
            case "isalpha" -> !text.isEmpty() && text.chars().allMatch(Character::isLetter);
            case "isspace" -> !text.isEmpty() && text.chars().allMatch(c -> PyValues.isSpace((char) c));
            case "isupper" -> text.chars().anyMatch(Character::isUpperCase) && text.chars().noneMatch(Character::isLowerCase);
            case "islower" -> text.chars().anyMatch(Character::isLowerCase) && text.chars().noneMatch(Character::isUpperCase);
            default -> format(target, arguments, keywords, line);
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

    /** A str argument of a str method: Python refuses None and numbers there. */
    private static String text(List<Object> arguments, int index, String method, int line) {
        Object value = argument(arguments, index, method, line);
        if (!PyValues.isString(value)) {
            throw new TemplateException("line " + line + ": str." + method + " needs a str argument, got " + PyValues.typeName(value));
        }
        return value.toString();
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

    private static boolean affix(String text, Object affixes, boolean prefix, String method, int line) {
        List<Object> candidates = affixes instanceof List<?> list ? new ArrayList<>(list) : java.util.Collections.singletonList(affixes);
        for (Object candidate : candidates) {
            if (!PyValues.isString(candidate)) {
                throw new TemplateException("line " + line + ": str." + method + " needs a str or a tuple of str, got "
                        + PyValues.typeName(candidate));
            }
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
     * Python's {@code 'text %s %d' % values} for the conversions {@code s r d i f F} with flags ({@code - + space
     * 0 #}), width and precision, and {@code %%}. A single value that is not a tuple stands for a one-item tuple.
     * The literal text between conversions is kept as runs, marks and all.
     */
    static Object percentFormat(Object template, Object values, int line) {
        List<Object> arguments = values instanceof PyTuple tuple ? tuple : java.util.Collections.singletonList(values);
        String text = template.toString();
        List<Object> parts = new ArrayList<>();
        int next = 0;
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            if (percent < 0) {
                parts.add(MarkedString.substring(template, i, text.length()));
                break;
            }
            if (percent > i) {
                parts.add(MarkedString.substring(template, i, percent));
            }
            int end = percent + 1;
            String flags = "";
            while (end < text.length() && "-+ #0".indexOf(text.charAt(end)) >= 0) {
                flags += text.charAt(end++);
            }
            int widthStart = end;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            long width = number(text.substring(widthStart, end));
            long precision = -1;
            if (end < text.length() && text.charAt(end) == '.') {
                int precisionStart = ++end;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                precision = number(text.substring(precisionStart, end));
            }
            if (end >= text.length()) {
                throw new TemplateException("line " + line + ": incomplete format at the end of '" + text + "'");
            }
            char conversion = text.charAt(end);
            RenderBudget.current().text(Math.max(width, precision));
            if (conversion == '%') {
                parts.add("%");
            } else {
                if ("srdifF".indexOf(conversion) < 0) {
                    throw new TemplateException("line " + line + ": unsupported format %" + text.substring(percent + 1, end + 1)
                            + " (this engine formats %s, %r, %d, %i, %f and %%)");
                }
                if (next >= arguments.size()) {
                    throw new TemplateException("line " + line + ": not enough arguments for format string '" + text + "'");
                }
                parts.add(conversion(arguments.get(next++), conversion, flags, width, precision, line));
            }
            i = end + 1;
        }
        if (next < arguments.size() && !(values instanceof Map<?, ?>)) {
            throw new TemplateException("line " + line + ": not all arguments converted during string formatting of '" + text + "'");
        }
        return MarkedString.concat(parts.toArray());
    }

    /** A width or precision of a {@code %} conversion; too large to hold is as large as can be, for the limits. */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static Object conversion(Object argument, char conversion, String flags, long width, long precision, int line) {
        boolean left = flags.indexOf('-') >= 0;
        if (conversion == 's' || conversion == 'r') {
            Object body = conversion == 'r' ? PyValues.repr(argument)
                    : PyValues.isString(argument) ? argument : PyValues.str(argument);
            if (precision >= 0) {
                String bodyText = body.toString();
                if (precision < bodyText.codePointCount(0, bodyText.length())) {
                    body = MarkedString.substring(body, 0, bodyText.offsetByCodePoints(0, (int) precision));
                }
            }
            return pad(body, width, left);
        }
        String sign;
        String digits;
        if (conversion == 'd' || conversion == 'i') {
            long value;
            if (argument instanceof Double number) {
                if (!Double.isFinite(number)) {
                    throw new TemplateException("line " + line + ": cannot format float " + PyValues.str(number) + " with %"
                            + conversion);
                }
                value = (long) number.doubleValue();
            } else if (PyValues.isNumber(argument) || argument instanceof Boolean) {
                value = PyValues.toLong(argument, line);
            } else {
                throw new TemplateException("line " + line + ": %" + conversion + " format needs a number, not "
                        + PyValues.typeName(argument));
            }
            sign = value < 0 ? "-" : "";
            digits = value < 0 ? Long.toString(value).substring(1) : Long.toString(value);
            if (precision > digits.length()) {
                digits = "0".repeat((int) (precision - digits.length())) + digits;
            }
        } else {
            double value;
            if (PyValues.isNumber(argument)) {
                value = PyValues.toDouble(argument);
            } else if (argument instanceof Boolean bool) {
                value = bool ? 1 : 0;
            } else {
                throw new TemplateException("line " + line + ": %" + conversion + " format needs a number, not "
                        + PyValues.typeName(argument));
            }
            sign = Double.doubleToRawLongBits(value) < 0 && !Double.isNaN(value) ? "-" : "";
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                String word = Double.isNaN(value) ? "nan" : "inf";
                digits = conversion == 'F' ? word.toUpperCase(java.util.Locale.ROOT) : word;
                flags = flags.replace("0", "");
            } else {
                digits = new java.math.BigDecimal(Math.abs(value))
                        .setScale((int) (precision < 0 ? 6 : precision), java.math.RoundingMode.HALF_EVEN).toPlainString();
                if (precision == 0 && flags.indexOf('#') >= 0) {
                    digits += ".";
                }
            }
        }
        if (sign.isEmpty()) {
            sign = flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
        }
        if (flags.indexOf('0') >= 0 && !left && sign.length() + digits.length() < width) {
            digits = "0".repeat((int) (width - sign.length() - digits.length())) + digits;
        }
        return pad(sign + digits, width, left);
    }

    /** {@code body} padded with spaces to {@code width} characters (code points), on the right when {@code left}. */
    private static Object pad(Object body, long width, boolean left) {
        String text = body.toString();
        long missing = width - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return body;
        }
        String spaces = " ".repeat((int) missing);
        return left ? MarkedString.concat(body, spaces) : MarkedString.concat(spaces, body);
    }

    /**
     * Python's {@code str.format} with fields {@code {}}, {@code {0}} (positional) and {@code {name}} (keyword),
     * and {@code {{}} / {@code }}} for braces; conversions and format specs ({@code {0!r}}, {@code {:>5}}) are
     * refused, naming the field. The literal text between fields is kept as runs, marks and all.
     */
    private static Object format(Object target, List<Object> arguments, Map<String, Object> keywords, int line) {
        String text = target.toString();
        List<Object> parts = new ArrayList<>();
        int next = 0;
        Boolean automatic = null;
        int i = 0;
        while (i < text.length()) {
            int brace = nextBrace(text, i);
            if (brace < 0) {
                parts.add(MarkedString.substring(target, i, text.length()));
                break;
            }
            if (brace > i) {
                parts.add(MarkedString.substring(target, i, brace));
            }
            char c = text.charAt(brace);
            if (brace + 1 < text.length() && text.charAt(brace + 1) == c) {
                parts.add(c == '{' ? "{" : "}");
                i = brace + 2;
                continue;
            }
            if (c == '}') {
                throw new TemplateException("line " + line + ": single '}' in format string '" + text + "'");
            }
            int close = text.indexOf('}', brace);
            if (close < 0) {
                throw new TemplateException("line " + line + ": unclosed '{' in format string '" + text + "'");
            }
            String field = text.substring(brace + 1, close);
            Object value;
            if (field.isEmpty() || field.chars().allMatch(d -> d >= '0' && d <= '9')) {
                boolean isAutomatic = field.isEmpty();
                if (automatic != null && automatic != isAutomatic) {
                    throw new TemplateException("line " + line + ": format string '" + text
                            + "' mixes automatic field numbering {} with numbered fields {0}");
                }
                automatic = isAutomatic;
                long index = isAutomatic ? next++ : field.length() > 9 ? Long.MAX_VALUE : Long.parseLong(field);
                if (index >= arguments.size()) {
                    throw new TemplateException("line " + line + ": format field {" + field + "} of '" + text + "' needs "
                            + (index == Long.MAX_VALUE ? "more" : String.valueOf(index + 1)) + " positional argument(s), got "
                            + arguments.size());
                }
                value = arguments.get((int) index);
            } else if (isIdentifier(field)) {
                if (!keywords.containsKey(field)) {
                    throw new TemplateException("line " + line + ": format field {" + field + "} of '" + text
                            + "' has no keyword argument " + field + "=");
                }
                value = keywords.get(field);
            } else {
                throw new TemplateException("line " + line + ": format field {" + field + "} of '" + text
                        + "' is not supported (fields are {}, {0} or {name}, without conversions or format specs)");
            }
            parts.add(PyValues.isString(value) ? value : PyValues.str(value));
            i = close + 1;
        }
        return MarkedString.concat(parts.toArray());
    }

    private static int nextBrace(String text, int from) {
        int open = text.indexOf('{', from);
        int close = text.indexOf('}', from);
        return open < 0 ? close : close < 0 ? open : Math.min(open, close);
    }

    private static boolean isIdentifier(String text) {
        if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        return text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }
}
