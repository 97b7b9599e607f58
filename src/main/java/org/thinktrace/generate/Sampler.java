package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits, following {@link SamplingSettings}.
 *
 * <p>The transforms, in order (as Hugging Face's logits processors apply them):
 * <ol>
 *   <li>repetition penalty (CTRL): for every token already in the context (prompt or generated), a positive
 *       logit is divided by the penalty and a negative one multiplied by it;</li>
 *   <li>presence penalty: subtracted once from the logit of every token already generated;</li>
 *   <li>temperature: logits divided by it, then softmax;</li>
 *   <li>top-k: keep the k most likely; top-p: keep the smallest most-likely-first prefix whose probability
 *       (renormalised after top-k) reaches p; min-p: keep tokens with at least minP × the top probability;</li>
 *   <li>a draw from the survivors, renormalised, with one {@link SplittableRandom#nextDouble()} per token.</li>
 * </ol>
 * The same seed, settings and logits give the same tokens. At temperature 0 the token is the arg-max of
 * the penalised logits (lowest id on ties) and no random number is used.
 *
 * <p><b>Reported probabilities.</b> Whatever the settings, a choice reports the model's own next-token
 * distribution: the softmax of the raw logits at temperature 1 over the whole vocabulary, before penalties,
 * temperature and the top-k / top-p / min-p filters (what OpenAI-style {@code logprobs} report). From it come the
 * picked token's probability, the entropy of the whole distribution and the most likely alternatives
 * ({@link #TOP_ALTERNATIVES} unless the constructor asks for another number). The draw itself is made from the
 * transformed distribution described above, and reporting never changes it.
 *
 * <p>Not thread-safe: one sampler per generation.
 */
public final class Sampler {

    /** How many alternatives each choice reports. */
    public static final int TOP_ALTERNATIVES = 5;

    /** One candidate of a choice. */
    public record Candidate(int id, float probability) {
    }

    /**
     * The picked token and the model's own distribution at that step.
     *
     * @param probability the picked token's probability under the raw temperature-1 softmax
     * @param entropy     the entropy of that whole distribution, in nats
     * @param top         the most likely tokens of that distribution, most likely first
     */
    public record Choice(int id, float probability, float entropy, List<Candidate> top) {
        public Choice {
            top = List.copyOf(top);
        }
    }

    private final SamplingSettings settings;
    private final int alternatives;
    private final SplittableRandom random;
    private final BitSet inContext = new BitSet();
    private final BitSet generated = new BitSet();

    public Sampler(SamplingSettings settings) {
        this(settings, TOP_ALTERNATIVES);
    }

    /** @param alternatives how many of the most likely tokens each choice reports (at least 1) */
    public Sampler(SamplingSettings settings, int alternatives) {
        if (alternatives < 1) throw new IllegalArgumentException("alternatives must be >= 1, got " + alternatives);
        this.settings = settings;
        this.alternatives = alternatives;
        this.random = new SplittableRandom(settings.seed());
    }

    /** Records prompt tokens (they count for the repetition penalty only). */
    public void observePrompt(int[] ids) {
        for (int id : ids) inContext.set(id);
    }

    /** Records a token appended to the response (sampled or forced): both penalties then apply to it. */
    public void observeGenerated(int id) {
        inContext.set(id);
        generated.set(id);
    }

    /** Picks the next token, records it as generated and reports it against the model's own distribution. */
    public Choice sample(float[] logits) {
        float[] penalised = penalise(logits);
        int id = settings.temperature() == 0 ? greedy(penalised) : draw(penalised);
        observeGenerated(id);
        return report(logits, id, alternatives);
    }

    /**
     * Describes token {@code id} against the softmax of {@code logits} at temperature 1: its probability, the
     * distribution's entropy and its {@code alternatives} most likely tokens. One pass over the vocabulary plus a
     * partial selection; tokens with a logit of −∞ have probability 0 and add nothing to the entropy.
     *
     * @throws IllegalStateException when a logit is NaN or +∞ (a broken model), as {@link #sample} does
     */
    static Choice report(float[] logits, int id, int alternatives) {
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            checkLogit(logits[i], i);
            best = Math.max(best, logits[i]);
        }
        if (best == Float.NEGATIVE_INFINITY) throw new IllegalStateException("every token has probability 0");
        double total = 0;
        double weighted = 0; // sum of e^(l - best) * (l - best)
        for (float l : logits) {
            double shifted = l - best;
            double e = Math.exp(shifted);
            if (e == 0) continue;
            total += e;
            weighted += e * shifted;
        }
        double logTotal = Math.log(total);
        double entropy = Math.max(0, logTotal - weighted / total);
        int[] order = topIndices(logits, alternatives);
        List<Candidate> top = new ArrayList<>(order.length);
        for (int candidate : order) top.add(new Candidate(candidate, (float) Math.exp(logits[candidate] - best - logTotal)));
        float probability = (float) Math.exp(logits[id] - best - logTotal);
        return new Choice(id, probability, (float) entropy, top);
    }

    /** The distribution a non-greedy draw is made from, for the current history (does not draw). */
    public TokenDistribution distribution(float[] logits) {
        if (settings.temperature() == 0) throw new IllegalStateException("greedy decoding draws from no distribution");
        return filtered(penalise(logits));
    }

    private float[] penalise(float[] logits) {
        float[] out = logits.clone();
        for (int i = 0; i < out.length; i++) checkLogit(out[i], i);
        double repetition = settings.repetitionPenalty();
        if (repetition != 1) {
            for (int id = inContext.nextSetBit(0); id >= 0 && id < out.length; id = inContext.nextSetBit(id + 1)) {
                out[id] = (float) (out[id] > 0 ? out[id] / repetition : out[id] * repetition);
            }
        }
        double presence = settings.presencePenalty();
        if (presence != 0) {
            for (int id = generated.nextSetBit(0); id >= 0 && id < out.length; id = generated.nextSetBit(id + 1)) {
                out[id] = (float) (out[id] - presence);
            }
        }
        return out;
    }

    /** A NaN or +∞ logit means the model is broken: no probability can be drawn or reported from it. */
    private static void checkLogit(float logit, int id) {
        if (Float.isNaN(logit) || logit == Float.POSITIVE_INFINITY) {
            throw new IllegalStateException("the model produced a logit of " + logit + " (token " + id + ")");
        }
    }

    private static int greedy(float[] logits) {
        int id = topIndices(logits, 1)[0];
        if (logits[id] == Float.NEGATIVE_INFINITY) throw new IllegalStateException("every token has probability 0");
        return id;
    }

    private int draw(float[] logits) {
        TokenDistribution d = filtered(logits);
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < d.size(); i++) {
            cumulative += d.probabilities()[i];
            if (u < cumulative) return d.ids()[i];
        }
        return d.ids()[d.size() - 1];
    }

    /**
     * Tokens more than this below the best one (in logit / temperature, a factor of e^-25 in probability) are
     * sorted only when the filters may reach them; this keeps a 150k vocabulary from being sorted every step.
     */
    static final double CANDIDATE_RANGE = 25;

    private TokenDistribution filtered(float[] logits) {
        double t = settings.temperature();
        float best = Float.NEGATIVE_INFINITY;
        for (float l : logits) best = Math.max(best, l);
        double max = best / t;
        if (best == Float.NEGATIVE_INFINITY) throw new IllegalStateException("every token has probability 0");
        double total = 0;
        for (float l : logits) total += Math.exp(l / t - max);
        int[] candidates = indicesAtLeast(logits, (float) (t * (max - CANDIDATE_RANGE)));
        TokenDistribution d = keep(logits, candidates, max, total, candidates.length == logits.length);
        return d != null ? d : keep(logits, descendingOrder(logits), max, total, true);
    }

    /**
     * Applies top-k, then top-p, then min-p to the most-likely-first prefix {@code order} of the vocabulary.
     *
     * @param complete {@code order} holds every token
     * @return the renormalised survivors, or null when {@code order} is not complete and the filters could
     *         keep tokens beyond it
     */
    private TokenDistribution keep(float[] logits, int[] order, double max, double total, boolean complete) {
        double t = settings.temperature();
        double[] p = new double[order.length]; // unnormalised, most likely first; -inf logits give exactly 0
        for (int i = 0; i < order.length; i++) p[i] = Math.exp(logits[order[i]] / t - max);
        int kept = order.length;
        while (kept > 1 && p[kept - 1] == 0) kept--;
        boolean bounded = complete; // the survivors are known to lie within order
        double mass = total;
        if (settings.topK() > 0) {
            if (!complete && order.length < settings.topK()) return null;
            kept = Math.min(kept, settings.topK());
            bounded = true;
            mass = sum(p, kept);
        }
        if (settings.topP() < 1) {
            double cumulative = 0;
            for (int i = 0; i < kept; i++) {
                cumulative += p[i] / mass;
                if (cumulative >= settings.topP()) {
                    kept = i + 1;
                    bounded = true;
                    break;
                }
            }
        }
        if (settings.minP() > 0) {
            // survivors have logit / t >= max + ln(minP): inside the candidate range (one unit spare for rounding)
            bounded |= -Math.log(settings.minP()) <= CANDIDATE_RANGE - 1;
            double floor = settings.minP() * p[0];
            int i = 1;
            while (i < kept && p[i] >= floor) i++;
            kept = i;
        }
        if (!bounded) return null;
        double keptMass = sum(p, kept);
        int[] ids = Arrays.copyOf(order, kept);
        double[] probabilities = new double[kept];
        for (int i = 0; i < kept; i++) probabilities[i] = p[i] / keptMass;
        return new TokenDistribution(ids, probabilities);
    }

    private static double sum(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) sum += values[i];
        return sum;
    }

    /** Indices of the values at least {@code floor}, by descending value, ties by ascending index. */
    static int[] indicesAtLeast(float[] values, float floor) {
        long[] keys = new long[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= floor) keys[n++] = sortKey(values[i], i);
        }
        Arrays.sort(keys, 0, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keys[i];
        return order;
    }

    /** All indices by descending value, ties by ascending index. */
    static int[] descendingOrder(float[] values) {
        return indicesAtLeast(values, Float.NEGATIVE_INFINITY);
    }

    /** The {@code n} largest indices by descending value, ties by ascending index, without a full sort. */
    static int[] topIndices(float[] values, int n) {
        int count = Math.min(n, values.length);
        long[] best = new long[count];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int i = 0; i < values.length; i++) {
            long key = sortKey(values[i], i);
            if (key >= best[count - 1]) continue;
            int j = count - 1;
            while (j > 0 && best[j - 1] > key) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = key;
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = (int) best[i];
        return out;
    }

    /** A key whose ascending order is descending value then ascending index (index in the low 32 bits). */
    private static long sortKey(float value, int index) {
        int bits = Float.floatToIntBits(value);
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff); // float order as signed int order
        return ((long) ~ascending << 32) | index;
    }
}
