package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

/** Surprisal, entropy statistics and forks against naive recomputation. */
class UncertaintyTest {

    private static InspectedToken token(float p, float entropy) {
        return new InspectedToken(1, "x", p, entropy, List.of());
    }

    @Test
    void surprisalIsMinusTheNaturalLogInNatsWithZeroClampedToTheHalfFloatFloor() {
        assertEquals(0.0, TokenStats.surprisal(1f), 0);
        assertEquals(Math.log(2), TokenStats.surprisal(0.5f), 1e-12);
        assertEquals(24 * Math.log(2), TokenStats.surprisal(0f), 1e-9);
        assertTrue(Double.isNaN(TokenStats.surprisal(Float.NaN)));
    }

    @Test
    void statsSkipUnknownFiguresAndAreNaNOverNothing() {
        TraceTokens tokens = new TraceTokens(List.of(token(0.5f, 1f), token(Float.NaN, 3f), token(0.25f, Float.NaN)),
                3);
        TokenStats s = TokenStats.over(tokens, new Span(0, 3));
        assertEquals(2, s.tokens());
        assertEquals((Math.log(2) + Math.log(4)) / 2, s.surprisalMean(), 1e-9);
        assertEquals(Math.log(4), s.surprisalMax(), 1e-9);
        assertEquals(2.0, s.entropyMean(), 1e-9);
        assertTrue(Double.isNaN(TokenStats.over(tokens, new Span(1, 1)).surprisalMean()));
        assertEquals(TokenStats.over(tokens, new Span(0, 3)), TokenStats.over(tokens, new Span(0, 99)));
    }

    @Test
    void perStepSurprisalOnTheBundledTracesMatchesANaiveRecomputationFromTheJson() {
        for (String file : TestTraces.BUNDLED_FILES) {
            List<JsonNode> lines = TestTraces.bundledTokenLines(file);
            for (TraceStep step : TraceInspector.steps(TestTraces.bundled(file))) {
                double sum = 0;
                double max = 0;
                double entropySum = 0;
                for (int t = step.tokens().from(); t < step.tokens().to(); t++) {
                    double s = -Math.log(Math.max(lines.get(t).get("p").asDouble(), Math.pow(2, -24)));
                    sum += s;
                    max = Math.max(max, s);
                    entropySum += lines.get(t).get("entropy").asDouble();
                }
                // the JSON holds p as written (float); the inspector reads the same float
                int n = step.tokens().length();
                assertEquals(sum / n, step.surprisalMean(), 1e-6, file + " " + step.index());
                assertEquals(max, step.surprisalMax(), 1e-6, file + " " + step.index());
                assertEquals(entropySum / n, step.entropyMean(), 1e-6, file + " " + step.index());
            }
        }
    }

    @Test
    void theStepWithTheLargestSurprisalHoldsTheLeastLikelyThinkingToken() {
        List<TraceStep> steps = TraceInspector.steps(TestTraces.bundled("decimal-compare-greedy.jsonl"));
        TraceStep mostSurprised = steps.stream().max(Comparator.comparingDouble(TraceStep::surprisalMax)).orElseThrow();
        List<JsonNode> lines = TestTraces.bundledTokenLines("decimal-compare-greedy.jsonl");
        int leastLikely = IntStream.range(0, 112).boxed()
                .min(Comparator.comparingDouble(i -> lines.get(i).get("p").asDouble())).orElseThrow();
        assertTrue(mostSurprised.tokens().contains(leastLikely));
    }

