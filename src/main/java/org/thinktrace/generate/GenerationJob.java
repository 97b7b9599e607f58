package org.thinktrace.generate;

import java.util.List;

/**
 * One generation as the model thread runs it, whichever way it was asked for (chat or raw completion).
 *
 * @param planner        builds the prompt and fits it to the context
 * @param sampling       how tokens are picked
 * @param thinkingBudget thinking tokens before {@code </think>} is forced; 0 or less = none
 * @param stopStrings    answer text that ends the generation
 * @param raw            no chat template and no thinking: all text is answer
 * @param alternatives   how many of the most likely tokens each {@link GenerationEvent.TokenInfo} reports
 * @param continuation   where the response resumes inside an earlier one; null for a new response
 */
record GenerationJob(Planner planner, SamplingSettings sampling, int thinkingBudget, List<String> stopStrings,
                     boolean raw, int alternatives, Continuation continuation) {

    /** Builds the prompt for a context of the given length. */
    @FunctionalInterface
    interface Planner {
        ContextFitter.Fit plan(PromptCodec codec, int contextLength) throws PromptTooLongException;
    }

    static GenerationJob of(GenerationRequest request) {
        return of(request, null);
    }

    static GenerationJob of(GenerationRequest request, Continuation continuation) {
        return new GenerationJob(
                (codec, context) -> ContextFitter.fitConversation(request.conversation(), request.maxTokens(), context,
                        turns -> codec.encodeConversation(turns, request.templateVariables())),
                request.sampling(), request.thinkingBudget(), request.stopStrings(), false, request.alternatives(),
                continuation);
    }

    static GenerationJob of(CompletionRequest request) {
        return new GenerationJob(
                (codec, context) -> ContextFitter.fitRaw(codec.encodeRaw(request.text()), request.maxTokens(), context),
                request.sampling(), 0, request.stopStrings(), true, Sampler.TOP_ALTERNATIVES, null);
    }
}
