package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks the forks of a response: the tokens whose next-token distribution had the highest entropy.
 * High-entropy tokens are the minority of a chain of thought where the reasoning can branch (Wang et al. 2025,
 * "Beyond the 80/20 Rule", arXiv 2506.01939); Forking Paths (Bigelow et al. 2024, arXiv 2412.07961) shows that
 * resampling at single tokens can change the outcome. Entropy ranks the candidates here; whether a fork really
 * changes the answer is what branching and resampling measure.
 *
 * <p>All generated tokens are candidates, thinking and answer. Tokens with NaN entropy are never forks. Ties go
 * to the earlier token. The result is ordered by entropy, highest first.
 */
public final class ForkFinder {

    /** How many forks are reported unless asked otherwise. */
    public static final int DEFAULT_COUNT = 10;

    private ForkFinder() {
    }

    /** The {@code count} tokens of {@code tokens} with the highest entropy, highest first. */
    public static List<Fork> find(TraceTokens tokens, int count) {
        if (count < 0) throw new IllegalArgumentException("fork count must be >= 0, got " + count);
        Comparator<Integer> rank = Comparator.<Integer>comparingDouble(i -> tokens.get(i).entropy()).reversed()
                .thenComparing(Comparator.naturalOrder());
        // the weakest kept candidate at the head, so that a better one can replace it
        PriorityQueue<Integer> best = new PriorityQueue<>(rank.reversed());
        for (int i = 0; i < tokens.size(); i++) {
            if (Float.isNaN(tokens.get(i).entropy())) continue;
            best.add(i);
            if (best.size() > count) best.poll();
        }
        List<Integer> chosen = new ArrayList<>(best);
        chosen.sort(rank);
        return chosen.stream().map(i -> {
            InspectedToken t = tokens.get(i);
            return new Fork(i, t.text(), t.p(), t.entropy(), t.alternatives());
        }).toList();
    }
}
