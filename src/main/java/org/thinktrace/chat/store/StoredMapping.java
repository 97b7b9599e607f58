package org.thinktrace.chat.store;

import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.Convergence;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.InterimAnswer;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.ProbeResults;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.chat.store.StoredConvergence.StoredInterimAnswer;
import org.thinktrace.chat.store.StoredImportance.StoredStepResampling;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.SamplingSettings;

/**
 * The one place that maps the domain records to the stored ones and back. Every switch over an enum is exhaustive,
 * so a new domain constant does not compile until it has a stored code.
 */
public final class StoredMapping {

    private StoredMapping() {
    }

    public static StoredConversation toStored(Conversation c) {
        return new StoredConversation(ConversationFormat.VERSION, c.id(), c.title(), c.createdAt(), c.updatedAt(),
                c.messages().stream().map(StoredMapping::toStored).toList());
    }

    /** @throws IllegalArgumentException or NullPointerException when the stored values break a domain rule */
    public static Conversation fromStored(StoredConversation s) {
        return new Conversation(ConversationFormat.VERSION, s.id(), s.title(), s.createdAt(), s.updatedAt(),
                required(s.messages(), "messages").stream().map(StoredMapping::fromStored).toList());
    }

    private static StoredMessage toStored(Message m) {
        return switch (m) {
            case UserMessage u -> new StoredUserMessage(u.id(), u.text(), u.createdAt());
            case AssistantMessage a -> new StoredAssistantMessage(a.id(),
                    a.versions().stream().map(StoredMapping::toStored).toList(), a.selected(), a.thinkingOpen());
        };
    }

    private static Message fromStored(StoredMessage m) {
        return switch (required(m, "message")) {
            case StoredUserMessage u -> new UserMessage(u.id(), u.text(), u.createdAt());
            case StoredAssistantMessage a -> new AssistantMessage(a.id(),
                    required(a.versions(), "versions").stream().map(StoredMapping::fromStored).toList(),
                    a.selected(), a.thinkingOpen());
        };
    }

    private static StoredVersion toStored(AssistantVersion v) {
        return new StoredVersion(v.thinking(), v.answer(), toStored(v.state()),
                v.finishReason() == null ? null : toStored(v.finishReason()), v.thinkingUnfinished(),
                v.thinkingForced(), v.stats() == null ? null : toStored(v.stats()), toStored(v.sampling()),
                v.maxTokens(), v.thinkingBudget(), v.systemPrompt(), v.contextVersions(),
                v.model() == null ? null : toStored(v.model()),
                v.error(), toStored(v.tokens()), v.createdAt(), v.origin() == null ? null : toStored(v.origin()),
                toStored(v.probes()));
    }

    private static AssistantVersion fromStored(StoredVersion v) {
        return new AssistantVersion(v.thinking(), v.answer(), fromStored(required(v.state(), "state")),
                v.finishReason() == null ? null : fromStored(v.finishReason()), v.thinkingUnfinished(),
                v.thinkingForced(), v.stats() == null ? null : fromStored(v.stats()),
                fromStored(required(v.sampling(), "sampling")), v.maxTokens(), v.thinkingBudget(), v.error(),
                fromStored(required(v.tokens(), "tokens")), v.createdAt(),
                v.origin() == null ? null : fromStored(v.origin()), v.probes() == null ? null : fromStored(v.probes()),
                v.model() == null ? null : fromStored(v.model()), v.systemPrompt(),
                v.contextVersions() == null ? null : withoutNulls(v.contextVersions()));
    }

    /** A list of version indices as read: a null item (JSON {@code null} in the array) makes the file invalid. */
    private static java.util.List<Integer> withoutNulls(java.util.List<Integer> versions) {
        if (versions.contains(null)) throw new IllegalArgumentException("\"contextVersions\" holds a null");
        return versions;
    }

    static StoredResponseState toStored(ResponseState state) {
        return switch (state) {
            case IN_PROGRESS -> StoredResponseState.IN_PROGRESS;
            case COMPLETE -> StoredResponseState.COMPLETE;
            case STOPPED -> StoredResponseState.STOPPED;
            case FAILED -> StoredResponseState.FAILED;
        };
    }

    static ResponseState fromStored(StoredResponseState state) {
        return switch (state) {
            case IN_PROGRESS -> ResponseState.IN_PROGRESS;
            case COMPLETE -> ResponseState.COMPLETE;
            case STOPPED -> ResponseState.STOPPED;
            case FAILED -> ResponseState.FAILED;
        };
    }

    static StoredFinishReason toStored(FinishReason reason) {
        return switch (reason) {
            case EOS -> StoredFinishReason.EOS;
            case LENGTH -> StoredFinishReason.LENGTH;
            case STOP -> StoredFinishReason.STOP;
            case CANCELLED -> StoredFinishReason.CANCELLED;
        };
    }

