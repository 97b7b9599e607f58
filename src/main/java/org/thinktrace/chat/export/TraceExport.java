package org.thinktrace.chat.export;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.Message;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/**
 * A conversation as JSON with the full trace of every response version, for programs and for
 * {@code thinktrace replay}: per version the prompt it answered, the sampling settings with the seed, the token limit
 * and thinking budget, the model (name and weights hash, or server), and every token with its probability, entropy
 * and alternatives, written out as numbers (docs/conversation-format.md, "JSON export").
 */
public final class TraceExport {

    /** What the file's {@code "format"} says. */
    public static final String FORMAT = "thinktrace-export";
    /** The version of this export format. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceExport() {
    }

    public static String render(Conversation conversation) {
        try {
            return JSON.writeValueAsString(tree(conversation)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    static ObjectNode tree(Conversation c) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("formatVersion", VERSION)
                .put("id", c.id()).put("title", c.title()).put("createdAt", c.createdAt()).put("updatedAt", c.updatedAt());
        ArrayNode messages = root.putArray("messages");
        int response = 0;
        for (int i = 0; i < c.messages().size(); i++) {
            Message m = c.messages().get(i);
            if (m instanceof UserMessage u) {
                messages.addObject().put("role", "user").put("text", u.text());
                continue;
            }
            AssistantMessage a = (AssistantMessage) m;
            response++;
            ObjectNode out = messages.addObject().put("role", "assistant").put("response", response)
                    .put("selected", a.selected() + 1);
            ArrayNode versions = out.putArray("versions");
            for (int v = 0; v < a.versions().size(); v++) {
                AssistantVersion version = a.versions().get(v);
                String system = version.systemPrompt() == null ? "" : version.systemPrompt();
                version(versions.addObject().put("version", v + 1), version, c.turns(i, system, version.contextVersions()));
            }
        }
        return root;
    }

    private static void version(ObjectNode out, AssistantVersion v, List<ChatTurn> prompt) {
        out.put("state", v.state().name().toLowerCase(Locale.ROOT));
        out.put("finishReason", v.finishReason() == null ? null : v.finishReason().jsonName());
        if (v.error() != null) out.put("error", v.error());
        out.put("thinking", v.thinking()).put("answer", v.answer());
        ObjectNode model = out.putObject("model");
        if (v.model() == null) {
            model.putNull("name").putNull("weightsSha256").putNull("endpoint");
        } else {
            model.put("name", v.model().name()).put("weightsSha256", v.model().weightsSha256())
                    .put("endpoint", v.model().endpoint());
            if (v.model().precision() != null) model.put("precision", v.model().precision());
        }
        out.put("systemPrompt", v.systemPrompt());
        ArrayNode turns = out.putArray("prompt");
        for (ChatTurn t : prompt) turns.addObject().put("role", t.role().templateName()).put("content", t.content());
        SamplingSettings s = v.sampling();
        out.putObject("sampling").put("temperature", s.temperature()).put("topP", s.topP()).put("topK", s.topK())
                .put("minP", s.minP()).put("repetitionPenalty", s.repetitionPenalty())
                .put("presencePenalty", s.presencePenalty()).put("seed", s.seed());
        out.put("maxTokens", v.maxTokens()).put("thinkingBudget", v.thinkingBudget());
        if (v.origin() == null) {
            out.putNull("origin");
        } else {
            BranchOrigin o = v.origin();
            out.putObject("origin").put("fromVersion", o.fromVersion() + 1).put("tokenIndex", o.tokenIndex())
                    .put("replaced", o.replaced()).put("inserted", o.inserted()).put("edited", o.edited());
        }
        if (v.stats() == null) {
            out.putNull("stats");
        } else {
            out.set("stats", JSON.valueToTree(v.stats()));
        }
        TokenTrace trace = v.tokens();
        out.put("thinkingTokens", trace.thinkingTokens());
        ArrayNode tokens = out.putArray("tokens");
        for (int i = 0; i < trace.size(); i++) {
            TokenInfo t = trace.tokenInfo(i);
            ObjectNode token = tokens.addObject().put("id", t.id()).put("text", t.text())
                    .put("phase", t.phase() == Phase.THINKING ? "thinking" : "answer")
                    .put("probability", t.probability());
            if (Float.isNaN(t.entropy())) token.putNull("entropy"); else token.put("entropy", t.entropy());
            ArrayNode alternatives = token.putArray("alternatives");
            for (TokenAlternative alt : t.top()) {
                alternatives.addObject().put("id", alt.id()).put("text", alt.text()).put("probability", alt.probability());
            }
        }
    }

    /**
     * The response versions of an export file, in order.
     *
     * @throws IOException naming the file and the field when it is not a ThinkTrace export
     */
    public static List<ExportedVersion> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a ThinkTrace JSON export (no \"format\": \"" + FORMAT + "\")");
        }
        if (root.path("formatVersion").asInt() > VERSION) {
            throw new IOException(file + " is a newer export (format version " + root.path("formatVersion").asInt()
                    + "; this ThinkTrace reads " + VERSION + ")");
        }
        List<ExportedVersion> versions = new ArrayList<>();
        for (JsonNode message : root.path("messages")) {
            if (!"assistant".equals(message.path("role").asText())) continue;
            int response = message.path("response").asInt();
            for (JsonNode v : message.path("versions")) {
                String where = file + ", response " + response + ", version " + v.path("version").asInt();
                try {
                    versions.add(version(response, v));
                } catch (RuntimeException e) {
                    throw new IOException(where + ": " + e.getMessage(), e);
                }
            }
        }
        return versions;
    }

    private static ExportedVersion version(int response, JsonNode v) {
        List<ChatTurn> prompt = new ArrayList<>();
        for (JsonNode turn : required(v, "prompt")) {
            prompt.add(new ChatTurn(role(turn.path("role").asText()), required(turn, "content").asText()));
        }
        JsonNode s = required(v, "sampling");
        SamplingSettings sampling = new SamplingSettings(required(s, "temperature").asDouble(),
                required(s, "topP").asDouble(), required(s, "topK").asInt(), required(s, "minP").asDouble(),
                required(s, "repetitionPenalty").asDouble(), required(s, "presencePenalty").asDouble(),
                required(s, "seed").asLong());
        JsonNode m = v.path("model");
        ModelIdentity model = m.path("name").isTextual() ? new ModelIdentity(m.get("name").asText(),
                m.path("weightsSha256").isTextual() ? m.get("weightsSha256").asText() : null,
                m.path("endpoint").isTextual() ? m.get("endpoint").asText() : null,
                m.path("precision").isTextual() ? m.get("precision").asText() : null) : null;
        JsonNode o = v.path("origin");
        BranchOrigin origin = o.isObject() ? new BranchOrigin(required(o, "fromVersion").asInt() - 1,
                required(o, "tokenIndex").asInt(), required(o, "replaced").asText(), required(o, "inserted").asText(),
                required(o, "edited").asBoolean()) : null;
        List<TokenInfo> tokens = new ArrayList<>();
        for (JsonNode t : required(v, "tokens")) {
            List<TokenAlternative> top = new ArrayList<>();
            for (JsonNode alt : t.path("alternatives")) {
                top.add(new TokenAlternative(alt.path("id").asInt(), alt.path("text").asText(),
                        (float) alt.path("probability").asDouble()));
            }
            tokens.add(new TokenInfo(required(t, "id").asInt(), required(t, "text").asText(),
                    "thinking".equals(t.path("phase").asText()) ? Phase.THINKING : Phase.ANSWER,
                    (float) required(t, "probability").asDouble(),
                    t.path("entropy").isNumber() ? (float) t.get("entropy").asDouble() : Float.NaN, top));
        }
        return new ExportedVersion(response, v.path("version").asInt(), state(required(v, "state").asText()), prompt,
                sampling, required(v, "maxTokens").asInt(), required(v, "thinkingBudget").asInt(), model, origin,
                tokens, v.path("stats").path("promptTokens").asInt(-1));
    }

    private static ResponseState state(String code) {
        for (ResponseState s : ResponseState.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(code)) return s;
        }
        throw new IllegalArgumentException("\"state\" is '" + code + "'; expected in_progress, complete, stopped or failed");
    }

    private static Role role(String name) {
        for (Role r : Role.values()) {
            if (r.templateName().equals(name)) return r;
        }
        throw new IllegalArgumentException("a prompt turn has role '" + name + "'; expected system, user or assistant");
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw new IllegalArgumentException("\"" + field + "\" is missing");
        return value;
    }
}
