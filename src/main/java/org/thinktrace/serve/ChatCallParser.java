package org.thinktrace.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.Sampler;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/**
 * Reads the JSON body of {@code POST /v1/chat/completions} into a {@link ChatCall}, checking every field it
 * uses; a wrong value or type is an {@link ApiException} (400) naming the field. Fields it does not know are
 * ignored, as vLLM does.
 *
 * <p>Defaults: temperature 0.6 and top-p 0.95 (DeepSeek's R1 recommendation), a fresh random seed, and
 * {@link ServeLimits#maxTokens()} tokens. {@code reasoning_effort} maps to a thinking budget
 * ({@link #EFFORT_BUDGETS}); an explicit {@code thinking_budget} wins over it.
 */
final class ChatCallParser {

    /** Thinking tokens before {@code </think>} is forced, per {@code reasoning_effort}. */
    static final Map<String, Integer> EFFORT_BUDGETS = Map.of("low", 512, "medium", 2048, "high", 8192);

    /** The most alternatives per token a request may ask for, as in OpenAI's API. */
    static final int MAX_TOP_LOGPROBS = GenerationRequest.MAX_ALTERNATIVES;

    /** The most stop strings, as in OpenAI's API. */
    static final int MAX_STOP_STRINGS = 4;

    /** The most {@code chat_template_kwargs} entries, and the longest string value. */
    static final int MAX_TEMPLATE_VARIABLES = 32;
    static final int MAX_TEMPLATE_STRING = 4_096;

    /** Template variables the server sets itself. */
    static final Set<String> RESERVED_TEMPLATE_VARIABLES = Set.of("messages", "add_generation_prompt", "bos_token",
            "eos_token");

    private final ObjectMapper json;
    private final ServeLimits limits;

