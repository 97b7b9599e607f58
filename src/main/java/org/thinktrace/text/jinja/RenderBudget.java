package org.thinktrace.text.jinja;

import java.util.Locale;

/**
 * What one render may still spend of its {@link TemplateLimits}. The render installs its budget on its thread
 * for its duration ({@link #open}); the string and list operations spread over the engine's helpers find it
 * with {@link #current()}. Outside a render the current budget is {@link #UNLIMITED}.
 */
final class RenderBudget implements AutoCloseable {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
    private static final RenderBudget UNLIMITED = new RenderBudget(new TemplateLimits(Long.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            java.time.Duration.ofDays(10_000)), null);

    private final TemplateLimits limits;
    private final RenderBudget previous;
    private final long deadlineNanos;
    private long iterations;
    private long produced;
    private int calls;
    private int ticks;
    private int line;

    private RenderBudget(TemplateLimits limits, RenderBudget previous) {
        this.limits = limits;
        this.previous = previous;
        this.deadlineNanos = System.nanoTime() + limits.renderTime().toNanos();
    }

    /** Starts a render's budget on this thread; close it when the render ends. */
    static RenderBudget open(TemplateLimits limits) {
        RenderBudget budget = new RenderBudget(limits, CURRENT.get());
        CURRENT.set(budget);
        return budget;
    }

    static RenderBudget current() {
        RenderBudget budget = CURRENT.get();
        return budget == null ? UNLIMITED : budget;
    }

    TemplateLimits limits() {
        return limits;
    }

    /** Notes the template line being evaluated, for the messages of limits reached. */
    void at(int templateLine) {
        this.line = templateLine;
    }

    /** The template line being evaluated, 0 before the first expression. */
    int line() {
        return line;
    }

    /** One more loop-body run; also checks the clock. */
    void iteration() {
        if (++iterations > limits.loopIterations()) {
            throw exceeded("loop iterations", limits.loopIterations());
        }
        checkClock();
    }

    /** A unit of work inside a long built-in operation (sorting, de-duplicating): checks the clock now and then. */
    void tick() {
        if ((++ticks & 1023) == 0) {
            checkClock();
        }
    }

    /** {@link #tick()}, then {@code result}: for comparators. */
    int tickAnd(int result) {
        tick();
        return result;
    }

    void checkClock() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw exceeded("render time", limits.renderTime().toMillis() + " ms");
        }
    }

    /** Before building a string of {@code length} characters: within the text limits, or a limit error. */
    void text(long length) {
        if (length > limits.textLength()) {
            throw exceeded("string length", count(limits.textLength()) + " characters");
        }
        produced += length;
        if (produced > limits.producedText()) {
            throw exceeded("text built by one render", count(limits.producedText()) + " characters");
        }
    }

    /**
     * While building a string piece by piece (the {@code str} of a list, a {@code tojson}, a {@code join}): the
     * text so far, {@code length} characters, is within the string length limit. Charges nothing; the finished
     * string is charged as usual.
     */
    void within(long length) {
        if (length > limits.textLength()) {
            throw exceeded("string length", count(limits.textLength()) + " characters");
        }
    }

    /** Before building a list of {@code length} items. */
    void sequence(long length) {
        if (length > limits.sequenceLength()) {
            throw exceeded("list length", count(limits.sequenceLength()) + " items");
        }
    }

    /** Before writing output that would reach {@code length} characters. */
    void output(long length) {
        if (length > limits.textLength()) {
            throw exceeded("output length", count(limits.textLength()) + " characters");
        }
    }

    /** Enters a macro call; {@link #leaveCall()} when it returns. */
    void enterCall() {
        if (calls >= limits.callDepth()) {
            throw exceeded("macro call depth", limits.callDepth());
        }
        calls++;
        checkClock();
    }

    void leaveCall() {
        calls--;
    }

    TemplateException exceeded(String limit, Object value) {
        return exceeded(limit, value, line);
    }

    static TemplateException exceeded(String limit, Object value, int templateLine) {
        String shown = value instanceof Long || value instanceof Integer ? count(((Number) value).longValue()) : value.toString();
        return new TemplateException((templateLine > 0 ? "line " + templateLine + ": " : "")
                + "template limit reached: " + limit + " (at most " + shown + ")");
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Characters of {@code count} copies of a {@code length}-character text, saturating instead of overflowing. */
    static long repeated(long count, long length) {
        return length == 0 || count <= Long.MAX_VALUE / length ? count * length : Long.MAX_VALUE;
    }

    @Override
    public void close() {
        if (this == UNLIMITED) {
            return;
        }
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
