package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.inspect.TraceComparison.Change;
import org.thinktrace.inspect.TraceComparison.StepPair;

class TraceComparerTest {

    private static StepPair pair(Change change, int a, int b) {
        return new StepPair(change, a, b, 0);
    }

    private static List<StepPair> withoutSimilarity(List<StepPair> pairs) {
        return pairs.stream().map(p -> pair(p.change(), p.stepA(), p.stepB())).toList();
    }

    @Test
    void twoSampledRunsThatPartAtTheAnswerDigit() {
        InspectedResponse greedy = TestTraces.bundled("decimal-compare-greedy.jsonl");
        InspectedResponse seed4 = TestTraces.bundled("decimal-compare-t1-seed4.jsonl");
        TraceComparison c = TraceComparer.compare(greedy, seed4);
        // the first differing id, found by reading the two files' token lines directly
        List<JsonNode> a = TestTraces.bundledTokenLines("decimal-compare-greedy.jsonl");
        List<JsonNode> b = TestTraces.bundledTokenLines("decimal-compare-t1-seed4.jsonl");
        int first = 0;
        while (a.get(first).get("id").asInt() == b.get(first).get("id").asInt()) first++;
        assertEquals(first, c.divergence().token());
        assertEquals(a.get(first).get("text").asText(), c.divergence().textA());
        assertEquals(b.get(first).get("text").asText(), c.divergence().textB());
        assertEquals((float) a.get(first).get("p").asDouble(), c.divergence().pA());
        assertEquals((float) b.get(first).get("p").asDouble(), c.divergence().pB());
        assertTrue(c.steps().stream().allMatch(p -> p.change() == Change.KEPT && p.stepA() == p.stepB()));
        assertEquals("9.11", c.answerA());
        assertEquals("9.9", c.answerB());
        assertFalse(c.answersAgree());
    }

    @Test
    void aRunThatDoubtsItselfAddsTwoStepsAndKeepsTheRest() {
        TraceComparison c = TraceComparer.compare(TestTraces.bundled("decimal-compare-greedy.jsonl"),
                TestTraces.bundled("decimal-compare-t1-seed1.jsonl"));
        // greedy: 0 Compare, 1 Whole parts, 2 Same number, 3 Tenths..9 is larger, 4 So, 5 Check
        // seed 1: 0 Compare, 1 Whole parts, 2 Same number, 3 Tenths..1 is larger, 4 Wait, 5 Tenths..9, 6 So, 7 Check
        assertEquals(List.of(pair(Change.KEPT, 0, 0), pair(Change.KEPT, 1, 1), pair(Change.KEPT, 2, 2),
                pair(Change.ADDED, -1, 3), pair(Change.ADDED, -1, 4), pair(Change.KEPT, 3, 5),
                pair(Change.KEPT, 4, 6), pair(Change.KEPT, 5, 7)), withoutSimilarity(c.steps()));
        assertTrue(c.answersAgree() == c.answerA().equals(c.answerB()));
    }

    @Test
    void aTokenReplacedAtAKnownIndexIsTheFirstDivergence() {
        InspectedResponse greedy = TestTraces.bundled("addition-greedy.jsonl");
        List<InspectedToken> changed = new ArrayList<>(greedy.tokens().tokens());
        int at = 37;
        InspectedToken original = changed.get(at);
        changed.set(at, new InspectedToken(original.id() + 1, "X", 0.125f, Float.NaN, List.of()));
        TraceTokens other = new TraceTokens(changed, greedy.tokens().thinkingTokens());
        TraceComparison.Divergence d = TraceComparer.divergence(greedy.tokens(), other);
        assertEquals(new TraceComparison.Divergence(at, original.text(), original.p(), "X", 0.125f), d);
        assertNull(TraceComparer.divergence(greedy.tokens(), greedy.tokens()));
        assertNull(TraceComparer.divergence(greedy.tokens(), null));
        TraceTokens shorter = new TraceTokens(greedy.tokens().tokens().subList(0, 50), 50);
        TraceComparison.Divergence end = TraceComparer.divergence(greedy.tokens(), shorter);
        assertEquals(50, end.token());
        assertNull(end.textB());
        assertTrue(Float.isNaN(end.pB()));
    }