    ChatCallParser(ObjectMapper json, ServeLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    ChatCall parse(byte[] body) throws ApiException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_request_error", "invalid_json", null,
                    "the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new ApiException(400, "invalid_request_error", "invalid_json", null, "the body could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "invalid_request_error", "invalid_json", null, "the body must be a JSON object");
        }
        String model = requiredString(root, "model");
        List<ChatTurn> turns = messages(root.get("messages"));
        if (root.has("n") && !root.get("n").isNull() && intField(root, "n", 1, 1, 1) != 1) {
            throw ApiException.invalid("n", "only n = 1 is supported");
        }
        if (number(root, "frequency_penalty", 0, -2, 2) != 0) {
            throw ApiException.invalid("frequency_penalty", "frequency_penalty is not supported; use presence_penalty");
        }
        SamplingSettings sampling = sampling(root);
        int maxTokens = root.hasNonNull("max_completion_tokens")
                ? intField(root, "max_completion_tokens", limits.maxTokens(), 1, limits.maxTokens())
                : intField(root, "max_tokens", limits.maxTokens(), 1, limits.maxTokens());
        int budget = thinkingBudget(root);
        List<String> stops = stops(root.get("stop"));
        boolean stream = bool(root, "stream", false);
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull() && !options.isObject()) {
            throw ApiException.invalid("stream_options", "stream_options must be an object");
        }
        boolean includeUsage = options != null && options.isObject() && bool(options, "include_usage", false);
        boolean logprobs = bool(root, "logprobs", false);
        int top = intField(root, "top_logprobs", 0, 0, MAX_TOP_LOGPROBS);
        if (top > 0 && !logprobs) throw ApiException.invalid("top_logprobs", "top_logprobs needs logprobs: true");
        Map<String, Object> templateVariables = templateVariables(root.get("chat_template_kwargs"));
        GenerationRequest request = new GenerationRequest(turns, sampling, maxTokens, budget, stops,
                Math.max(Sampler.TOP_ALTERNATIVES, top), templateVariables);
        return new ChatCall(model, request, stream, includeUsage, logprobs, top);
    }

    private List<ChatTurn> messages(JsonNode messages) throws ApiException {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages", "messages must be a non-empty array");
        }
        if (messages.size() > limits.maxMessages()) {
            throw ApiException.invalid("messages", "at most " + limits.maxMessages() + " messages, got " + messages.size());
        }
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) throw ApiException.invalid(where, where + " must be an object");
            Role role = role(m.get("role"), where + ".role");
            turns.add(new ChatTurn(role, content(m.get("content"), where + ".content", role)));
        }
        if (turns.get(turns.size() - 1).role() == Role.ASSISTANT) {
            throw ApiException.invalid("messages", "the last message must not be the assistant's (continuing a turn is not supported)");
        }
        return turns;
    }

    private static Role role(JsonNode node, String where) throws ApiException {
        if (node == null || !node.isTextual()) throw ApiException.invalid(where, where + " must be a string");
        return switch (node.asText()) {
            case "system", "developer" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw ApiException.invalid(where, where + " must be system, developer, user or assistant, got '"
                    + node.asText() + "'");
        };
    }

    /**
     * A string, or an array of {@code {"type": "text", "text": …}} parts joined by line breaks (as vLLM joins them);
     * null only for the assistant.
     */
    private static String content(JsonNode node, String where, Role role) throws ApiException {
        if (node == null || node.isNull()) {
            if (role == Role.ASSISTANT) return "";
            throw ApiException.invalid(where, where + " is missing");
        }
        if (node.isTextual()) return node.asText();
        if (!node.isArray()) throw ApiException.invalid(where, where + " must be a string or an array of text parts");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : node) {
            if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ApiException.invalid(where, where + ": only {\"type\": \"text\", \"text\": …} parts are supported");
            }
            if (!text.isEmpty()) text.append('\n');
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static SamplingSettings sampling(JsonNode root) throws ApiException {
        SamplingSettings d = SamplingSettings.r1Defaults();
        double temperature = number(root, "temperature", d.temperature(), 0, 2);
        double topP = number(root, "top_p", d.topP(), Double.MIN_VALUE, 1);
        int topK = intField(root, "top_k", 0, -1, Integer.MAX_VALUE);
        double minP = number(root, "min_p", 0, 0, 0.999);
        double repetition = number(root, "repetition_penalty", 1, Double.MIN_VALUE, 10);
        double presence = number(root, "presence_penalty", 0, -2, 2);
        long seed = root.hasNonNull("seed") ? longField(root, "seed") : ThreadLocalRandom.current().nextLong();
        return new SamplingSettings(temperature, topP, Math.max(0, topK), minP, repetition, presence, seed);
    }

    private static int thinkingBudget(JsonNode root) throws ApiException {
        if (root.hasNonNull("thinking_budget")) return intField(root, "thinking_budget", 0, 0, Integer.MAX_VALUE);
        JsonNode effort = root.get("reasoning_effort");
        if (effort == null || effort.isNull()) return 0;
        Integer budget = effort.isTextual() ? EFFORT_BUDGETS.get(effort.asText()) : null;
        if (budget == null) throw ApiException.invalid("reasoning_effort", "reasoning_effort must be low, medium or high");
        return budget;
    }

    private static List<String> stops(JsonNode node) throws ApiException {
        if (node == null || node.isNull()) return List.of();
        if (node.isTextual()) return node.asText().isEmpty() ? List.of() : List.of(node.asText());
        if (!node.isArray() || node.size() > MAX_STOP_STRINGS) {
            throw ApiException.invalid("stop", "stop must be a string or an array of at most " + MAX_STOP_STRINGS + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : node) {
            if (!s.isTextual()) throw ApiException.invalid("stop", "stop must hold strings only");
            if (!s.asText().isEmpty()) out.add(s.asText());
        }
        return out;
    }

    /**
     * {@code chat_template_kwargs}: more variables for the chat template (Qwen3's {@code enable_thinking}, or any
     * name the template reads; a name it does not read changes nothing). Values are JSON scalars; the names the
     * renderer sets itself are refused, as Hugging Face's {@code apply_chat_template} refuses them twice.
     */
    static Map<String, Object> templateVariables(JsonNode kwargs) throws ApiException {
        if (kwargs == null || kwargs.isNull()) return Map.of();
        if (!kwargs.isObject()) throw ApiException.invalid("chat_template_kwargs", "chat_template_kwargs must be an object");
        if (kwargs.size() > MAX_TEMPLATE_VARIABLES) {
            throw ApiException.invalid("chat_template_kwargs", "at most " + MAX_TEMPLATE_VARIABLES
                    + " chat_template_kwargs, got " + kwargs.size());
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : kwargs.properties()) {
            String name = entry.getKey();
            String field = "chat_template_kwargs." + name;
            if (RESERVED_TEMPLATE_VARIABLES.contains(name)) {
                throw ApiException.invalid(field, name + " is set by the server and cannot be a chat_template_kwargs entry");
            }
            JsonNode value = entry.getValue();
            if ("enable_thinking".equals(name) && !value.isBoolean() && !value.isNull()) {
                throw ApiException.invalid(field, "enable_thinking must be true or false");
            }
            if (value.isTextual()) {
                if (value.asText().length() > MAX_TEMPLATE_STRING) {
                    throw ApiException.invalid(field, name + " is " + value.asText().length()
                            + " characters long, more than " + MAX_TEMPLATE_STRING);
                }
                variables.put(name, value.asText());
            } else if (value.isBoolean()) {
                variables.put(name, value.asBoolean());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                variables.put(name, value.asLong());
            } else if (value.isNumber()) {
                variables.put(name, value.asDouble());
            } else if (value.isNull()) {
                variables.put(name, null);
            } else {
                throw ApiException.invalid(field, name + " must be a string, number, boolean or null, got "
                        + (value.isArray() ? "an array" : value.isObject() ? "an object" : value.getNodeType()));
            }
        }
        return variables;
    }

    private static String requiredString(JsonNode root, String field) throws ApiException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) throw ApiException.invalid(field, field + " is required");
        if (!node.isTextual()) throw ApiException.invalid(field, field + " must be a string");
        return node.asText();
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) throws ApiException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return fallback;
        if (!node.isBoolean()) throw ApiException.invalid(field, field + " must be true or false");
        return node.asBoolean();
    }

    private static double number(JsonNode root, String field, double fallback, double min, double max)
            throws ApiException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return fallback;
        if (!node.isNumber()) throw ApiException.invalid(field, field + " must be a number");
        double v = node.asDouble();
        if (!(v >= min && v <= max)) {
            throw ApiException.invalid(field, field + " must be in [" + format(min) + ", " + format(max) + "], got " + v);
        }
        return v;
    }

    private static int intField(JsonNode root, String field, int fallback, int min, int max) throws ApiException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return fallback;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw ApiException.invalid(field, field + " must be a whole number");
        int v = node.asInt();
        if (v < min || v > max) throw ApiException.invalid(field, field + " must be in [" + min + ", " + max + "], got " + v);
        return v;
    }

    private static long longField(JsonNode root, String field) throws ApiException {
        JsonNode node = root.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) throw ApiException.invalid(field, field + " must be a whole number");
        return node.asLong();
    }

    private static String format(double v) {
        return v == Double.MIN_VALUE ? "0 (exclusive)" : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