    @Test
    void forksAreTheHighestEntropyTokensAsANaiveSortFindsThem() {
        for (String file : TestTraces.BUNDLED_FILES) {
            List<JsonNode> lines = TestTraces.bundledTokenLines(file);
            TraceTokens tokens = TestTraces.bundled(file).tokens();
            for (int n : new int[] {0, 1, ForkFinder.DEFAULT_COUNT, tokens.size() + 5}) {
                List<Integer> naive = IntStream.range(0, lines.size()).boxed()
                        .sorted((a, b) -> {
                            int byEntropy = Double.compare(lines.get(b).get("entropy").asDouble(),
                                    lines.get(a).get("entropy").asDouble());
                            return byEntropy != 0 ? byEntropy : Integer.compare(a, b);
                        })
                        .limit(n).toList();
                List<Fork> forks = ForkFinder.find(tokens, n);
                assertEquals(naive, forks.stream().map(Fork::token).toList(), file + " n=" + n);
                for (Fork f : forks) {
                    JsonNode line = lines.get(f.token());
                    assertEquals(line.get("text").asText(), f.text());
                    assertEquals((float) line.get("p").asDouble(), f.p());
                    assertEquals((float) line.get("entropy").asDouble(), f.entropy());
                    assertEquals(line.get("top").size(), f.alternatives().size());
                    assertEquals(line.get("top").get(0).get("text").asText(), f.alternatives().getFirst().text());
                }
            }
        }
    }

    @Test
    void theGreedyRunsTwoForksAreWhereTheSampledRunsLeftIt() {
        TraceTokens greedy = TestTraces.bundled("decimal-compare-greedy.jsonl").tokens();
        List<Fork> forks = ForkFinder.find(greedy, 2);
        int seed1 = TraceComparer.divergence(greedy, TestTraces.bundled("decimal-compare-t1-seed1.jsonl").tokens())
                .token();
        int seed4 = TraceComparer.divergence(greedy, TestTraces.bundled("decimal-compare-t1-seed4.jsonl").tokens())
                .token();
        assertEquals(List.of(seed4, seed1), forks.stream().map(Fork::token).toList());
        Fork answerDigit = forks.getFirst();
        assertEquals("1", answerDigit.text());
        assertEquals(List.of("1", "9"), answerDigit.alternatives().stream().map(TokenAlternative::text).limit(2)
                .toList());
    }

    @Test
    void tokensWithoutEntropyAreNeverForksAndTiesGoToTheEarlierToken() {
        TraceTokens tokens = new TraceTokens(List.of(token(0.5f, Float.NaN), token(0.5f, 1f), token(0.4f, 2f),
                token(0.3f, 1f), token(0.2f, Float.NaN)), 2);
        assertEquals(List.of(2, 1, 3), ForkFinder.find(tokens, 10).stream().map(Fork::token).toList());
        assertEquals(List.of(2, 1), ForkFinder.find(tokens, 2).stream().map(Fork::token).toList());
    }

    @Test
    void aStoredTokenTraceBecomesInspectedTokensWithItsEntropyAndAlternatives() {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(2);
        recorder.add(new TokenInfo(7, "Wait", Phase.THINKING, 0.5f, 1.25f,
                List.of(new TokenAlternative(7, "Wait", 0.5f), new TokenAlternative(9, "So", 0.25f))));
        recorder.add(new TokenInfo(3, "59", Phase.ANSWER, 0.75f, 0.5f, List.of(new TokenAlternative(3, "59", 0.75f))));
        TraceTokens tokens = TraceTokens.from(recorder.snapshot());
        assertEquals(2, tokens.size());
        assertEquals(1, tokens.thinkingTokens());
        assertEquals(List.of("Wait"), tokens.thinkingTexts());
        assertEquals(0.5f, tokens.get(0).p());
        assertEquals(List.of(7, 9), tokens.get(0).alternatives().stream().map(TokenAlternative::id).toList());
        assertEquals(0.25f, tokens.get(0).alternatives().get(1).probability());
        assertEquals("So", tokens.get(0).alternatives().get(1).text());
        assertEquals(1.25f, tokens.get(0).entropy());
        assertEquals(List.of(0, 1), ForkFinder.find(tokens, 10).stream().map(Fork::token).toList());
    }
}
