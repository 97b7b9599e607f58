package org.thinktrace.inspect;

/**
 * Surprisal and entropy over a range of tokens. All figures are in nats (natural logarithm).
 *
 * <p>Surprisal of a token is {@code −ln p}, where {@code p} is the probability the model gave the token it
 * produced. {@code p} is clamped to at least {@link #MIN_PROBABILITY} (the smallest half float, the precision
 * probabilities are stored at) so that a stored 0 gives a finite surprisal of about 16.6 nats. Tokens whose
 * {@code p} is NaN are left out; tokens whose entropy is NaN are left out of the entropy mean only.
 *
 * @param tokens        how many tokens had a surprisal
 * @param surprisalMean mean surprisal, NaN when {@code tokens == 0}
 * @param surprisalMax  largest surprisal, NaN when {@code tokens == 0}
 * @param entropyMean   mean entropy over the tokens that have one, NaN when none has
 */
public record TokenStats(int tokens, double surprisalMean, double surprisalMax, double entropyMean) {

    /** The smallest positive half float, 2^−24: probabilities are stored to half-float precision. */
    public static final double MIN_PROBABILITY = 0x1p-24;

    /** Statistics of no tokens (all NaN). */
    public static final TokenStats NONE = new TokenStats(0, Double.NaN, Double.NaN, Double.NaN);

    /** {@code −ln p} in nats, {@code p} clamped to at least {@link #MIN_PROBABILITY}; NaN for NaN. */
    public static double surprisal(float p) {
        if (Float.isNaN(p)) return Double.NaN;
        return -Math.log(Math.max(Math.min(p, 1.0), MIN_PROBABILITY));
    }

    /** The statistics of {@code range} of {@code tokens} (indices clipped to the tokens present). */
    public static TokenStats over(TraceTokens tokens, Span range) {
        int from = Math.min(range.from(), tokens.size());
        int to = Math.min(range.to(), tokens.size());
        int count = 0;
        int entropyCount = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double entropySum = 0;
        for (int i = from; i < to; i++) {
            InspectedToken token = tokens.get(i);
            double s = surprisal(token.p());
            if (!Double.isNaN(s)) {
                count++;
                sum += s;
                max = Math.max(max, s);
            }
            if (!Float.isNaN(token.entropy())) {
                entropyCount++;
                entropySum += token.entropy();
            }
        }
        return new TokenStats(count, count == 0 ? Double.NaN : sum / count, count == 0 ? Double.NaN : max,
                entropyCount == 0 ? Double.NaN : entropySum / entropyCount);
    }
}
