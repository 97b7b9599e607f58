package org.thinktrace.text.jinja;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Untrusted sources: parsing and rendering obey {@link TemplateLimits} (nesting depth, loop iterations,
 * string, list and output sizes, macro recursion, wall time), so whatever the source, a parse or render
 * returns or throws a {@link TemplateException} within the time limit, with bounded memory and stack. Every
 * failure's message starts with the template's origin (the file it came from) when one was given.
 */
public final class JinjaTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(JinjaTemplate.class);

    private final List<Node> nodes;
    private final String origin;
    private final TemplateLimits limits;
    private final Supplier<ZonedDateTime> clock;

    private JinjaTemplate(List<Node> nodes, String origin, TemplateLimits limits, Supplier<ZonedDateTime> clock) {
        this.nodes = nodes;
        this.origin = origin;
        this.limits = limits;
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
        return parse(source, null, TemplateLimits.DEFAULT, clock);
    }

    /**
     * Parses a template from a file, under the given limits.
     *
     * @param origin where the source came from (a file, or a file and field), named first in every failure;
     *               {@code null} for none
     * @throws TemplateException on a syntax error or a limit reached, naming the origin and the line
     */
    public static JinjaTemplate parse(String source, String origin, TemplateLimits limits, Supplier<ZonedDateTime> clock) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        return new JinjaTemplate(guarded(origin, () -> Parser.parse(source, limits.nestingDepth())), origin, limits, clock);
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
        return guarded(origin, () -> {
            try (RenderBudget budget = RenderBudget.open(limits)) {
                Output out = new Output(budget);
                try {
                    new Renderer(budget).execute(nodes, scope, out);
                } catch (TemplateException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A fault the engine has no message for: named with the line being evaluated.
                    LOG.warn("template engine failed at line {} of the template from {}", budget.line(), origin, e);
                    throw new TemplateException((budget.line() > 0 ? "line " + budget.line() + ": " : "")
                            + "the template engine failed on this template (" + e + ")", e);
                }
                return new Rendered(out.text(), out.marks());
            }
        });
    }

    /** The limits this template parses and renders under. */
    public TemplateLimits limits() {
        return limits;
    }

    /**
     * Runs a parse or render so that it ends in a {@link TemplateException} naming the origin whatever goes
     * wrong: an engine fault on a strange template, or a stack too small for a depth the limits allow.
     */
    private static <T> T guarded(String origin, Supplier<T> work) {
        String prefix = origin == null ? "" : origin + ": ";
        try {
            return work.get();
        } catch (TemplateException e) {
            if (origin == null) {
                throw e;
            }
            throw new TemplateException(prefix + e.getMessage(), e);
        } catch (StackOverflowError e) {
            LOG.warn("template from {} overflowed the stack", origin, e);
            throw new TemplateException(prefix + "template limit reached: nesting depth (the template nests deeper"
                    + " than this thread's stack holds)", e);
        } catch (RuntimeException e) {
            LOG.warn("template engine failed on the template from {}", origin, e);
            throw new TemplateException(prefix + "the template engine failed on this template (" + e + ")", e);
        }
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
