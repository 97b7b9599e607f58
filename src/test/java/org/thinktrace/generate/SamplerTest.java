package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** The obvious implementation of the documented transforms, with boxed lists and doubles. */
    static Map<Integer, Double> referenceDistribution(float[] logits, Set<Integer> context, Set<Integer> generated,
                                                      SamplingSettings s) {
        List<double[]> rows = new ArrayList<>(); // {id, logit}
        for (int id = 0; id < logits.length; id++) {
            double l = logits[id];
            if (context.contains(id)) l = l > 0 ? l / s.repetitionPenalty() : l * s.repetitionPenalty();
            if (generated.contains(id)) l -= s.presencePenalty();
            rows.add(new double[] {id, l / s.temperature()});
        }
        rows.sort(Comparator.comparingDouble((double[] r) -> -r[1]).thenComparingDouble(r -> r[0]));
        double max = rows.get(0)[1];
        List<double[]> probs = new ArrayList<>();
        for (double[] r : rows) probs.add(new double[] {r[0], Math.exp(r[1] - max)});
        normalise(probs);
        if (s.topK() > 0) probs = new ArrayList<>(probs.subList(0, Math.min(s.topK(), probs.size())));
        normalise(probs);
        if (s.topP() < 1) {
            double cumulative = 0;
            List<double[]> kept = new ArrayList<>();
            for (double[] r : probs) {
                kept.add(r);
                cumulative += r[1];
                if (cumulative >= s.topP()) break;
            }
            probs = kept;
        }
        normalise(probs);
        if (s.minP() > 0) {
            double floor = s.minP() * probs.get(0)[1];
            probs.removeIf(r -> r[1] < floor);
        }
        normalise(probs);
        Map<Integer, Double> out = new HashMap<>();
        for (double[] r : probs) out.put((int) r[0], r[1]);
        return out;
    }

    static void normalise(List<double[]> probs) {
        double sum = probs.stream().mapToDouble(r -> r[1]).sum();
        for (double[] r : probs) r[1] /= sum;
    }

    static float[] randomLogits(Random random, int n) {
        float[] logits = new float[n];
        for (int i = 0; i < n; i++) logits[i] = (float) (random.nextGaussian() * 3);
        return logits;
    }

    static SamplingSettings settings(double t, double topP, int topK, double minP, double rep, double presence) {
        return new SamplingSettings(t, topP, topK, minP, rep, presence, 1234L);
    }

    @Test
    void filteredDistributionMatchesTheNaiveReference() {
        Random random = new Random(3);
        List<SamplingSettings> all = List.of(
                settings(1.0, 1.0, 0, 0.0, 1.0, 0.0),
                settings(0.6, 0.95, 0, 0.0, 1.0, 0.0),
                settings(0.7, 1.0, 7, 0.0, 1.0, 0.0),
                settings(1.3, 0.5, 20, 0.0, 1.0, 0.0),
                settings(1.0, 1.0, 0, 0.1, 1.0, 0.0),
                settings(0.8, 0.9, 30, 0.05, 1.3, 0.7),
                settings(2.0, 1.0, 0, 0.0, 1.8, 1.5));
        for (SamplingSettings s : all) {
            for (int round = 0; round < 20; round++) {
                float[] logits = randomLogits(random, 100);
                Set<Integer> prompt = new HashSet<>(List.of(random.nextInt(100), random.nextInt(100), 5));
                Set<Integer> generated = new HashSet<>(List.of(random.nextInt(100), 6));
                Sampler sampler = new Sampler(s);
                sampler.observePrompt(prompt.stream().mapToInt(Integer::intValue).toArray());
                generated.forEach(sampler::observeGenerated);
                Set<Integer> context = new HashSet<>(prompt);
                context.addAll(generated);

                assertSameDistribution(referenceDistribution(logits, context, generated, s), sampler.distribution(logits),
                        1e-5, s);
            }
        }
    }

    static void assertSameDistribution(Map<Integer, Double> expected, TokenDistribution actual, double tolerance,
                                       SamplingSettings s) {
        assertEquals(expected.keySet(), toMap(actual).keySet(), "kept tokens for " + s);
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(expected.get(actual.ids()[i]), actual.probabilities()[i], tolerance, "p of " + actual.ids()[i]);
            if (i > 0) assertTrue(actual.probabilities()[i - 1] >= actual.probabilities()[i], "most likely first");
        }
    }

    @Test
    void pruningFarTokensNeverChangesTheDistribution() {
        // logits spread far beyond the candidate range, so that the sampler sorts only part of the vocabulary
        // (or falls back to all of it when the filters could reach further)
        Random random = new Random(17);
        List<SamplingSettings> all = List.of(
                settings(1.0, 1.0, 0, 0.0, 1.0, 0.0),
                settings(0.6, 0.95, 0, 0.0, 1.0, 0.0),
                settings(1.0, 0.999999, 0, 0.0, 1.0, 0.0),
                settings(1.0, 1.0, 50, 0.0, 1.0, 0.0),
                settings(1.0, 1.0, 1000, 0.0, 1.0, 0.0),
                settings(1.0, 1.0, 0, 1e-12, 1.0, 0.0),
                settings(1.0, 1.0, 0, 1e-3, 1.0, 0.0),
                settings(3.0, 0.99, 0, 0.0, 1.0, 0.0));
        for (SamplingSettings s : all) {
            for (int round = 0; round < 10; round++) {
                float[] logits = randomLogits(random, 400);
                for (int i = 0; i < logits.length; i++) logits[i] *= 8;
                logits[random.nextInt(400)] = Float.NEGATIVE_INFINITY;
                Map<Integer, Double> expected = referenceDistribution(logits, Set.of(), Set.of(), s);
                expected.values().removeIf(p -> p == 0);
                assertSameDistribution(expected, new Sampler(s).distribution(logits), 1e-9, s);
            }
        }
    }

    @Test
    void filterBoundariesAreExact() {
        // probabilities at temperature 1: 0.5, 0.25, 0.125, 0.0625, 0.0625 (up to float rounding of the logs)
        float[] logits = {(float) Math.log(8), (float) Math.log(4), (float) Math.log(2), 0f, 0f};
        double e = 1e-6;
        assertArrayEquals(new int[] {0, 1}, new Sampler(settings(1, 1, 2, 0, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0, 1}, new Sampler(settings(1, 0.75 - e, 0, 0, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0, 1, 2}, new Sampler(settings(1, 0.75 + e, 0, 0, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0}, new Sampler(settings(1, 0.5 - e, 0, 0, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0, 1}, new Sampler(settings(1, 1, 0, 0.5 - e, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0}, new Sampler(settings(1, 1, 0, 0.5 + e, 1, 0)).distribution(logits).ids());
        assertArrayEquals(new int[] {0, 1, 2}, new Sampler(settings(1, 1, 0, 0.25 - e, 1, 0)).distribution(logits).ids());
        TokenDistribution ties = new Sampler(settings(1, 1, 4, 0, 1, 0)).distribution(logits);
        assertArrayEquals(new int[] {0, 1, 2, 3}, ties.ids(), "equal logits are ordered by id");
        assertEquals(0.5 / 0.9375, ties.probabilities()[0], 1e-7);
    }

    @Test
    void drawFrequenciesFollowTheDistribution() {
        float[] logits = {1.0f, 2.0f, 0.5f, -1.0f, 1.7f, -3.0f};
        SamplingSettings s = settings(0.9, 0.97, 0, 0.0, 1.0, 0.0);
        Map<Integer, Double> expected = referenceDistribution(logits, Set.of(), Set.of(), s);
        int draws = 40_000;
        int[] counts = new int[logits.length];
        Sampler sampler = new Sampler(s);
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(logits).id()]++; // penalties are off: the history does not matter
        }
        for (int id = 0; id < logits.length; id++) {
            double p = expected.getOrDefault(id, 0.0);
            double frequency = counts[id] / (double) draws;
            double sigma = Math.sqrt(p * (1 - p) / draws);
            if (p == 0) assertEquals(0, counts[id], "excluded token " + id + " was drawn");
            else assertEquals(p, frequency, 5 * sigma + 1e-9, "frequency of " + id);
        }
    }

    @Test
    void theSameSeedGivesTheSameTokensAndAnotherSeedDiffers() {
        Random random = new Random(9);
        List<float[]> steps = new ArrayList<>();
        for (int i = 0; i < 200; i++) steps.add(randomLogits(random, 50));
        SamplingSettings s = SamplingSettings.r1Defaults().withTemperature(1.0);
        assertEquals(run(s, steps), run(s, steps));
        assertTrue(!run(s, steps).equals(run(s.withSeed(s.seed() + 1), steps)));
    }

    @Test
    void greedyPicksTheArgMaxOfThePenalisedLogitsAndReportsTheTemperatureOneSoftmax() {
        float[] logits = {0.1f, 2.5f, -1f, 2.4f, 0f, 1f, 1.5f};
        Sampler.Choice choice = new Sampler(SamplingSettings.greedy()).sample(logits);
        assertEquals(1, choice.id());
        double sum = 0;
        for (float l : logits) sum += Math.exp(l);
        assertEquals(Math.exp(2.5) / sum, choice.probability(), 1e-6);
        assertEquals(List.of(1, 3, 6, 5, 0), choice.top().stream().map(Sampler.Candidate::id).toList());
        assertEquals(Math.exp(1.5) / sum, choice.top().get(2).probability(), 1e-6);
    }

    @Test
    void sampledChoicesReportTheModelsOwnDistributionNotTheTruncatedOne() {
        Random random = new Random(5);
        SamplingSettings s = settings(0.6, 0.5, 3, 0.1, 1.3, 0.4); // every transform on
        Sampler sampler = new Sampler(s, 7);
        sampler.observePrompt(new int[] {1, 2, 3});
        for (int step = 0; step < 50; step++) {
            float[] logits = randomLogits(random, 40);
            Sampler.Choice choice = sampler.sample(logits);
            double[] p = naiveSoftmax(logits);
            assertEquals(p[choice.id()], choice.probability(), 1e-6);
            assertEquals(naiveEntropy(p), choice.entropy(), 1e-5);
            assertEquals(7, choice.top().size());
            List<Integer> byProbability = java.util.stream.IntStream.range(0, p.length).boxed()
                    .sorted((a, b) -> Double.compare(p[b], p[a])).limit(7).toList();
            assertEquals(byProbability, choice.top().stream().map(Sampler.Candidate::id).toList());
            for (Sampler.Candidate c : choice.top()) assertEquals(p[c.id()], c.probability(), 1e-6);
        }
    }

    @Test
    void reportingDoesNotChangeTheDraw() {
        // the tokens drawn follow only the transformed distribution: the same as drawing from it directly
        Random random = new Random(11);
        SamplingSettings s = settings(0.7, 0.9, 0, 0, 1, 0);
        Sampler reported = new Sampler(s, 20);
        java.util.SplittableRandom draws = new java.util.SplittableRandom(s.seed());
        for (int step = 0; step < 200; step++) {
            float[] logits = randomLogits(random, 30);
            TokenDistribution d = new Sampler(s).distribution(logits);
            double u = draws.nextDouble();
            int expected = d.ids()[d.size() - 1];
            double cumulative = 0;
            for (int i = 0; i < d.size(); i++) {
                cumulative += d.probabilities()[i];
                if (u < cumulative) {
                    expected = d.ids()[i];
                    break;
                }
            }
            assertEquals(expected, reported.sample(logits).id(), "step " + step);
        }
    }

    @Test
    void entropyIsZeroForACertainTokenAndLnNForUniformLogits() {
        float[] certain = {Float.NEGATIVE_INFINITY, 3f, Float.NEGATIVE_INFINITY};
        Sampler.Choice c = new Sampler(SamplingSettings.greedy()).sample(certain);
        assertEquals(1f, c.probability());
        assertEquals(0f, c.entropy(), 1e-7);
        Sampler.Choice u = new Sampler(SamplingSettings.greedy()).sample(new float[8]);
        assertEquals(Math.log(8), u.entropy(), 1e-6);
        assertEquals(0.125f, u.probability(), 1e-7);
    }

    private static double[] naiveSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) sum += p[i] = Math.exp(logits[i] - max);
        for (int i = 0; i < logits.length; i++) p[i] /= sum;
        return p;
    }

    private static double naiveEntropy(double[] p) {
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v);
        return h;
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        float[] logits = {2f, -2f, 1f, -4.5f};
        Sampler sampler = new Sampler(new SamplingSettings(0, 1, 0, 0, 2.0, 0, 0));
        sampler.observePrompt(new int[] {0, 1});
        Sampler.Choice choice = sampler.sample(logits); // penalised: {1, -4, 1, -4.5}: tie goes to the lower id
        assertEquals(0, choice.id());
        double sum = Math.exp(2) + Math.exp(-2) + Math.exp(1) + Math.exp(-4.5); // reported: the raw logits
        assertEquals(Math.exp(2) / sum, choice.probability(), 1e-6);
        assertEquals(List.of(0, 2, 1, 3), choice.top().stream().map(Sampler.Candidate::id).toList());
    }

    @Test
    void presencePenaltyAppliesToGeneratedTokensOnly() {
        float[] logits = {3f, 2.5f, 0f};
        Sampler sampler = new Sampler(new SamplingSettings(0, 1, 0, 0, 1, 1.0, 0));
        sampler.observePrompt(new int[] {1});
        assertEquals(0, sampler.sample(logits).id()); // token 0 is now generated: 3 - 1 = 2 < 2.5
        assertEquals(1, sampler.sample(logits).id());
    }

    @Test
    void nanLogitsAreAnError() {
        Sampler sampler = new Sampler(SamplingSettings.r1Defaults());
        assertThrows(IllegalStateException.class, () -> sampler.sample(new float[] {0f, Float.NaN}));
    }

    @Test
    void reportingAnInsertedTokenRejectsNanAndInfiniteLogitsAsSamplingDoes() {
        assertThrows(IllegalStateException.class, () -> Sampler.report(new float[] {0f, Float.NaN}, 0, 2));
        assertThrows(IllegalStateException.class, () -> Sampler.report(new float[] {Float.NaN, 0f}, 1, 2));
        assertThrows(IllegalStateException.class, () -> Sampler.report(new float[] {0f, Float.POSITIVE_INFINITY}, 0, 2));
        assertEquals(0.5f, Sampler.report(new float[] {0f, 0f, Float.NEGATIVE_INFINITY}, 0, 2).probability(), 1e-6f,
                "a logit of -inf is a token the model rules out, not an error");
    }

    @Test
    void topIndicesAgreesWithTheFullOrder() {
        Random random = new Random(1);
        for (int round = 0; round < 50; round++) {
            float[] values = randomLogits(random, 1 + random.nextInt(30));
            values[0] = values[values.length - 1]; // a tie
            int[] full = Sampler.descendingOrder(values);
            int[] top = Sampler.topIndices(values, 5);
            assertArrayEquals(java.util.Arrays.copyOf(full, Math.min(5, values.length)), top);
        }
    }

    private static List<Integer> run(SamplingSettings s, List<float[]> steps) {
        Sampler sampler = new Sampler(s);
        return steps.stream().map(l -> sampler.sample(l).id()).toList();
    }

    private static Map<Integer, Double> toMap(TokenDistribution d) {
        Map<Integer, Double> map = new HashMap<>();
        for (int i = 0; i < d.size(); i++) map.put(d.ids()[i], d.probabilities()[i]);
        return map;
    }
}
