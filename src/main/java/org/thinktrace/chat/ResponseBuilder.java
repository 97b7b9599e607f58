package org.thinktrace.chat;

import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.AnswerDelta;
import org.thinktrace.generate.GenerationEvent.Failed;
import org.thinktrace.generate.GenerationEvent.Finished;
import org.thinktrace.generate.GenerationEvent.ThinkingDelta;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.FinishReason;

/**
 * Folds the events of one generation into an {@link AssistantVersion}. Not thread-safe: fed from one thread
 * at a time.
 */
final class ResponseBuilder {

    /** How many alternatives of each step are kept for the inspection views. */
    static final int STORED_ALTERNATIVES = 5;

    private final AssistantVersion start;
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final TokenTrace.Recorder tokens = new TokenTrace.Recorder(STORED_ALTERNATIVES);
    private AssistantVersion finalVersion;
    private long changes;

    ResponseBuilder(AssistantVersion start) {
        this.start = start;
    }

    /** Takes one event; returns true when it ended the generation. */
    boolean accept(GenerationEvent event) {
        switch (event) {
            case ThinkingDelta d -> {
                thinking.append(d.text());
                changes++;
            }
            case AnswerDelta d -> {
                answer.append(d.text());
                changes++;
            }
            case TokenInfo t -> {
                tokens.add(t);
                changes++;
            }
            case Finished f -> finalVersion = finished(f);
            case Failed f -> finalVersion = failed(f.message());
            case GenerationEvent.PromptProcessed p -> { }
            case GenerationEvent.ContextTrimmed t -> { }
        }
        return finalVersion != null;
    }

    /** How many events changed the response so far: a draft is worth saving only when this moved. */
    long changes() {
        return changes;
    }

    /** The response so far: final once the generation ended, otherwise an in-progress draft. */
    AssistantVersion current() {
        if (finalVersion != null) return finalVersion;
        return new AssistantVersion(thinking.toString(), answer.toString(), ResponseState.IN_PROGRESS, null,
                false, false, null, start.sampling(), start.maxTokens(), start.thinkingBudget(), null,
                tokens.snapshot(), start.createdAt(), start.origin(), ProbeResults.NONE,
                start.model(), start.systemPrompt(), start.contextVersions());
    }

    /** The response as it stands, ended by a failure that happened outside the generator (e.g. it refused to start). */
    AssistantVersion failed(String message) {
        return new AssistantVersion(thinking.toString(), answer.toString(), ResponseState.FAILED, null,
                answer.isEmpty() && !thinking.isEmpty(), false, null, start.sampling(), start.maxTokens(),
                start.thinkingBudget(), message, tokens.snapshot(), start.createdAt(), start.origin(), ProbeResults.NONE,
                start.model(), start.systemPrompt(), start.contextVersions());
    }

    private AssistantVersion finished(Finished f) {
        ResponseState state = f.reason() == FinishReason.CANCELLED ? ResponseState.STOPPED : ResponseState.COMPLETE;
        return new AssistantVersion(f.thinking(), f.answer(), state, f.reason(), f.thinkingUnfinished(),
                f.thinkingForced(), f.stats(), start.sampling(), start.maxTokens(), start.thinkingBudget(), null,
                tokens.snapshot(), start.createdAt(), start.origin(), ProbeResults.NONE,
                start.model(), start.systemPrompt(), start.contextVersions());
    }
}
