package org.thinktrace.generate;

/**
 * The tokens a sampling step may draw, most likely first, with their probabilities (summing to 1).
 * Ties are ordered by ascending id. The arrays are owned by this object and never modified.
 *
 * @param ids           candidate token ids, most likely first
 * @param probabilities {@code probabilities[i]} is the probability of {@code ids[i]}
 */
public record TokenDistribution(int[] ids, double[] probabilities) {

    public TokenDistribution {
        if (ids.length != probabilities.length || ids.length == 0) {
            throw new IllegalArgumentException("a distribution needs as many probabilities as ids, at least one");
        }
    }

    public int size() {
        return ids.length;
    }

    /** The probability of {@code id}, 0 when it is not a candidate. */
    public double probabilityOf(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) return probabilities[i];
        }
        return 0;
    }
}
