package org.thinktrace.inspect;

import java.util.Objects;

/**
 * One step of a thinking trace.
 *
 * @param index         position among the trace's steps, from 0
 * @param tag           the step's function
 * @param text          the step's text: {@code thinking.substring(chars.from(), chars.to())}
 * @param chars         where the step lies in the thinking text (no surrounding whitespace)
 * @param tokens        the step's thinking tokens, or null without token data (see {@link TokenAlignment})
 * @param surprisalMean mean surprisal of the step's tokens in nats; NaN without tokens
 * @param surprisalMax  largest surprisal among the step's tokens in nats; NaN without tokens
 * @param entropyMean   mean entropy (nats) of the step's tokens that have one; NaN when none has
 */
public record TraceStep(int index, StepTag tag, String text, Span chars, Span tokens, double surprisalMean,
                        double surprisalMax, double entropyMean) {

    public TraceStep {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(chars, "chars");
    }

    /** A step known from the text alone: no tokens, no surprisal. */
    public static TraceStep ofText(int index, StepTag tag, String text, Span chars) {
        return new TraceStep(index, tag, text, chars, null, Double.NaN, Double.NaN, Double.NaN);
    }

    /** This step with its token range and the statistics over it. */
    public TraceStep withTokens(Span tokenRange, TokenStats stats) {
        return new TraceStep(index, tag, text, chars, tokenRange, stats.surprisalMean(), stats.surprisalMax(),
                stats.entropyMean());
    }
}
