package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The sampling settings a version was generated with (temperature 0 = greedy). */
@JsonPropertyOrder({"temperature", "topP", "topK", "minP", "repetitionPenalty", "presencePenalty", "seed"})
public record StoredSampling(
        @JsonProperty(value = "temperature", required = true) double temperature,
        @JsonProperty(value = "topP", required = true) double topP,
        @JsonProperty(value = "topK", required = true) int topK,
        @JsonProperty(value = "minP", required = true) double minP,
        @JsonProperty(value = "repetitionPenalty", required = true) double repetitionPenalty,
        @JsonProperty(value = "presencePenalty", required = true) double presencePenalty,
        @JsonProperty(value = "seed", required = true) long seed) {
}
