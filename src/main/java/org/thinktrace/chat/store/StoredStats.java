package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Figures of a finished generation: seconds and tokens per second. */
@JsonPropertyOrder({"promptTokens", "timeToFirstToken", "prefillTokensPerSecond", "decodeTokensPerSecond",
        "thinkingTokens", "answerTokens", "thinkingSeconds", "totalSeconds"})
public record StoredStats(
        @JsonProperty(value = "promptTokens", required = true) int promptTokens,
        @JsonProperty(value = "timeToFirstToken", required = true) double timeToFirstToken,
        @JsonProperty(value = "prefillTokensPerSecond", required = true) double prefillTokensPerSecond,
        @JsonProperty(value = "decodeTokensPerSecond", required = true) double decodeTokensPerSecond,
        @JsonProperty(value = "thinkingTokens", required = true) int thinkingTokens,
        @JsonProperty(value = "answerTokens", required = true) int answerTokens,
        @JsonProperty(value = "thinkingSeconds", required = true) double thinkingSeconds,
        @JsonProperty(value = "totalSeconds", required = true) double totalSeconds) {
}
