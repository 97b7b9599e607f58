package org.thinktrace.inspect;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.thinktrace.generate.TokenAlternative;

/**
 * Renders an inspection as plain text for a terminal: the outline (one line per step: index, tag, token range,
 * mean surprisal in nats, first words), the forks and the loops. Token texts are quoted with line breaks and
 * tabs escaped; figures that are unknown print as {@code -}.
 */
public final class OutlinePrinter {

    /** Characters of step text shown per line. */
    public static final int PREVIEW_CHARS = 72;

    private OutlinePrinter() {
    }

    /** The outline, forks and loops of {@code inspection}, each section under its heading. */
    public static String render(TraceInspection inspection) {
        return outline(inspection.steps()) + "\n" + forks(inspection.forks()) + "\n" + loops(inspection.loops());
    }

    /** One line per step under the heading {@code Steps (n)}. */
    public static String outline(List<TraceStep> steps) {
        StringBuilder out = new StringBuilder("Steps (" + steps.size() + ")\n");
        out.append(String.format(Locale.ROOT, "%5s  %-11s  %-11s  %9s  %s%n", "step", "tag", "tokens",
                "surprisal", "text"));
        for (TraceStep s : steps) {
            String tokens = s.tokens() == null ? "-" : s.tokens().from() + "-" + s.tokens().to();
            out.append(String.format(Locale.ROOT, "%5d  %-11s  %-11s  %9s  %s%n", s.index(), s.tag().jsonName(),
                    tokens, figure(s.surprisalMean()), preview(s.text())));
        }
        return out.toString();
    }

    /** The forks, highest entropy first, with their alternatives; a note when there are none. */
    public static String forks(List<Fork> forks) {
        if (forks.isEmpty()) return "Forks: none (no token entropy recorded)\n";
        StringBuilder out = new StringBuilder("Forks (" + forks.size() + " highest-entropy tokens)\n");
        for (Fork f : forks) {
            String alternatives = f.alternatives().stream()
                    .map(a -> quote(a.text()) + " " + figure(a.probability()))
                    .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "  token %-6d %-14s p %-6s entropy %-6s  or: %s%n", f.token(),
                    quote(f.text()), figure(f.p()), figure(f.entropy()), alternatives));
        }
        return out.toString();
    }

    /** The loops with where they occur; a note when there are none. */
    public static String loops(List<TraceLoop> loops) {
        if (loops.isEmpty()) return "Loops: none\n";
        StringBuilder out = new StringBuilder("Loops (" + loops.size() + ")\n");
        for (TraceLoop loop : loops) {
            String where = loop.occurrences().stream().map(o -> String.valueOf(o.step()))
                    .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "  %s repeated %d times (steps %s): %s%n", loop.kind().jsonName(),
                    loop.occurrences().size(), where, preview(loop.text())));
        }
        return out.toString();
    }

    /** {@code text} on one line, cut to {@link #PREVIEW_CHARS} characters. */
    public static String preview(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= PREVIEW_CHARS) return flat;
        int cut = PREVIEW_CHARS - 1;
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) cut--; // not inside an emoji
        return flat.substring(0, cut) + "…";
    }

    static String quote(String token) {
        return "\"" + token.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"")
                + "\"";
    }

    private static String figure(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String figure(float value) {
        return Float.isNaN(value) ? "-" : String.format(Locale.ROOT, value < 0.01 ? "%.1e" : "%.3f", value);
    }
}
