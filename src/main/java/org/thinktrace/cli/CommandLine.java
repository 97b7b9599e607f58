package org.thinktrace.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of one sub-command split into options and positional words.
 *
 * <p>Grammar: {@code --name value} or {@code --name=value} for options that take a value (given in
 * {@code valued}), {@code --name} alone for switches (given in {@code switches}), a repeated valued option
 * keeps every value in order, {@code --} ends the options. Anything else starting with {@code --} is an
 * unknown option: an {@link UnknownOptionException}. ({@code --help} and {@code -h} never get here:
 * {@link Main} answers them for every command.)
 */
final class CommandLine {

    private final Map<String, List<String>> values;
    private final Set<String> switchesOn;
    private final List<String> positional;

    private CommandLine(Map<String, List<String>> values, Set<String> switchesOn, List<String> positional) {
        this.values = values;
        this.switchesOn = switchesOn;
        this.positional = positional;
    }

    static CommandLine parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> on = new LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (switches.contains(name)) {
                if (eq >= 0) throw new UsageException(name + " takes no value");
                on.add(name);
            } else {
                throw new UnknownOptionException(name);
            }
        }
        return new CommandLine(values, on, positional);
    }

    boolean has(String name) {
        return switchesOn.contains(name) || values.containsKey(name);
    }

    /** The last value of an option, or null. */
    String value(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    /** Every value of a repeatable option, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return positional;
    }

    /** Fails on the first positional word, for commands that take options only. */
    void requireNoPositional() throws UsageException {
        if (!positional.isEmpty()) throw new UsageException("unexpected argument '" + positional.get(0) + "'");
    }

    /** A whole number of at least 1, or {@code fallback} when the option is absent. */
    int positiveIntValue(String name, int fallback) throws UsageException {
        int n = intValue(name, fallback);
        if (n < 1) throw new UsageException(name + " must be at least 1, got " + n);
        return n;
    }

    int intValue(String name, int fallback) throws UsageException {
        return parsed(name, fallback, Integer::parseInt, "a whole number");
    }

    long longValue(String name, long fallback) throws UsageException {
        return parsed(name, fallback, Long::parseLong, "a whole number");
    }

    double doubleValue(String name, double fallback) throws UsageException {
        return parsed(name, fallback, v -> {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new NumberFormatException(v);
            return d;
        }, "a number");
    }

    private <T> T parsed(String name, T fallback, Function<String, T> parse, String kind) throws UsageException {
        String v = value(name);
        if (v == null) return fallback;
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be " + kind + ", got '" + v + "'");
        }
    }
}
