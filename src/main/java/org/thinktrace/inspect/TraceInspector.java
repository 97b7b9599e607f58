package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the text-and-token analysis of a response: steps ({@link StepSegmenter}, {@link StepTagger}), their token
 * ranges ({@link TokenAlignment}) and surprisal ({@link TokenStats}), forks ({@link ForkFinder}), loops
 * ({@link LoopDetector}) and the final answer ({@link AnswerExtractor}). Pure and cheap (linear in the text and
 * the tokens): fit to re-run on every frame while a response streams.
 */
public final class TraceInspector {

    private TraceInspector() {
    }

    /** Inspects {@code response} with {@link ForkFinder#DEFAULT_COUNT} forks. */
    public static TraceInspection inspect(InspectedResponse response) {
        return inspect(response, ForkFinder.DEFAULT_COUNT);
    }

    /** Inspects {@code response}, reporting up to {@code forkCount} forks. */
    public static TraceInspection inspect(InspectedResponse response, int forkCount) {
        List<TraceStep> steps = steps(response);
        List<Fork> forks = response.hasTokens() ? ForkFinder.find(response.tokens(), forkCount) : List.of();
        return new TraceInspection(steps, forks, LoopDetector.find(response.thinking(), steps),
                AnswerExtractor.find(response.answer()).orElse(null));
    }

    /** The tagged steps of {@code response}, with token ranges and surprisal when it has tokens. */
    public static List<TraceStep> steps(InspectedResponse response) {
        List<TraceStep> steps = new StepTagger(response.question()).steps(response.thinking());
        if (!response.hasTokens()) return steps;
        TraceTokens tokens = response.tokens();
        TokenAlignment alignment = TokenAlignment.align(response.thinking(), tokens.thinkingTexts());
        List<Span> ranges = alignment.stepTokens(steps.stream().map(TraceStep::chars).toList());
        List<TraceStep> out = new ArrayList<>(steps.size());
        for (int k = 0; k < steps.size(); k++) {
            Span range = ranges.get(k);
            out.add(range == null ? steps.get(k) : steps.get(k).withTokens(range, TokenStats.over(tokens, range)));
        }
        return out;
    }
}
