package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AskJsonTranscriptTest {

    @Test
    void readsPromptTokensPhasesAndTheFinalTexts() {
        InspectedResponse r = TestTraces.bundled("prime-91-greedy.jsonl");
        assertTrue(r.question().contains("Is 91 prime?"));
        assertTrue(r.thinking().startsWith("Test the primes up to the square root of 91"));
        assertTrue(r.answer().contains("**not prime**"));
        long thinkingLines = TestTraces.bundledTokenLines("prime-91-greedy.jsonl").stream()
                .filter(n -> n.get("phase").asText().equals("thinking")).count();
        assertEquals(thinkingLines, r.tokens().thinkingTokens());
        assertEquals(TestTraces.bundledTokenLines("prime-91-greedy.jsonl").size(), r.tokens().size());
        assertEquals("</think>", r.tokens().get(r.tokens().thinkingTokens() - 1).text());
        assertEquals((float) TestTraces.bundledTokenLines("prime-91-greedy.jsonl").get(5).get("entropy").asDouble(),
                r.tokens().get(5).entropy());
    }

    @Test
    void readsEntropyWhenTheOutputHasIt() {
        InspectedResponse r = AskJsonTranscript.parse(List.of(
                "{\"type\":\"token\",\"id\":5,\"text\":\"A\",\"phase\":\"answer\",\"p\":0.5,\"entropy\":1.5,"
                        + "\"top\":[{\"id\":5,\"text\":\"A\",\"p\":0.5}]}",
                "{\"type\":\"done\",\"thinking\":\"\",\"answer\":\"A\"}"), "test");
        assertEquals(1.5f, r.tokens().get(0).entropy());
        assertEquals("A", r.tokens().get(0).alternatives().getFirst().text());
    }

    @Test
    void malformedOutputNamesTheSourceAndTheLine() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> AskJsonTranscript.parse(List.of("{\"type\":\"prompt\",\"text\":\"q\"}", "oops"), "run.jsonl"));
        assertTrue(notJson.getMessage().startsWith("run.jsonl, line 2: not JSON"), notJson.getMessage());
        IllegalArgumentException noDone = assertThrows(IllegalArgumentException.class,
                () -> AskJsonTranscript.parse(List.of("{\"type\":\"prompt\",\"text\":\"q\"}"), "cut.jsonl"));
        assertTrue(noDone.getMessage().contains("cut.jsonl") && noDone.getMessage().contains("done"));
        IllegalArgumentException badToken = assertThrows(IllegalArgumentException.class,
                () -> AskJsonTranscript.parse(List.of("{\"type\":\"token\",\"id\":1}"), "t.jsonl"));
        assertTrue(badToken.getMessage().contains("t.jsonl, line 1") && badToken.getMessage().contains("\"p\""));
    }
}
