package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Step importance by resampling. */
@JsonPropertyOrder({"steps", "tokens", "complete"})
public record StoredImportance(
        @JsonProperty(value = "steps", required = true) List<StoredStepResampling> steps,
        @JsonProperty(value = "tokens", required = true) int tokens,
        @JsonProperty(value = "complete", required = true) boolean complete) {

    /** Resampling around one step: the continuations' answers and the shares equal to the original answer. */
    @JsonPropertyOrder({"step", "answersBefore", "answersAfter", "shareBefore", "shareAfter", "tokens"})
    public record StoredStepResampling(
            @JsonProperty(value = "step", required = true) int step,
            @JsonProperty(value = "answersBefore", required = true) List<String> answersBefore,
            @JsonProperty(value = "answersAfter", required = true) List<String> answersAfter,
            @JsonProperty(value = "shareBefore", required = true) double shareBefore,
            @JsonProperty(value = "shareAfter", required = true) double shareAfter,
            @JsonProperty(value = "tokens", required = true) int tokens) {
    }
}
