package org.thinktrace.train;

import org.junit.jupiter.api.Test;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.ModelTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Greedy responses of the bundled model with int8 weights against FP32 weights, prompt by prompt:
 * how many responses are identical token for token, and how many tokens agree before the first
 * difference. Prints both; asserts generous floors (int8 changes logits by about 1 %, which may
 * flip a near-tie).
 */
class Int8BundledModelAgreementTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final int MAX_TOKENS = 160;
    private static final List<String> PROMPTS = List.of(
            "What is 17 + 25?",
            "What is 84 - 39?",
            "What is 12 times 7?",
            "Is 91 a prime number?",
            "Sort these numbers from smallest to largest: 9, 2, 7, 4.",
            "How many times does the letter r appear in strawberry?",
            "Which is larger, 3.9 or 3.11?",
            "What is 144 divided by 12?");

    @Test
    void int8GreedyResponsesAgreeWithFp32() throws IOException {
        assumeTrue(Files.isRegularFile(MODEL.resolve("model.safetensors")), "bundled model absent");
        List<int[]> prompts = new ArrayList<>();
        List<Integer> stops;
        try (ModelTokenizer tokenizer = ModelTokenizer.load(MODEL)) {
            ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
            for (String prompt : PROMPTS) {
                prompts.add(tokenizer.encodePrompt(template.render(List.of(ChatTurn.user(prompt)), true, Map.of())));
            }
            stops = tokenizer.eosIds();
        }
        List<int[]> fp32 = generate(ComputePrecision.FP32, prompts, stops);
        List<int[]> int8 = generate(ComputePrecision.INT8, prompts, stops);
        int identical = 0;
        long agreeing = 0;
        long total = 0;
        for (int i = 0; i < prompts.size(); i++) {
            int[] a = fp32.get(i);
            int[] b = int8.get(i);
            int prefix = 0;
            while (prefix < Math.min(a.length, b.length) && a[prefix] == b[prefix]) {
                prefix++;
            }
            identical += Arrays.equals(a, b) ? 1 : 0;
            agreeing += prefix;
            total += a.length;
        }
        System.out.printf("int8 vs FP32 greedy on the bundled model: %d of %d responses identical, "
                + "%d of %d FP32 tokens before the first difference%n", identical, prompts.size(), agreeing, total);
        assertTrue(identical * 2 >= prompts.size(), identical + " of " + prompts.size() + " responses identical");
        assertTrue(agreeing * 2 >= total, agreeing + " of " + total + " tokens agree before the first difference");
    }

    private static List<int[]> generate(ComputePrecision precision, List<int[]> prompts, List<Integer> stops) {
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(2).withCpuPrecision(precision);
        List<int[]> responses = new ArrayList<>();
        try (Decoder decoder = Decoder.load(MODEL, settings, 1024, LoadProgress.NONE)) {
            for (int[] prompt : prompts) {
                decoder.reset();
                float[] logits = decoder.forward(prompt);
                List<Integer> tokens = new ArrayList<>();
                while (tokens.size() < MAX_TOKENS) {
                    int next = argmax(logits);
                    tokens.add(next);
                    if (stops.contains(next)) {
                        break;
                    }
                    logits = decoder.forward(new int[] {next});
                }
                responses.add(tokens.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return responses;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) best = values[i] > values[best] ? i : best;
        return best;
    }
}
