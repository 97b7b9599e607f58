package org.thinktrace.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The committed real R1 traces and the first bundled model's {@code ask --json} outputs, read from test resources. */
final class TestTraces {

    static final List<String> R1_FILES = List.of("01-r1-decimal-compare.json", "02-r1-gsm8k-letters.json",
            "03-qwen1.5b-slope.json", "04-qwen1.5b-remainders.json", "05-llama8b-sin-intercepts.json",
            "06-qwen14b-page-digits.json", "07-qwen14b-page-digits-wrong.json", "08-llama8b-page-digits.json",
            "09-qwen14b-squares-distance.json");

    static final List<String> BUNDLED_FILES = List.of("decimal-compare-greedy.jsonl", "addition-greedy.jsonl",
            "strawberry-greedy.jsonl", "prime-91-greedy.jsonl", "multiplication-greedy.jsonl",
            "decimal-compare-t1-seed1.jsonl", "decimal-compare-t1-seed4.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTraces() {
    }

    /** A real R1 trace file as JSON (fields {@code question}, {@code thinking}, {@code answer}, …). */
    static JsonNode r1Json(String file) {
        try (InputStream in = open("r1-traces/" + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real R1 trace as a response without token data. */
    static InspectedResponse r1(String file) {
        JsonNode n = r1Json(file);
        return new InspectedResponse(n.get("question").asText(), n.get("thinking").asText(), n.get("answer").asText(),
                null);
    }

    /** The lines of a bundled {@code ask --json} output. */
    static List<String> bundledLines(String file) {
        try (InputStream in = open("bundled-traces/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bundled output read with {@link AskJsonTranscript}. */
    static InspectedResponse bundled(String file) {
        return AskJsonTranscript.parse(bundledLines(file), file);
    }

    /** The {@code token} lines of a bundled output, parsed independently of {@link AskJsonTranscript}. */
    static List<JsonNode> bundledTokenLines(String file) {
        List<JsonNode> tokens = new ArrayList<>();
        for (String line : bundledLines(file)) {
            try {
                JsonNode node = JSON.readTree(line);
                if ("token".equals(node.path("type").asText())) tokens.add(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokens;
    }

    private static InputStream open(String resource) {
        InputStream in = TestTraces.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing test resource " + resource);
        return in;
    }
}