    @Test
    void similarStepsAreChangedDissimilarOnesDroppedAndAdded() {
        List<TraceStep> a = new StepTagger("").steps("First add the ones.\nThe ones give 14, write 4.\nDone now.");
        List<TraceStep> b = new StepTagger("")
                .steps("First add the ones.\nThe ones give 15, write 5.\nCompletely new.");
        List<StepPair> pairs = TraceComparer.alignSteps(a, b);
        assertEquals(List.of(pair(Change.KEPT, 0, 0), pair(Change.CHANGED, 1, 1), pair(Change.DROPPED, 2, -1),
                pair(Change.ADDED, -1, 2)), withoutSimilarity(pairs));
        assertEquals(1.0, pairs.get(0).similarity());
        // Dice over words: {the, ones, give, write} shared of 6 + 6 words
        assertEquals(2.0 * 4 / 12, pairs.get(1).similarity(), 1e-12);
    }

    @Test
    void twoRealSamplesOfOneProblemDisagreeOnTheAnswer() {
        TraceComparison c = TraceComparer.compare(TestTraces.r1("06-qwen14b-page-digits.json"),
                TestTraces.r1("07-qwen14b-page-digits-wrong.json"));
        assertNull(c.divergence());
        assertEquals("90", c.answerA());
        assertEquals("89", c.answerB());
        assertFalse(c.answersAgree());
        int stepsA = TraceInspector.steps(TestTraces.r1("06-qwen14b-page-digits.json")).size();
        int stepsB = TraceInspector.steps(TestTraces.r1("07-qwen14b-page-digits-wrong.json")).size();
        assertEquals(stepsA, c.steps().stream().filter(p -> p.stepA() >= 0).count());
        assertEquals(stepsB, c.steps().stream().filter(p -> p.stepB() >= 0).count());
        int lastA = -1;
        int lastB = -1;
        for (StepPair p : c.steps()) {
            if (p.stepA() >= 0) assertEquals(++lastA, p.stepA());
            if (p.stepB() >= 0) assertEquals(++lastB, p.stepB());
        }
    }

    @Test
    void longVersionsThatShareTheirStepsAreAlignedStepByStep() {
        // 2,000 one-line steps (a long trace of a model that writes a step per line); equal steps at the start and the
        // end are paired without the quadratic search, so step indices after it must still be the traces' own
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) text.append("Step ").append(i).append(": add ").append(i % 97)
                .append(" to the running total and carry on\n");
        String thinking = text.toString().strip();
        String branched = thinking.replace("Step 1000: add 30 to the running total and carry on",
                "Step 1000: add 30 to the running total, then stop");
        InspectedResponse a = new InspectedResponse("", thinking, "42", null);
        InspectedResponse b = new InspectedResponse("", branched, "42", null);
        List<StepPair> same = TraceComparer.compare(a, a).steps();
        assertEquals(2000, same.size());
        assertTrue(same.stream().allMatch(p -> p.change() == Change.KEPT && p.stepA() == p.stepB()));
        List<StepPair> branch = TraceComparer.compare(a, b).steps();
        assertEquals(2000, branch.size());
        assertEquals(new StepPair(Change.KEPT, 999, 999, 1.0), branch.get(999));
        assertEquals(Change.CHANGED, branch.get(1000).change());
        assertEquals(1000, branch.get(1000).stepA());
        assertEquals(1000, branch.get(1000).stepB());
        assertEquals(new StepPair(Change.KEPT, 1001, 1001, 1.0), branch.get(1001));
        assertEquals(new StepPair(Change.KEPT, 1999, 1999, 1.0), branch.get(1999));
    }
}
