package org.thinktrace.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.generate.TokenAlternative;

/**
 * Reads the output of {@code thinktrace ask --json} (JSON lines: {@code prompt}, one {@code token} per generated
 * token, {@code done}) as a response to inspect. The question is the prompt line's rendered text; a token's
 * {@code entropy} is read when present (NaN otherwise). Lines of other types are ignored.
 */
public final class AskJsonTranscript {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AskJsonTranscript() {
    }

    /** Reads {@code file}; a malformed file fails with a message naming it and the line. */
    public static InspectedResponse read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of an {@code ask --json} output; {@code source} names it in error messages. */
    public static InspectedResponse parse(List<String> lines, String source) {
        String question = "";
        List<InspectedToken> tokens = new ArrayList<>();
        int thinkingTokens = 0;
        JsonNode done = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            JsonNode node = line(lines.get(i), source, i + 1);
            switch (node.path("type").asText()) {
                case "prompt" -> question = node.path("text").asText("");
                case "token" -> {
                    InspectedToken token = token(node, source, i + 1);
                    if ("thinking".equals(node.path("phase").asText())) {
                        if (thinkingTokens != tokens.size()) {
                            throw new IllegalArgumentException(source + ", line " + (i + 1)
                                    + ": a thinking token after answer tokens");
                        }
                        thinkingTokens++;
                    }
                    tokens.add(token);
                }
                case "done" -> done = node;
                default -> { }
            }
        }
        if (done == null) throw new IllegalArgumentException(source + ": no \"done\" line (was the run cut short?)");
        return new InspectedResponse(question, done.path("thinking").asText(""), done.path("answer").asText(""),
                new TraceTokens(tokens, thinkingTokens));
    }

    private static JsonNode line(String text, String source, int number) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) throw new IllegalArgumentException(source + ", line " + number
                    + ": expected a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ", line " + number + ": not JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static InspectedToken token(JsonNode node, String source, int number) {
        if (!node.has("id") || !node.has("text") || !node.has("p")) {
            throw new IllegalArgumentException(source + ", line " + number
                    + ": a token needs \"id\", \"text\" and \"p\"");
        }
        List<TokenAlternative> top = new ArrayList<>();
        for (JsonNode a : node.path("top")) {
            top.add(new TokenAlternative(a.path("id").asInt(), a.path("text").asText(""),
                    (float) a.path("p").asDouble(Double.NaN)));
        }
        float entropy = node.hasNonNull("entropy") ? (float) node.get("entropy").asDouble() : Float.NaN;
        return new InspectedToken(node.get("id").asInt(), node.get("text").asText(),
                (float) node.get("p").asDouble(), entropy, top);
    }
}
