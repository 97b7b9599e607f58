package org.thinktrace.text.jinja;

import java.time.Duration;
import java.util.Objects;

/**
 * The hard limits every parse and render obeys, so that a template from a downloaded model folder cannot
 * hang the caller, exhaust the heap or overflow the stack. Reaching one ends the parse or render with a
 * {@link TemplateException} that names the limit and its value.
 *
 * @param loopIterations  for-loop bodies run in one render, all loops together
 * @param sequenceLength  items of a list a template builds ({@code range}, {@code +} of lists): Jinja2's
 *                        sandbox caps {@code range} at the same 100,000
 * @param textLength      characters of any one string a template builds, and of the rendered output
 * @param producedText    characters of all strings a render builds, together (bounds memory over loops)
 * @param nestingDepth    nesting of blocks and of sub-expressions in the source (checked by the parser)
 * @param callDepth       macro calls active at once (recursion)
 * @param renderTime      wall time of one render
 */
public record TemplateLimits(long loopIterations, int sequenceLength, int textLength, long producedText,
                             int nestingDepth, int callDepth, Duration renderTime) {

    /**
     * The limits a chat template gets: far above what any published chat template needs (a long
     * conversation renders to a few hundred thousand characters in well under a second), far below what
     * hurts the machine.
     */
    public static final TemplateLimits DEFAULT = new TemplateLimits(1_000_000, 100_000, 8_388_608,
            67_108_864L, 100, 100, Duration.ofSeconds(10));

    public TemplateLimits {
        Objects.requireNonNull(renderTime, "renderTime");
        if (loopIterations < 1 || sequenceLength < 1 || textLength < 1 || producedText < 1 || nestingDepth < 1
                || callDepth < 1 || renderTime.isNegative() || renderTime.isZero()) {
            throw new IllegalArgumentException("template limits must be positive: " + this);
        }
    }
}
