package org.thinktrace.text.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The global functions HuggingFace gives chat templates: {@code range}, {@code namespace}, {@code dict},
 * {@code raise_exception(message)} and {@code strftime_now(format)}.
 */
final class Globals {

    private Globals() {
    }

    static Map<String, Object> create(Supplier<ZonedDateTime> clock) {
        Map<String, Object> globals = new LinkedHashMap<>();
        globals.put("range", (PyCallable) Globals::range);
        globals.put("namespace", (PyCallable) (arguments, keywords) -> new Namespace(keywords));
        globals.put("dict", (PyCallable) (arguments, keywords) -> new LinkedHashMap<>(keywords));
        globals.put("raise_exception", (PyCallable) (arguments, keywords) -> {
            throw new TemplateException("the chat template refused the conversation: "
                    + (arguments.isEmpty() ? "" : PyValues.str(arguments.getFirst())));
        });
        globals.put("strftime_now", (PyCallable) (arguments, keywords) ->
                strftime(arguments.isEmpty() ? "" : PyValues.str(arguments.getFirst()), clock.get()));
        return globals;
    }

    private static Object range(List<Object> arguments, Map<String, Object> keywords) {
        int line = RenderBudget.current().line();
        long start = 0;
        long stop;
        long step = 1;
        if (arguments.size() == 1) {
            stop = PyValues.toLong(arguments.getFirst(), line);
        } else if (arguments.size() >= 2 && arguments.size() <= 3) {
            start = PyValues.toLong(arguments.get(0), line);
            stop = PyValues.toLong(arguments.get(1), line);
            step = arguments.size() > 2 ? PyValues.toLong(arguments.get(2), line) : 1;
        } else {
            throw new TemplateException("line " + line + ": range() needs 1 to 3 arguments, got " + arguments.size());
        }
        if (step == 0) {
            throw new TemplateException("line " + line + ": range() step must not be zero");
        }
        // The distance and the step's magnitude as unsigned numbers: exact for any longs (stop - start or -step
        // overflow a signed long), so the count is right and the loop below never steps past stop by wrapping.
        long count = step > 0 ? (stop > start ? Long.divideUnsigned(stop - start - 1, step) + 1 : 0)
                : (start > stop ? Long.divideUnsigned(start - stop - 1, -step) + 1 : 0);
        RenderBudget.current().sequence(count < 0 ? Long.MAX_VALUE : count);
        List<Object> values = new ArrayList<>((int) count);
        for (long k = 0, i = start; k < count; k++, i += step) {
            values.add(i);
        }
        return values;
    }

    /** Python's {@code strftime} for the common directives. */
    static String strftime(String format, ZonedDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char directive = format.charAt(++i);
            switch (directive) {
                case 'd' -> out.append(String.format("%02d", time.getDayOfMonth()));
                case 'e' -> out.append(String.format("%2d", time.getDayOfMonth()));
                case 'm' -> out.append(String.format("%02d", time.getMonthValue()));
                case 'Y' -> out.append(time.getYear());
                case 'y' -> out.append(String.format("%02d", time.getYear() % 100));
                case 'H' -> out.append(String.format("%02d", time.getHour()));
                case 'I' -> out.append(String.format("%02d", (time.getHour() + 11) % 12 + 1));
                case 'M' -> out.append(String.format("%02d", time.getMinute()));
                case 'S' -> out.append(String.format("%02d", time.getSecond()));
                case 'p' -> out.append(time.getHour() < 12 ? "AM" : "PM");
                case 'b' -> out.append(time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> out.append(time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'j' -> out.append(String.format("%03d", time.getDayOfYear()));
                case '%' -> out.append('%');
                default -> out.append('%').append(directive);
            }
        }
        return out.toString();
    }
}
