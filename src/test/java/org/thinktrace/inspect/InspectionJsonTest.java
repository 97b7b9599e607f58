package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.TokenAlternative;

class InspectionJsonTest {

    @Test
    void stepsCarryTheSchemaKeysAndNullsWithoutTokens() throws Exception {
        InspectedResponse r = TestTraces.r1("03-qwen1.5b-slope.json");
        ObjectNode root = InspectionJson.render(TraceInspector.inspect(r));
        JsonNode parsed = new ObjectMapper().readTree(InspectionJson.toText(root));
        JsonNode step = parsed.get("steps").get(0);
        assertEquals(0, step.get("index").asInt());
        assertEquals("restate", step.get("tag").asText());
        int from = step.get("chars").get(0).asInt();
        int to = step.get("chars").get(1).asInt();
        assertEquals(r.thinking().substring(from, to), step.get("text").asText());
        assertTrue(step.get("tokens").isNull());
        assertTrue(step.get("surprisal_mean").isNull());
        assertTrue(step.get("surprisal_max").isNull());
        assertEquals(0, parsed.get("forks").size());
        assertTrue(parsed.get("loops").isArray());
        assertEquals("-2", parsed.get("answer").asText());
    }

    @Test
    void tokensSurprisalForksLoopsAndComparison() {
        InspectedResponse r = TestTraces.bundled("decimal-compare-greedy.jsonl");
        TraceInspection inspection = TraceInspector.inspect(r);
        Fork fork = new Fork(117, "1", 0.6f, 0.7f, List.of(new TokenAlternative(16, "1", 0.6f),
                new TokenAlternative(24, "9", 0.4f)));
        TraceLoop loop = new TraceLoop(TraceLoop.Kind.STEP, "So 9.9 > 9.11.",
                List.of(new TraceLoop.Occurrence(4, new Span(61, 75))));
        ObjectNode root = InspectionJson.render(new TraceInspection(inspection.steps(), List.of(fork), List.of(loop),
                inspection.answer()));
        JsonNode step = root.get("steps").get(1);
        TraceStep s = inspection.steps().get(1);
        assertEquals(List.of(s.tokens().from(), s.tokens().to()),
                List.of(step.get("tokens").get(0).asInt(), step.get("tokens").get(1).asInt()));
        assertEquals(s.surprisalMean(), step.get("surprisal_mean").asDouble());
        assertEquals(s.surprisalMax(), step.get("surprisal_max").asDouble());
        JsonNode f = root.get("forks").get(0);
        assertEquals(117, f.get("token").asInt());
        assertEquals("1", f.get("text").asText());
        assertEquals(0.6f, (float) f.get("p").asDouble());
        assertEquals(0.7f, (float) f.get("entropy").asDouble());
        assertEquals("9", f.get("alternatives").get(1).get("text").asText());
        assertEquals(0.4f, (float) f.get("alternatives").get(1).get("p").asDouble());
        JsonNode l = root.get("loops").get(0);
        assertEquals("step", l.get("kind").asText());
        assertEquals(4, l.get("occurrences").get(0).get("step").asInt());
        assertEquals(75, l.get("occurrences").get(0).get("chars").get(1).asInt());

        TraceComparison c = TraceComparer.compare(r, TestTraces.bundled("decimal-compare-t1-seed4.jsonl"));
        JsonNode cmp = InspectionJson.withComparison(root, c).get("comparison");
        assertEquals(c.divergence().token(), cmp.get("first_divergence").get("token").asInt());
        assertEquals("9", cmp.get("first_divergence").get("b").get("text").asText());
        assertEquals("kept", cmp.get("steps").get(0).get("change").asText());
        assertEquals(0, cmp.get("steps").get(0).get("a").asInt());
        assertEquals("9.11", cmp.get("answer_a").asText());
        assertEquals(false, cmp.get("answers_agree").asBoolean());
        root.putObject("convergence");
        assertTrue(root.has("steps") && root.has("convergence"), "other analyses join the same root");
    }
}
