package org.thinktrace.inspect;

import java.util.Objects;
import org.thinktrace.chat.AssistantVersion;

/**
 * A response to inspect: its thinking and answer text and, when recorded, its tokens.
 *
 * @param question the problem or prompt it answers ("" when unknown); used to recognise restated problems
 * @param thinking the thinking text, without the {@code <think>} tags
 * @param answer   the answer text
 * @param tokens   the generated tokens, or null when the response has no token data
 */
public record InspectedResponse(String question, String thinking, String answer, TraceTokens tokens) {

    public InspectedResponse {
        question = question == null ? "" : question;
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(answer, "answer");
    }

    /** A stored response version; a version without tokens gives null tokens. */
    public static InspectedResponse of(String question, AssistantVersion version) {
        TraceTokens tokens = version.tokens().size() == 0 ? null : TraceTokens.from(version.tokens());
        return new InspectedResponse(question, version.thinking(), version.answer(), tokens);
    }

    public boolean hasTokens() {
        return tokens != null;
    }
}
