package org.thinktrace.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.testing.Fixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real trained stories260K model (Llama architecture, converted from llama2.c) against the
 * token ids the original C implementation produces greedily ({@code reference_greedy.json}).
 */
class Stories260kTest {

    private static final Path MODEL = Fixture.inRepository("models/stories260K");
    private static final int BOS = 1;

    private static Decoder decoder;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        reference = new ObjectMapper().readTree(MODEL.resolve("reference_greedy.json").toFile());
        decoder = Decoder.load(MODEL, RuntimeSettings.defaults().withThreads(2), 512, LoadProgress.NONE);
    }

    @AfterAll
    static void close() {
        if (decoder != null) {
            decoder.close();
        }
    }

    @Test
    void greedyFromBosReproducesAll200ReferenceTokens() {
        List<Integer> expected = ids(reference.get("greedy_ids"));
        decoder.reset();
        List<Integer> generated = new ArrayList<>(List.of(BOS));
        float[] logits = decoder.forward(new int[] {BOS});
        // llama2.c: 200 forward steps from BOS, each yields the next token; stop early on BOS
        for (int step = 0; step < 200; step++) {
            int next = argmax(logits);
            generated.add(next);
            if (next == BOS || step == 199) {
                break;
            }
            logits = decoder.forward(new int[] {next});
        }
        assertEquals(expected.size(), generated.size());
        assertEquals(expected, generated);
    }

    @Test
    void firstLogitsMatchTheReferenceTopFive() {
        decoder.reset();
        float[] logits = decoder.forward(new int[] {BOS});
        for (JsonNode pair : reference.get("logits_pos0_top5")) {
            int id = pair.get(0).asInt();
            double value = pair.get(1).asDouble();
            assertEquals(value, logits[id], 1e-3 * Math.abs(value), "logit of token " + id);
        }
    }

    @Test
    void prefilledPromptContinuesLikeTheReference() {
        JsonNode onceUponATime = reference.get("prompt_once_upon_a_time");
        List<Integer> prompt = ids(onceUponATime.get("prompt_ids"));
        List<Integer> expected = ids(onceUponATime.get("ids"));
        int steps = onceUponATime.get("steps").asInt();
        decoder.reset();
        List<Integer> sequence = new ArrayList<>(prompt);
        float[] logits = decoder.forward(prompt.stream().mapToInt(Integer::intValue).toArray());
        while (sequence.size() <= steps) {
            int next = argmax(logits);
            sequence.add(next);
            if (next == BOS || sequence.size() > steps) {
                break;
            }
            logits = decoder.forward(new int[] {next});
        }
        assertEquals(expected, sequence);
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
