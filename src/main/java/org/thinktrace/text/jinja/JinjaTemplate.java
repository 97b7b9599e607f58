package org.thinktrace.text.jinja;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Jinja template as HuggingFace renders chat templates: Python Jinja2 semantics for the subset chat
 * templates use (if/for/set/macro, loop controls, {@code namespace}, Python str and dict methods, slicing,
 * filters, tests), with {@code trim_blocks} and {@code lstrip_blocks} on, HF's {@code tojson}
 * (ensure_ascii off), {@code raise_exception} and {@code strftime_now}.
 *
 * <p>Values passed in: {@code String}, {@link MarkedString}, {@code Boolean}, {@code Long}/{@code Integer},
 * {@code Double}, {@code null}, {@code List} and {@code Map} (insertion order kept). Rendering never changes them.
 * A template is immutable and may be rendered from several threads.
 */
public final class JinjaTemplate {

    private final List<Node> nodes;
    private final Supplier<ZonedDateTime> clock;

    private JinjaTemplate(List<Node> nodes, Supplier<ZonedDateTime> clock) {
        this.nodes = nodes;
        this.clock = clock;
    }

    /**
     * Parses a template.
     *
     * @throws TemplateException on a syntax error, naming the line
     */
    public static JinjaTemplate parse(String source) {
        return parse(source, ZonedDateTime::now);
    }

    /** Parses a template whose {@code strftime_now} reads the given clock. */
    public static JinjaTemplate parse(String source, Supplier<ZonedDateTime> clock) {
        return new JinjaTemplate(Parser.parse(Objects.requireNonNull(source, "source")), clock);
    }

    /**
     * Renders with the given variables.
     *
     * @throws TemplateException when the template fails (undefined value misused, {@code raise_exception}, …)
     */
    public String render(Map<String, ?> variables) {
        return renderMarked(variables).text();
    }

    /** Renders and reports which output characters came from {@link MarkedString} input. */
    public Rendered renderMarked(Map<String, ?> variables) {
        Scope globals = new Scope(null);
        Globals.create(clock).forEach(globals::set);
        Scope scope = new Scope(globals);
        variables.forEach(scope::set);
        Output out = new Output();
        new Renderer().execute(nodes, scope, out);
        return new Rendered(out.text(), out.marks());
    }

    /**
     * A rendering with provenance.
     *
     * @param text   the output
     * @param marked the indexes of output characters that came from marked input
     */
    public record Rendered(String text, BitSet marked) {
        public Rendered {
            marked = (BitSet) marked.clone();
        }

        @Override
        public BitSet marked() {
            return (BitSet) marked.clone();
        }
    }
}
