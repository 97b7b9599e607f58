package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer-convergence probes' result; {@code settledStep} is −1 and {@code afterSettledShare} null when the
 * answer never settled.
 */
@JsonPropertyOrder({"steps", "finalAnswer", "settledStep", "afterSettledShare", "complete"})
public record StoredConvergence(
        @JsonProperty(value = "steps", required = true) List<StoredInterimAnswer> steps,
        @JsonProperty(value = "finalAnswer", required = true) String finalAnswer,
        @JsonProperty(value = "settledStep", required = true) int settledStep,
        @JsonProperty("afterSettledShare") Double afterSettledShare,
        @JsonProperty(value = "complete", required = true) boolean complete) {

    /** The interim answer after one step. */
    @JsonPropertyOrder({"step", "tokenIndex", "text", "answer", "probability"})
    public record StoredInterimAnswer(
            @JsonProperty(value = "step", required = true) int step,
            @JsonProperty(value = "tokenIndex", required = true) int tokenIndex,
            @JsonProperty(value = "text", required = true) String text,
            @JsonProperty(value = "answer", required = true) String answer,
            @JsonProperty(value = "probability", required = true) double probability) {
    }
}
