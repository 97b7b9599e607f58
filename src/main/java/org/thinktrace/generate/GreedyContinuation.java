package org.thinktrace.generate;

/**
 * The tokens a model writes greedily after the first {@code cut} ids of a sequence and a fixed suffix
 * ({@link ModelSession#greedyAfterCuts}).
 *
 * @param cut           how many ids of the sequence came before the suffix
 * @param ids           the greedy tokens, in order, without the stop token that ended them
 * @param probabilities each token's probability under the model's own distribution, in the same order
 */
public record GreedyContinuation(int cut, int[] ids, float[] probabilities) {

    public GreedyContinuation {
        if (ids.length != probabilities.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + probabilities.length + " probabilities");
        }
        ids = ids.clone();
        probabilities = probabilities.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }
}
