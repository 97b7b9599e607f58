package org.thinktrace.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/**
 * The JSON of a streaming {@code POST /chat/completions} for a {@link GenerationRequest}. Earlier assistant
 * turns go without their thinking (servers expect the answer only; DeepSeek's API refuses reasoning in the
 * input). Sampling knobs beyond OpenAI's ({@code top_k}, {@code min_p}, {@code repetition_penalty},
 * {@code thinking_budget}) are sent only when set, since strict servers refuse unknown fields.
 */
final class ChatRequestBody {

    /** Alternatives per token asked for, so that the inspector's forks work on remote traces. */
    static final int TOP_LOGPROBS = 5;

    private static final Pattern LEADING_THINKING = Pattern.compile("^\\s*(?:<think>)?.*?</think>\\s*", Pattern.DOTALL);

    private ChatRequestBody() {
    }

    static String of(ObjectMapper json, String model, GenerationRequest request, boolean logprobs) {
        ObjectNode root = json.createObjectNode().put("model", model);
        ArrayNode messages = root.putArray("messages");
        for (ChatTurn turn : request.conversation()) {
            String content = turn.role() == Role.ASSISTANT ? withoutThinking(turn.content()) : turn.content();
            messages.addObject().put("role", turn.role().templateName()).put("content", content);
        }
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        root.put("max_tokens", request.maxTokens());
        SamplingSettings s = request.sampling();
        root.put("temperature", s.temperature());
        root.put("top_p", s.topP());
        root.put("seed", s.seed());
        if (s.presencePenalty() != 0) root.put("presence_penalty", s.presencePenalty());
        if (s.topK() > 0) root.put("top_k", s.topK());
        if (s.minP() > 0) root.put("min_p", s.minP());
        if (s.repetitionPenalty() != 1) root.put("repetition_penalty", s.repetitionPenalty());
        if (request.thinkingBudget() > 0) root.put("thinking_budget", request.thinkingBudget());
        if (!request.stopStrings().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            request.stopStrings().forEach(stop::add);
        }
        if (logprobs) root.put("logprobs", true).put("top_logprobs", TOP_LOGPROBS);
        if (!request.templateVariables().isEmpty()) {
            root.set("chat_template_kwargs", json.valueToTree(request.templateVariables()));
        }
        try {
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request could not be written as JSON", e);
        }
    }

    /** An assistant turn's answer: a leading {@code <think>…</think>} (opening tag optional) removed. */
    static String withoutThinking(String content) {
        return content.contains("</think>") ? LEADING_THINKING.matcher(content).replaceFirst("") : content;
    }
}
