package org.thinktrace.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.thinktrace.text.ChatTurn;

/**
 * One turn to generate: the conversation so far (ending with the user's message) and the knobs.
 *
 * @param conversation   the turns rendered by the model's chat template; earlier thinking is kept here and
 *                       dropped by the template as the model expects
 * @param sampling       how tokens are picked
 * @param maxTokens      the most tokens to generate (thinking and answer together)
 * @param thinkingBudget after this many thinking tokens, {@code </think>} is forced (unless it no longer fits within
 *                       max tokens: the response then ends there, with finish reason LENGTH); 0 or less = no budget
 * @param stopStrings    generation stops when the answer contains one of these (the stop string is not emitted)
 * @param alternatives   how many of the most likely tokens each {@link GenerationEvent.TokenInfo} reports, 1 to
 *                       {@link #MAX_ALTERNATIVES}
 * @param templateVariables more variables for the chat template (OpenAI-style {@code chat_template_kwargs}, e.g.
 *                       Qwen3's {@code enable_thinking=false}); values are strings, numbers, booleans or null
 */
public record GenerationRequest(List<ChatTurn> conversation, SamplingSettings sampling, int maxTokens,
                                int thinkingBudget, List<String> stopStrings, int alternatives,
                                Map<String, Object> templateVariables) {

    /** The most alternatives a request may ask for per token (OpenAI's {@code top_logprobs} limit). */
    public static final int MAX_ALTERNATIVES = 20;

    public GenerationRequest {
        conversation = List.copyOf(conversation);
        Objects.requireNonNull(sampling, "sampling");
        stopStrings = List.copyOf(stopStrings);
        if (maxTokens <= 0) throw new IllegalArgumentException("max tokens must be > 0, got " + maxTokens);
        if (alternatives < 1 || alternatives > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("alternatives must be 1 to " + MAX_ALTERNATIVES + ", got " + alternatives);
        }
        templateVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templateVariables));
    }

    /** A request without extra template variables. */
    public GenerationRequest(List<ChatTurn> conversation, SamplingSettings sampling, int maxTokens,
                             int thinkingBudget, List<String> stopStrings, int alternatives) {
        this(conversation, sampling, maxTokens, thinkingBudget, stopStrings, alternatives, Map.of());
    }

    /** A request whose tokens report {@link Sampler#TOP_ALTERNATIVES} alternatives each. */
    public GenerationRequest(List<ChatTurn> conversation, SamplingSettings sampling, int maxTokens,
                             int thinkingBudget, List<String> stopStrings) {
        this(conversation, sampling, maxTokens, thinkingBudget, stopStrings, Sampler.TOP_ALTERNATIVES, Map.of());
    }
}
