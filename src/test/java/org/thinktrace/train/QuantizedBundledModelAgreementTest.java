package org.thinktrace.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.ModelConfigLoader;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Greedy responses of the bundled model with quantized weights against FP32 weights, prompt by
 * prompt: how many responses are identical token for token, and how many tokens agree before the
 * first difference. Prints both for int8 and for 4-bit. Int8 is held to generous floors (it changes
 * logits by about 1 %, which may flip a near-tie); 4-bit, whose logits move about ten times as
 * much, is reported, and held only to what shows it still runs the model: every response's first
 * token (the opening of the thinking) equals FP32's.
 */
class QuantizedBundledModelAgreementTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final int MAX_TOKENS = 96;
    private static final List<String> PROMPTS = List.of(
            "What is 17 + 25?",
            "What is 84 - 39?",
            "What is 12 times 7?",
            "Is 91 a prime number?",
            "Sort these numbers from smallest to largest: 9, 2, 7, 4.",
            "How many times does the letter r appear in strawberry?",
            "Which is larger, 3.9 or 3.11?",
            "What is 144 divided by 12?");

    private static List<int[]> prompts;
    private static List<Integer> stops;
    private static List<int[]> fp32;

    @BeforeAll
    static void generateFp32() throws IOException {
        assumeTrue(Files.isRegularFile(MODEL.resolve("model.safetensors")), "bundled model absent");
        prompts = new ArrayList<>();
        try (ModelTokenizer tokenizer = ModelTokenizer.load(MODEL)) {
            ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
            for (String prompt : PROMPTS) {
                prompts.add(tokenizer.encodePrompt(template.render(List.of(ChatTurn.user(prompt)), true, Map.of())));
            }
            stops = tokenizer.eosIds();
        }
        fp32 = generate(ComputePrecision.FP32, prompts, stops);
    }

    @Test
    void int8GreedyResponsesAgreeWithFp32() {
        Agreement agreement = Agreement.of(fp32, generate(ComputePrecision.INT8, prompts, stops));
        System.out.println("int8 vs FP32 greedy on the bundled model: " + agreement);
        assertTrue(agreement.identical() * 2 >= prompts.size(), agreement.toString());
        assertTrue(agreement.agreeing() * 2 >= agreement.total(), agreement.toString());
    }

    @Test
    void q4GreedyResponsesAreReported() {
        Agreement agreement = Agreement.of(fp32, generate(ComputePrecision.Q4, prompts, stops));
        System.out.println("q4 vs FP32 greedy on the bundled model: " + agreement);
        assertEquals(prompts.size(), agreement.firstTokensEqual(), agreement.toString());
    }

    /**
     * @param identical        responses equal token for token
     * @param firstTokensEqual responses whose first token is FP32's
     * @param agreeing         FP32 tokens before the first difference, over all responses
     * @param total            FP32 tokens over all responses
     */
    private record Agreement(int responses, int identical, int firstTokensEqual, long agreeing, long total) {

        static Agreement of(List<int[]> reference, List<int[]> other) {
            int identical = 0;
            int first = 0;
            long agreeing = 0;
            long total = 0;
            for (int i = 0; i < reference.size(); i++) {
                int[] a = reference.get(i);
                int[] b = other.get(i);
                int prefix = 0;
                while (prefix < Math.min(a.length, b.length) && a[prefix] == b[prefix]) {
                    prefix++;
                }
                identical += Arrays.equals(a, b) ? 1 : 0;
                first += prefix > 0 ? 1 : 0;
                agreeing += prefix;
                total += a.length;
            }
            return new Agreement(reference.size(), identical, first, agreeing, total);
        }

        @Override
        public String toString() {
            return identical + " of " + responses + " responses identical, " + agreeing + " of " + total
                    + " FP32 tokens before the first difference, " + firstTokensEqual + " of " + responses
                    + " first tokens equal";
        }
    }

    private static List<int[]> generate(ComputePrecision precision, List<int[]> prompts, List<Integer> stops) {
        RuntimeSettings settings = RuntimeSettings.defaults().fittedTo(ModelConfigLoader.load(MODEL))
                .withCpuPrecision(precision);
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
