package org.thinktrace.chat;

import java.util.List;
import java.util.Objects;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.text.R1Response;

/**
 * One generated response to a user message; regenerating adds another version beside it.
 *
 * @param thinking           the text inside {@code <think>}, without the tags
 * @param answer             the final answer (Markdown)
 * @param state              where the response stands
 * @param finishReason       why generation ended; null while in progress or after a failure
 * @param thinkingUnfinished the thinking never closed (stopped, cut by length or by the budget)
 * @param thinkingForced     the thinking budget forced {@code </think>}
 * @param stats              figures of the generation; null unless it finished
 * @param sampling           the sampling settings used
 * @param maxTokens          the token limit used
 * @param thinkingBudget     the thinking budget used (0 or less = none)
 * @param error              the failure message for the user; null unless {@code state} is FAILED
 * @param tokens             the generated tokens with their probabilities
 * @param createdAt          when generation started, epoch milliseconds
 * @param origin             where this version branched off another one; null for a version generated afresh
 * @param probes             what the inspector's model probes found about this version; never null
 * @param model              the model that generated it; null when not recorded (versions saved before it was)
 * @param systemPrompt       the system prompt it was generated with ("" = none); null when not recorded
 * @param contextVersions    for each earlier response of the conversation, in order, the index of the version that
 *                           was selected (and so in the prompt) when this one was generated; null when not recorded
 */
public record AssistantVersion(String thinking, String answer, ResponseState state, FinishReason finishReason,
                               boolean thinkingUnfinished, boolean thinkingForced, GenerationStats stats,
                               SamplingSettings sampling, int maxTokens, int thinkingBudget, String error,
                               TokenTrace tokens, long createdAt, BranchOrigin origin,
                               ProbeResults probes, ModelIdentity model, String systemPrompt,
                               List<Integer> contextVersions) {

    public AssistantVersion {
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sampling, "sampling");
        tokens = tokens == null ? TokenTrace.empty() : tokens;
        probes = probes == null ? ProbeResults.NONE : probes;
        contextVersions = contextVersions == null ? null : List.copyOf(contextVersions);
    }

    /** A version whose earlier responses' versions are not recorded. */
    public AssistantVersion(String thinking, String answer, ResponseState state, FinishReason finishReason,
                            boolean thinkingUnfinished, boolean thinkingForced, GenerationStats stats,
                            SamplingSettings sampling, int maxTokens, int thinkingBudget, String error,
                            TokenTrace tokens, long createdAt, BranchOrigin origin, ProbeResults probes,
                            ModelIdentity model, String systemPrompt) {
        this(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats, sampling, maxTokens,
                thinkingBudget, error, tokens, createdAt, origin, probes, model, systemPrompt, null);
    }

    /** A version whose model and system prompt are not recorded. */
    public AssistantVersion(String thinking, String answer, ResponseState state, FinishReason finishReason,
                            boolean thinkingUnfinished, boolean thinkingForced, GenerationStats stats,
                            SamplingSettings sampling, int maxTokens, int thinkingBudget, String error,
                            TokenTrace tokens, long createdAt, BranchOrigin origin, ProbeResults probes) {
        this(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats, sampling, maxTokens,
                thinkingBudget, error, tokens, createdAt, origin, probes, null, null, null);
    }

    /** A response whose generation is just starting. */
    public static AssistantVersion starting(SamplingSettings sampling, int maxTokens, int thinkingBudget, long now) {
        return new AssistantVersion("", "", ResponseState.IN_PROGRESS, null, false, false, null, sampling,
                maxTokens, thinkingBudget, null, TokenTrace.empty(), now, null, ProbeResults.NONE, null, null, null);
    }

    /** This version marked as branched from another. */
    public AssistantVersion withOrigin(BranchOrigin branchOrigin) {
        return new AssistantVersion(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats,
                sampling, maxTokens, thinkingBudget, error, tokens, createdAt, branchOrigin, probes, model, systemPrompt,
                contextVersions);
    }

    /** This version as generated by {@code generatedBy} with {@code prompt} as its system prompt. */
    public AssistantVersion withGeneration(ModelIdentity generatedBy, String prompt) {
        return new AssistantVersion(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats,
                sampling, maxTokens, thinkingBudget, error, tokens, createdAt, origin, probes, generatedBy, prompt,
                contextVersions);
    }

    /** This version as generated after the earlier responses' versions {@code selected} (see {@link #contextVersions}). */
    public AssistantVersion withContextVersions(List<Integer> selected) {
        return new AssistantVersion(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats,
                sampling, maxTokens, thinkingBudget, error, tokens, createdAt, origin, probes, model, systemPrompt,
                selected);
    }

    /** This version with {@code results} as its probes' findings. */
    public AssistantVersion withProbes(ProbeResults results) {
        return new AssistantVersion(thinking, answer, state, finishReason, thinkingUnfinished, thinkingForced, stats,
                sampling, maxTokens, thinkingBudget, error, tokens, createdAt, origin, results, model, systemPrompt,
                contextVersions);
    }

    /**
     * This response as found after the app ended during its generation: kept as far as it got, marked
     * stopped. Responses in any other state come back unchanged.
     */
    public AssistantVersion recoveredAfterInterruption() {
        if (state != ResponseState.IN_PROGRESS) return this;
        return new AssistantVersion(thinking, answer, ResponseState.STOPPED, FinishReason.CANCELLED,
                thinkingUnfinished || answer.isEmpty(), thinkingForced, stats, sampling, maxTokens, thinkingBudget,
                null, tokens, createdAt, origin, probes, model, systemPrompt, contextVersions);
    }

    /**
     * What the model wrote, as a chat template expects an earlier assistant turn: the {@link R1Response} layout.
     * The template strips the thinking, as the model's own template does.
     */
    public String templateContent() {
        return new R1Response(thinking, answer).text();
    }
}
