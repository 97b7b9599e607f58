package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One version of a response. Nullable fields: {@code finishReason}, {@code stats}, {@code error}, {@code origin},
 * {@code model} and {@code systemPrompt} (absent in versions migrated from version 1), {@code contextVersions} (absent
 * in versions saved before it was recorded).
 */
@JsonPropertyOrder({"thinking", "answer", "state", "finishReason", "thinkingUnfinished", "thinkingForced", "stats",
        "sampling", "maxTokens", "thinkingBudget", "systemPrompt", "contextVersions", "model", "error", "tokens", "createdAt", "origin",
        "probes"})
public record StoredVersion(
        @JsonProperty(value = "thinking", required = true) String thinking,
        @JsonProperty(value = "answer", required = true) String answer,
        @JsonProperty(value = "state", required = true) StoredResponseState state,
        @JsonProperty("finishReason") StoredFinishReason finishReason,
        @JsonProperty(value = "thinkingUnfinished", required = true) boolean thinkingUnfinished,
        @JsonProperty(value = "thinkingForced", required = true) boolean thinkingForced,
        @JsonProperty("stats") StoredStats stats,
        @JsonProperty(value = "sampling", required = true) StoredSampling sampling,
        @JsonProperty(value = "maxTokens", required = true) int maxTokens,
        @JsonProperty(value = "thinkingBudget", required = true) int thinkingBudget,
        @JsonProperty("systemPrompt") String systemPrompt,
        @JsonProperty("contextVersions") List<Integer> contextVersions,
        @JsonProperty("model") StoredModel model,
        @JsonProperty("error") String error,
        @JsonProperty(value = "tokens", required = true) StoredTokens tokens,
        @JsonProperty(value = "createdAt", required = true) long createdAt,
        @JsonProperty("origin") StoredOrigin origin,
        @JsonProperty(value = "probes", required = true) StoredProbes probes) {
}
