package org.thinktrace.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.generate.TokenAlternative;

/**
 * What one streamed {@code chat.completion.chunk} says, read leniently (servers differ in what they send).
 *
 * @param reasoning    {@code delta.reasoning_content}, else {@code delta.reasoning}; null when neither is there
 * @param content      {@code delta.content}; null when absent
 * @param tokens       the entries of {@code logprobs.content}, empty when the server sent none
 * @param finishReason {@code finish_reason}, null until the last chunk
 * @param usage        the {@code usage} object, null when absent
 * @param error        the message of an {@code {"error": …}} event, null otherwise
 */
record RemoteChunk(String reasoning, String content, List<Token> tokens, String finishReason, Usage usage,
                   String error) {

    /**
     * One token of {@code logprobs.content}.
     *
     * @param id      the {@code token_id} ThinkTrace's own server adds; -1 from other servers
     * @param entropy the {@code entropy} (nats) ThinkTrace's own server adds; NaN from other servers
     */
    record Token(int id, String text, float probability, float entropy, List<TokenAlternative> top) {
    }

    /** Token counts; -1 where the server did not say. */
    record Usage(int promptTokens, int completionTokens, int reasoningTokens) {
    }

    static RemoteChunk of(JsonNode root) {
        if (root.hasNonNull("error")) {
            JsonNode error = root.get("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
            return new RemoteChunk(null, null, List.of(), null, null, message);
        }
        Usage usage = root.hasNonNull("usage") ? usage(root.get("usage")) : null;
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) return new RemoteChunk(null, null, List.of(), null, usage, null);
        JsonNode delta = choice.has("delta") ? choice.path("delta") : choice.path("message");
        String reasoning = text(delta, "reasoning_content");
        if (reasoning == null) reasoning = text(delta, "reasoning");
        String finish = choice.hasNonNull("finish_reason") ? choice.get("finish_reason").asText() : null;
        return new RemoteChunk(reasoning, text(delta, "content"), tokens(choice.path("logprobs").path("content")),
                finish, usage, null);
    }

    boolean hasText() {
        return reasoning != null && !reasoning.isEmpty() || content != null && !content.isEmpty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static List<Token> tokens(JsonNode entries) {
        if (!entries.isArray()) return List.of();
        List<Token> out = new ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            List<TokenAlternative> top = new ArrayList<>();
            for (JsonNode a : e.path("top_logprobs")) {
                top.add(new TokenAlternative(a.path("token_id").asInt(-1), a.path("token").asText(""),
                        probability(a.path("logprob"))));
            }
            JsonNode entropy = e.path("entropy");
            out.add(new Token(e.path("token_id").asInt(-1), e.path("token").asText(""), probability(e.path("logprob")),
                    entropy.isNumber() ? entropy.floatValue() : Float.NaN, top));
        }
        return out;
    }

    private static float probability(JsonNode logprob) {
        return logprob.isNumber() ? (float) Math.exp(logprob.asDouble()) : Float.NaN;
    }

    private static Usage usage(JsonNode u) {
        return new Usage(u.path("prompt_tokens").asInt(-1), u.path("completion_tokens").asInt(-1),
                u.path("completion_tokens_details").path("reasoning_tokens").asInt(-1));
    }
}
