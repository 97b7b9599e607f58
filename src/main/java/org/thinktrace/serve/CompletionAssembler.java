package org.thinktrace.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

/**
 * Turns the events of one generation into OpenAI chat-completion JSON: streaming chunks as the events come
 * ({@link #accept}), and the whole {@code chat.completion} object at the end ({@link #completion}).
 *
 * <p>One chunk per generated token: the text the token completed (thinking in the reasoning field, answer in
 * {@code content}) with, when asked, its log-probability in {@code logprobs.content} (thinking tokens too, in
 * order, as vLLM reports them). Each log-probability entry also carries the token's id as {@code token_id} and
 * the entropy of its distribution as {@code entropy}, ThinkTrace extensions other clients ignore. Text the generation releases after its last token (held back
 * for a possible stop string) goes in one more chunk; then a chunk with {@code finish_reason}, and, when asked,
 * a last one with {@code usage} and no choices. Not thread-safe: one per request.
 */
final class CompletionAssembler {

    /** What OpenAI reports for a token of probability 0. */
    static final double LOGPROB_FLOOR = -9999.0;

    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;
    private final ChatCall call;
    private final String reasoningField;

    private final StringBuilder pendingThinking = new StringBuilder();
    private final StringBuilder pendingAnswer = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final List<ObjectNode> logprobs = new ArrayList<>();
    private int promptTokens;
    private GenerationEvent last;

    CompletionAssembler(ObjectMapper json, String id, long created, String model, ChatCall call,
                        ReasoningField reasoningField) {
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
        this.call = call;
        this.reasoningField = reasoningField.jsonName();
    }

    /** Takes the next event; returns the streaming chunks it completes (possibly none). */
    List<ObjectNode> accept(GenerationEvent event) {
        switch (event) {
            case GenerationEvent.PromptProcessed p -> {
                promptTokens = p.tokenCount();
                ObjectNode delta = json.createObjectNode().put("role", "assistant").put("content", "");
                return List.of(chunk(delta, null, null));
            }
            case GenerationEvent.ThinkingDelta d -> pendingThinking.append(d.text());
            case GenerationEvent.AnswerDelta d -> pendingAnswer.append(d.text());
            case GenerationEvent.TokenInfo t -> {
                ObjectNode entry = call.logprobs() ? logprob(t) : null;
                if (entry != null) logprobs.add(entry);
                return textChunk(entry, t.phase());
            }
            case GenerationEvent.Finished f -> {
                last = f;
                List<ObjectNode> out = new ArrayList<>(textChunk(null, null));
                out.add(chunk(json.createObjectNode(), null, finishReason(f.reason())));
                if (call.includeUsage()) out.add(usageChunk(f.stats()));
                return out;
            }
            case GenerationEvent.Failed f -> last = f;
            case GenerationEvent.ContextTrimmed t -> { }
        }
        return List.of();
    }

    /** The last event seen ({@code Finished} or {@code Failed}), or null while running. */
    GenerationEvent last() {
        return last;
    }

    /** The non-streaming answer, once {@link #accept} saw {@code Finished}. */
    ObjectNode completion() {
        GenerationEvent.Finished f = (GenerationEvent.Finished) last;
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", answer.toString());
        if (!thinking.isEmpty()) message.put(reasoningField, thinking.toString());
        if (call.logprobs()) choice.putObject("logprobs").putArray("content").addAll(logprobs);
        else choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(f.reason()));
        root.set("usage", usage(f.stats()));
        return root;
    }

    /**
     * A chunk with the pending text and the log-probability; none when there is neither. A token that completed
     * no text (bytes of a character still pending, whitespace held back) gets its phase's field with "", so that
     * a client can tell thinking tokens from answer tokens.
     */
    private List<ObjectNode> textChunk(ObjectNode logprob, Phase phase) {
        if (pendingThinking.isEmpty() && pendingAnswer.isEmpty() && logprob == null) return List.of();
        ObjectNode delta = json.createObjectNode();
        if (!pendingThinking.isEmpty()) delta.put(reasoningField, pendingThinking.toString());
        if (!pendingAnswer.isEmpty()) delta.put("content", pendingAnswer.toString());
        if (delta.isEmpty() && phase != null) delta.put(phase == Phase.THINKING ? reasoningField : "content", "");
        thinking.append(pendingThinking);
        answer.append(pendingAnswer);
        pendingThinking.setLength(0);
        pendingAnswer.setLength(0);
        return List.of(chunk(delta, logprob, null));
    }

    private ObjectNode chunk(ObjectNode delta, ObjectNode logprob, String finishReason) {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (logprob != null) choice.putObject("logprobs").putArray("content").add(logprob);
        else choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return root;
    }

    private ObjectNode usageChunk(GenerationStats stats) {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage(stats));
        return root;
    }

    private ObjectNode header(String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode usage(GenerationStats stats) {
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", stats.generatedTokens())
                .put("total_tokens", promptTokens + stats.generatedTokens());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", stats.thinkingTokens());
        return usage;
    }

    private ObjectNode logprob(GenerationEvent.TokenInfo t) {
        ObjectNode entry = entry(t.text(), t.probability(), t.id());
        if (Float.isFinite(t.entropy())) entry.put("entropy", t.entropy());
        ArrayNode top = entry.putArray("top_logprobs");
        for (TokenAlternative a : t.top().subList(0, Math.min(call.topLogprobs(), t.top().size()))) {
            top.add(entry(a.text(), a.probability(), a.id()));
        }
        return entry;
    }

    private ObjectNode entry(String token, float probability, int tokenId) {
        ObjectNode entry = json.createObjectNode().put("token", token).put("logprob", logprobOf(probability));
        ArrayNode bytes = entry.putArray("bytes");
        for (byte b : TokenBytes.of(token)) bytes.add(b & 0xFF);
        return entry.put("token_id", tokenId);
    }

    static double logprobOf(float probability) {
        return probability > 0 ? Math.max(LOGPROB_FLOOR, Math.log(probability)) : LOGPROB_FLOOR;
    }

    static String finishReason(FinishReason reason) {
        return reason == FinishReason.LENGTH ? "length" : "stop";
    }
}