    static FinishReason fromStored(StoredFinishReason reason) {
        return switch (reason) {
            case EOS -> FinishReason.EOS;
            case LENGTH -> FinishReason.LENGTH;
            case STOP -> FinishReason.STOP;
            case CANCELLED -> FinishReason.CANCELLED;
        };
    }

    private static StoredStats toStored(GenerationStats s) {
        return new StoredStats(s.promptTokens(), s.timeToFirstToken(), s.prefillTokensPerSecond(),
                s.decodeTokensPerSecond(), s.thinkingTokens(), s.answerTokens(), s.thinkingSeconds(), s.totalSeconds());
    }

    private static GenerationStats fromStored(StoredStats s) {
        return new GenerationStats(s.promptTokens(), s.timeToFirstToken(), s.prefillTokensPerSecond(),
                s.decodeTokensPerSecond(), s.thinkingTokens(), s.answerTokens(), s.thinkingSeconds(), s.totalSeconds());
    }

    private static StoredSampling toStored(SamplingSettings s) {
        return new StoredSampling(s.temperature(), s.topP(), s.topK(), s.minP(), s.repetitionPenalty(),
                s.presencePenalty(), s.seed());
    }

    private static SamplingSettings fromStored(StoredSampling s) {
        return new SamplingSettings(s.temperature(), s.topP(), s.topK(), s.minP(), s.repetitionPenalty(),
                s.presencePenalty(), s.seed());
    }

    private static StoredModel toStored(ModelIdentity m) {
        return new StoredModel(m.name(), m.weightsSha256(), m.endpoint(), m.precision());
    }

    private static ModelIdentity fromStored(StoredModel m) {
        return new ModelIdentity(required(m.name(), "model name"), m.weightsSha256(), m.endpoint(), m.precision());
    }

    private static StoredTokens toStored(TokenTrace t) {
        return new StoredTokens(t.ids(), t.texts(), t.probabilities(), t.entropies(), t.thinkingTokens(),
                t.alternativesPerToken(), t.alternativeIds(), t.alternativeProbabilities(), t.alternativeTexts());
    }

    private static TokenTrace fromStored(StoredTokens t) {
        return new TokenTrace(required(t.ids(), "ids"), required(t.texts(), "texts"),
                required(t.probabilities(), "probabilities"), t.entropies(), t.thinkingTokens(),
                t.alternativesPerToken(), required(t.alternativeIds(), "alternativeIds"),
                required(t.alternativeProbabilities(), "alternativeProbabilities"), t.alternativeTexts());
    }

    private static StoredOrigin toStored(BranchOrigin o) {
        return new StoredOrigin(o.fromVersion(), o.tokenIndex(), o.replaced(), o.inserted(), o.edited());
    }

    private static BranchOrigin fromStored(StoredOrigin o) {
        return new BranchOrigin(o.fromVersion(), o.tokenIndex(), o.replaced(), o.inserted(), o.edited());
    }

    private static StoredProbes toStored(ProbeResults p) {
        return new StoredProbes(p.convergence() == null ? null : toStored(p.convergence()),
                p.importance() == null ? null : toStored(p.importance()));
    }

    private static ProbeResults fromStored(StoredProbes p) {
        return new ProbeResults(p.convergence() == null ? null : fromStored(p.convergence()),
                p.importance() == null ? null : fromStored(p.importance()));
    }

    private static StoredConvergence toStored(Convergence c) {
        return new StoredConvergence(c.steps().stream().map(s -> new StoredInterimAnswer(s.step(), s.tokenIndex(),
                s.text(), s.answer(), s.probability())).toList(), c.finalAnswer(), c.settledStep(),
                Double.isNaN(c.afterSettledShare()) ? null : c.afterSettledShare(), c.complete());
    }

    private static Convergence fromStored(StoredConvergence c) {
        return new Convergence(required(c.steps(), "convergence steps").stream().map(s -> new InterimAnswer(s.step(),
                s.tokenIndex(), s.text(), s.answer(), s.probability())).toList(), c.finalAnswer(), c.settledStep(),
                c.afterSettledShare() == null ? Double.NaN : c.afterSettledShare(), c.complete());
    }

    private static StoredImportance toStored(Importance i) {
        return new StoredImportance(i.steps().stream().map(s -> new StoredStepResampling(s.step(), s.answersBefore(),
                s.answersAfter(), s.shareBefore(), s.shareAfter(), s.tokens())).toList(), i.tokens(), i.complete());
    }

    private static Importance fromStored(StoredImportance i) {
        return new Importance(required(i.steps(), "importance steps").stream().map(s -> new StepResampling(s.step(),
                s.answersBefore(), s.answersAfter(), s.shareBefore(), s.shareAfter(), s.tokens())).toList(),
                i.tokens(), i.complete());
    }

    private static <T> T required(T value, String field) {
        if (value == null) throw new IllegalArgumentException("\"" + field + "\" is missing");
        return value;
    }
}
