package org.thinktrace.generate;

import java.util.List;
import java.util.Objects;

/**
 * A raw completion: {@code text} is encoded as is (no chat template) and continued, as base models such as
 * stories260K expect. The whole continuation is answer text; nothing is parsed as thinking.
 *
 * @param text        the text to continue
 * @param sampling    how tokens are picked
 * @param maxTokens   the most tokens to generate
 * @param stopStrings generation stops when the continuation contains one of these (not emitted)
 */
public record CompletionRequest(String text, SamplingSettings sampling, int maxTokens, List<String> stopStrings) {
    public CompletionRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sampling, "sampling");
        stopStrings = List.copyOf(stopStrings);
        if (maxTokens <= 0) throw new IllegalArgumentException("max tokens must be > 0, got " + maxTokens);
    }
}
