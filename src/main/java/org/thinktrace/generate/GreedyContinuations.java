package org.thinktrace.generate;

import java.util.Arrays;
import java.util.Set;

/** The rules that {@link ModelSession#greedyAfterCuts} follows however it decodes the cuts. */
final class GreedyContinuations {

    private GreedyContinuations() {
    }

    /** @throws IllegalArgumentException naming the value when a cut lies outside the sequence or does not fit */
    static void check(int[] sequence, int[] cuts, int[] suffix, int maxTokens, int contextLength) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("greedy continuations need at least one token, got " + maxTokens);
        }
        if (suffix.length == 0) {
            throw new IllegalArgumentException("greedy continuations need a suffix of at least one token");
        }
        for (int i = 0; i < cuts.length; i++) {
            if (cuts[i] < 1 || cuts[i] > sequence.length) {
                throw new IllegalArgumentException("cut " + i + " at " + cuts[i] + " lies outside the sequence of "
                        + sequence.length + " tokens");
            }
            if (cuts[i] + suffix.length > contextLength) {
                throw new IllegalArgumentException("cut " + i + " at " + cuts[i] + " and a suffix of " + suffix.length
                        + " tokens do not fit the context of " + contextLength);
            }
        }
    }

    /** The greedy tokens of one cut, chosen one by one. */
    static final class Run {
        private final int cut;
        private final int maxTokens;
        private final Set<Integer> stops;
        private final Sampler greedy = new Sampler(SamplingSettings.greedy(), 1);
        private int[] ids = new int[8];
        private float[] probabilities = new float[8];
        private int count;
        private boolean done;

        Run(int cut, int maxTokens, Set<Integer> stops) {
            this.cut = cut;
            this.maxTokens = maxTokens;
            this.stops = stops;
        }

        /**
         * Takes the greedy token of {@code logits}, the model's output after {@code length} cached tokens.
         *
         * @return the token to run next, or -1 when the run is over (a stop token, {@code maxTokens} tokens, or no
         *         room left in a context of {@code contextLength})
         */
        int choose(float[] logits, int length, int contextLength) {
            if (done) throw new IllegalStateException("the run of cut " + cut + " is over");
            Sampler.Choice choice = greedy.sample(logits);
            if (stops.contains(choice.id())) {
                done = true;
                return -1;
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, 2 * count);
                probabilities = Arrays.copyOf(probabilities, 2 * count);
            }
            ids[count] = choice.id();
            probabilities[count] = choice.probability();
            count++;
            if (count == maxTokens || length + 1 > contextLength) {
                done = true;
                return -1;
            }
            return choice.id();
        }

        boolean done() {
            return done;
        }

        GreedyContinuation result() {
            return new GreedyContinuation(cut, Arrays.copyOf(ids, count), Arrays.copyOf(probabilities, count));
        }
    }
}
