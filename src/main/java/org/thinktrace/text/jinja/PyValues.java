package org.thinktrace.text.jinja;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
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

    /**
     * Python's {@code str.isspace} for one character, which {@code str.strip()}, {@code str.split()}, the
     * {@code trim} filter and Jinja's whitespace control use: Java's {@link Character#isWhitespace} plus the
     * no-break spaces U+00A0, U+2007, U+202F and NEXT LINE U+0085, which Python counts as whitespace too.
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u0085';
    }

    /** {@code text} without the leading (or trailing) characters Python's {@code str.isspace} calls whitespace. */
    static String stripSpace(String text, boolean leading, boolean trailing) {
        int start = 0;
        int end = text.length();
        while (leading && start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (trailing && end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
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
            case Namespace namespace -> repr(namespace);
            default -> value.toString();
        };
    }

    /**
     * {@code repr(value)}: strings quoted, as Python shows them inside lists and dicts. The text is built piece
     * by piece within the render's string length limit: a short list can hold the same long string many times.
     */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        repr(value, out, RenderBudget.current());
        return out.toString();
    }

    private static void repr(Object value, StringBuilder out, RenderBudget budget) {
        if (isString(value)) {
            String text = value.toString();
            budget.within((long) out.length() + text.length());
            char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
            out.append(quote);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
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
            out.append(quote);
        } else if (value instanceof List<?> list) {
            boolean tuple = value instanceof PyTuple;
            out.append(tuple ? '(' : '[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(list.get(i), out, budget);
                budget.within(out.length());
            }
            out.append(tuple ? (list.size() == 1 ? ",)" : ")") : "]");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                repr(entry.getKey(), out, budget);
                out.append(": ");
                repr(entry.getValue(), out, budget);
                budget.within(out.length());
            }
            out.append('}');
        } else if (value instanceof Namespace namespace) {
            out.append("<Namespace ");
            repr(namespace.attributes(), out, budget);
            out.append('>');
        } else if (value instanceof Undefined) {
            out.append("Undefined");
        } else {
            out.append(str(value));
        }
        budget.within(out.length());
    }

    /**
     * Python's {@code repr(float)}, which {@code str}, printing and {@code json.dumps} use: the shortest digits
     * that read back as the same double ({@link Double#toString} picks the same ones), positional when the
     * decimal exponent is in [-4, 16) ({@code 0.0001}, {@code 1234567890123456.0}), else scientific with a
     * signed two-digit-or-more exponent ({@code 1e-05}, {@code 1.5e+16}); {@code inf}, {@code -inf},
     * {@code nan}; {@code -0.0} keeps its sign.
     */
    static String floatRepr(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        String sign = Double.doubleToRawLongBits(number) < 0 ? "-" : "";
        if (number == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(number))).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Double.toString gives two digits where one would do but two are closer (4.9E-324); Python gives one.
            for (java.math.RoundingMode mode : new java.math.RoundingMode[]{java.math.RoundingMode.HALF_EVEN,
                    java.math.RoundingMode.DOWN, java.math.RoundingMode.UP}) {
                BigDecimal one = shortest.round(new java.math.MathContext(1, mode));
                if (one.doubleValue() == Math.abs(number)) {
                    shortest = one.stripTrailingZeros();
                    break;
                }
            }
        }
        String digits = shortest.unscaledValue().toString();
        // number = 0.DIGITS * 10^point
        int point = digits.length() - shortest.scale();
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                return sign + "0." + "0".repeat(-point) + digits;
            }
            if (point >= digits.length()) {
                return sign + digits + "0".repeat(point - digits.length()) + ".0";
            }
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    static boolean equal(Object left, Object right) {
        if (left instanceof Undefined || right instanceof Undefined) {
            return left instanceof Undefined && right instanceof Undefined;
        }
        if (left == null || right == null) {
            return left == right;
        }
        if (isNumeric(left) && isNumeric(right)) {
            return isIntegral(left) && isIntegral(right) ? integralValue(left) == integralValue(right)
                    : numericValue(left) == numericValue(right);
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
        if (isNumeric(left) && isNumeric(right)) {
            if (isIntegral(left) && isIntegral(right)) {
                return Long.compare(integralValue(left), integralValue(right));
            }
            // IEEE order, as Python's < and > use: -0.0 equals 0.0 (Double.compare orders them)
            double a = numericValue(left);
            double b = numericValue(right);
            return a < b ? -1 : a > b ? 1 : 0;
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

    /**
     * The items a for loop visits: list items, dict keys, string characters (code points, as Python's); Undefined
     * is empty. A string's characters become a list of one-character strings, within the list length limit.
     */
    static List<Object> iterate(Object value, int line) {
        return switch (value) {
            case Undefined ignored -> List.of();
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> map -> new ArrayList<>(map.keySet());
            case CharSequence text -> {
                String string = text.toString();
                RenderBudget budget = RenderBudget.current();
                budget.sequence(string.codePointCount(0, string.length()));
                budget.text(string.length());
                List<Object> characters = new ArrayList<>();
                for (int i = 0; i < string.length(); ) {
                    int next = i + Character.charCount(string.codePointAt(i));
                    characters.add(MarkedString.substring(value, i, next));
                    i = next;
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

    /** Characters (code points) of a string, as Python's {@code len} counts them. */
    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Python's {@code s[index]}: the character (code point) at {@code index}, negative indexes counting from the
     * end, marks kept; {@code null} when out of range. Builds nothing but the one character.
     */
    static Object characterAt(Object value, long index) {
        String text = value.toString();
        int size = codePoints(text);
        if (index < 0) {
            index += size;
        }
        if (index < 0 || index >= size) {
            return null;
        }
        int at = size == text.length() ? (int) index : text.offsetByCodePoints(0, (int) index);
        return MarkedString.substring(value, at, at + Character.charCount(text.codePointAt(at)));
    }

    /**
     * Python's {@code s[from:to:stride]} on a string with bounds already resolved against its length in code
     * points (as {@link Renderer#slice} does for lists), marks kept; walks the string once, building no
     * per-character objects.
     */
    static Object sliceString(Object value, long from, long to, long stride) {
        String text = value.toString();
        long count = stride > 0 ? (to > from ? (to - from - 1) / stride + 1 : 0)
                : (from > to ? (from - to - 1) / -stride + 1 : 0);
        if (count == 0) {
            return "";
        }
        boolean ascii = codePoints(text) == text.length();
        int at = ascii ? (int) from : text.offsetByCodePoints(0, (int) from);
        if (stride == 1) {
            int end = ascii ? (int) to : text.offsetByCodePoints(at, (int) (to - from));
            return MarkedString.substring(value, at, end);
        }
        BitSet sourceMarks = MarkedString.marksOf(value);
        StringBuilder out = new StringBuilder();
        BitSet marks = new BitSet();
        for (long k = 0; k < count; k++) {
            int codePoint = text.codePointAt(at);
            int width = Character.charCount(codePoint);
            for (int j = sourceMarks.nextSetBit(at); j >= 0 && j < at + width; j = sourceMarks.nextSetBit(j + 1)) {
                marks.set(out.length() + j - at);
            }
            out.appendCodePoint(codePoint);
            if (k + 1 < count) {
                at = ascii ? at + (int) stride : text.offsetByCodePoints(at, (int) stride);
            }
        }
        RenderBudget.current().text(out.length());
        return marks.isEmpty() ? out.toString() : MarkedString.of(out.toString(), marks);
    }

    static long length(Object value, int line) {
        return switch (value) {
            case Undefined ignored -> 0;
            case CharSequence text -> codePoints(text.toString());
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            case null, default -> throw new TemplateException("line " + line + ": " + typeName(value) + " has no length");
        };
    }

    /** A number or a bool, which Python compares as the number 1 or 0 ({@code True == 1}, {@code False < 0.5}). */
    private static boolean isNumeric(Object value) {
        return isNumber(value) || value instanceof Boolean;
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Boolean;
    }

    private static long integralValue(Object value) {
        return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).longValue();
    }

    /** A float NaN, which every ordering comparison in Python is false for. */
    static boolean isNaN(Object value) {
        return value instanceof Double number && number.isNaN();
    }

    private static double numericValue(Object value) {
        return value instanceof Boolean bool ? (bool ? 1 : 0) : toDouble(value);
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
