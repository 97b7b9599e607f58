package org.thinktrace.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thinktrace.testing.Fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder against golden logits from an independent implementation: {@code src/test/python/golden_logits.py}
 * builds tiny random checkpoints of each family (Qwen2 with q/k/v biases, Llama with llama3 RoPE scaling and tied
 * embeddings, Qwen3 with q/k norm and YaRN), writes them as model folders and records the logits a plain PyTorch
 * rendering of HuggingFace's modeling code computes in float64, with its greedy continuation. Logits must agree
 * within 1e-4 relative to the row's largest logit; greedy ids exactly (the script checks every step's winner
 * leads by at least 1e-3).
 */
class GoldenLogitsTest {

    private static final double RELATIVE_TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"qwen2", "llama", "qwen3"})
    void tokenByTokenDecodingGivesTheReferenceLogitsAtEveryPosition(String family) throws IOException {
        JsonNode golden = golden(family);
        int[] prompt = ints(golden.get("prompt"));
        try (Decoder decoder = load(family)) {
            for (int position = 0; position < prompt.length; position++) {
                float[] logits = decoder.forward(new int[] {prompt[position]});
                assertClose(golden.get("prompt_logits").get(position), logits, family + " position " + position);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2", "llama", "qwen3"})
    void prefillThenGreedyDecodingFollowsTheReference(String family) throws IOException {
        JsonNode golden = golden(family);
        int[] expectedIds = ints(golden.get("greedy_ids"));
        try (Decoder decoder = load(family)) {
            float[] logits = decoder.forward(ints(golden.get("prompt")));
            int[] generated = new int[expectedIds.length];
            for (int step = 0; step < expectedIds.length; step++) {
                assertClose(golden.get("greedy_logits").get(step), logits, family + " greedy step " + step);
                generated[step] = Stories260kTest.argmax(logits);
                logits = decoder.forward(new int[] {generated[step]});
            }
            assertEquals(Arrays.toString(expectedIds), Arrays.toString(generated), family + " greedy ids");
        }
    }

    private static Decoder load(String family) {
        Path folder = Fixture.inRepository("golden/" + family);
        return Decoder.load(folder, RuntimeSettings.defaults().withThreads(1), 64, LoadProgress.NONE);
    }

    private static JsonNode golden(String family) throws IOException {
        return new ObjectMapper().readTree(Fixture.inRepository("golden/" + family + "/golden.json").toFile());
    }

    private static void assertClose(JsonNode expectedRow, float[] actual, String what) {
        assertEquals(expectedRow.size(), actual.length, what + ": vocabulary size");
        double scale = 0;
        for (JsonNode value : expectedRow) {
            scale = Math.max(scale, Math.abs(value.asDouble()));
        }
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs(actual[i] - expectedRow.get(i).asDouble());
            if (error > worst) {
                worst = error;
                worstIndex = i;
            }
        }
        double limit = RELATIVE_TOLERANCE * scale;
        int index = worstIndex;
        double error = worst;
        assertTrue(error <= limit, () -> what + ": logit " + index + " is " + actual[index] + ", reference "
                + expectedRow.get(index).asDouble() + " (error " + error + " > " + limit + ")");
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
