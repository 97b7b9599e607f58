package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The generated tokens, compactly: ids and texts as lists; probabilities, entropies and the alternatives'
 * probabilities as little-endian IEEE half floats, Base64 (RFC 4648, no line breaks); the alternatives of token
 * {@code i} at {@code alternativeIds[i × alternativesPerToken …]} (−1 pads), each alternative id's text once in
 * {@code alternativeTexts} (keys are ids written as decimal strings).
 */
@JsonPropertyOrder({"ids", "texts", "probabilities", "entropies", "thinkingTokens", "alternativesPerToken",
        "alternativeIds", "alternativeProbabilities", "alternativeTexts"})
public record StoredTokens(
        @JsonProperty(value = "ids", required = true) int[] ids,
        @JsonProperty(value = "texts", required = true) List<String> texts,
        @JsonProperty(value = "probabilities", required = true) byte[] probabilities,
        @JsonProperty("entropies") byte[] entropies,
        @JsonProperty(value = "thinkingTokens", required = true) int thinkingTokens,
        @JsonProperty(value = "alternativesPerToken", required = true) int alternativesPerToken,
        @JsonProperty(value = "alternativeIds", required = true) int[] alternativeIds,
        @JsonProperty(value = "alternativeProbabilities", required = true) byte[] alternativeProbabilities,
        @JsonProperty("alternativeTexts") Map<Integer, String> alternativeTexts) {
}
