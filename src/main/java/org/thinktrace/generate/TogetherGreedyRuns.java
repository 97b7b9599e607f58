package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.thinktrace.model.BranchDecoder;
import org.thinktrace.model.CausalLM;

/**
 * {@link ModelSession#greedyAfterCuts} with the cuts decoded together, up to {@link #MAX_TOGETHER} at a time: the cached
 * sequence is run up to the group's longest cut (reusing what the cache holds), each cut is a branch that reads the
 * cache up to its own cut ({@link CausalLM#branchesAt}), runs the suffix as its own prompt, and then every branch still
 * running takes one greedy token per step, all in one pass. A branch stops as a run alone would (a stop token,
 * {@code maxTokens}, the context full after its own cut), so each cut's tokens are those of a run alone. Used on the
 * model thread only.
 */
final class TogetherGreedyRuns {

    /**
     * The most cuts decoded together: the rows {@code DecoderStack}'s path multiplies as a decode step's
     * ({@code QuantizedProjectionKernel.MAX_GEMV_ROWS}, {@code ProjectionKernel.MAX_HALF_ROWS}); more rows take a
     * prompt's path there, which for FP16 weights widens every weight at every step (ten FP16 convergence probes took
     * 1.24 × the time of one after another when all ten went together, 0.73 × in groups of eight;
     * ConvergenceTogetherProbe). Steps in Java multiply any number of rows on the batched kernels, where the batched
     * products are bound by their multiply-adds from four rows on, so larger groups would save little.
     */
    static final int MAX_TOGETHER = 8;

    private final CachedSequence sequence;
    private final CausalLM model;
    private final int contextLength;
    private final BooleanSupplier cancelled;

    TogetherGreedyRuns(CachedSequence sequence, CausalLM model, int contextLength, BooleanSupplier cancelled) {
        this.sequence = sequence;
        this.model = model;
        this.contextLength = contextLength;
        this.cancelled = cancelled;
    }

    /** As {@link ModelSession#greedyAfterCuts}. */
    List<GreedyContinuation> run(int[] ids, int[] cuts, int[] suffix, int maxTokens, Set<Integer> stops,
                                 IntConsumer finished) {
        GreedyContinuations.check(ids, cuts, suffix, maxTokens, contextLength);
        GreedyContinuation[] results = new GreedyContinuation[cuts.length];
        for (int from = 0; from < cuts.length && !cancelled.getAsBoolean(); from += MAX_TOGETHER) {
            int to = Math.min(cuts.length, from + MAX_TOGETHER);
            runGroup(ids, Arrays.copyOfRange(cuts, from, to), from, suffix, maxTokens, stops, finished, results);
        }
        List<GreedyContinuation> out = new ArrayList<>();
        for (GreedyContinuation result : results) {
            if (result == null) break;
            out.add(result);
        }
        return out;
    }

    /** Cuts {@code first .. first + cuts.length - 1} together, their results into {@code results}. */
    private void runGroup(int[] ids, int[] cuts, int first, int[] suffix, int maxTokens, Set<Integer> stops,
                          IntConsumer finished, GreedyContinuation[] results) {
        int longest = Arrays.stream(cuts).max().orElseThrow();
        int shortest = Arrays.stream(cuts).min().orElseThrow();
        if (sequence.prefill(Arrays.copyOf(ids, longest), cancelled).cancelled()) return;
        // room for the most any branch can write: its suffix and tokens, or what the context leaves after its cut
        int capacity = Math.min(suffix.length + maxTokens - 1, contextLength - shortest);
        int count = cuts.length;
        GreedyContinuations.Run[] runs = new GreedyContinuations.Run[count];
        int[] next = new int[count];
        try (BranchDecoder branches = model.branchesAt(cuts, capacity)) {
            for (int b = 0; b < count; b++) {
                runs[b] = new GreedyContinuations.Run(cuts[b], maxTokens, stops);
                float[] logits = branches.extend(b, suffix);
                next[b] = choose(runs[b], logits, branches, b, capacity);
                if (next[b] < 0) finish(runs[b], first + b, finished, results);
            }
            while (!cancelled.getAsBoolean()) {
                int[] listed = java.util.stream.IntStream.range(0, count).filter(b -> next[b] >= 0).toArray();
                if (listed.length == 0) return;
                int[] tokens = Arrays.stream(listed).map(b -> next[b]).toArray();
                float[][] logits = branches.step(listed, tokens);
                for (int i = 0; i < listed.length; i++) {
                    int b = listed[i];
                    next[b] = choose(runs[b], logits[i], branches, b, capacity);
                    if (next[b] < 0) finish(runs[b], first + b, finished, results);
                }
            }
        }
    }

    /** The run's next token, or -1 when it is over (its branch's room is never the first bound: see runGroup). */
    private int choose(GreedyContinuations.Run run, float[] logits, BranchDecoder branches, int b, int capacity) {
        int token = run.choose(logits, branches.prefixLength(b) + branches.length(b), contextLength);
        return token >= 0 && branches.length(b) >= capacity ? -1 : token;
    }

    private static void finish(GreedyContinuations.Run run, int index, IntConsumer finished,
                               GreedyContinuation[] results) {
        results[index] = run.result();
        finished.accept(index);
    }
}
