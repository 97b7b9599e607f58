package org.thinktrace.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Which examples form the batch of each training step. Examples are sorted by length and cut into
 * batches of similar length whose padded size ({@code count × longest}) stays within a token
 * budget, so little compute goes to padding. Batches of long examples are cut further, so that
 * {@code count × longest²} stays within {@code budget × }{@link #ATTENTION_SPAN}: the attention
 * tensors kept for backward grow with the square of the length and would otherwise dominate memory. Every epoch visits each batch once, in an order
 * shuffled by {@code seed + epoch}: the batch of step {@code s} is a pure function of {@code s},
 * which is what makes resumed training identical to uninterrupted training.
 */
final class BatchPlan {

    /** Length up to which a batch may use its whole token budget; longer batches get fewer rows. */
    static final int ATTENTION_SPAN = 256;

    private final List<int[]> batches;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    BatchPlan(List<TrainingExample> examples, int tokenBudget, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.seed = seed;
        int[] byLength = IntStream.range(0, examples.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> examples.get(i).length()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int index : byLength) {
            int longest = examples.get(index).length();
            long rows = current.size() + 1;
            boolean full = rows * longest > tokenBudget
                    || rows * longest * longest > (long) tokenBudget * ATTENTION_SPAN;
            if (!current.isEmpty() && full) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
            current.add(index);
        }
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        this.batches = List.copyOf(out);
    }

    /** Batches per epoch. */
    int batchesPerEpoch() {
        return batches.size();
    }

    /** Indices of the examples of step {@code step} (0-based). */
    int[] batchAt(long step) {
        int epoch = Math.toIntExact(step / batches.size());
        if (epoch != cachedEpoch) {
            cachedOrder = shuffled(batches.size(), new SplittableRandom(seed + epoch));
            cachedEpoch = epoch;
        }
        return batches.get(cachedOrder[(int) (step % batches.size())]).clone();
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
