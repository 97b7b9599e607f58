package org.thinktrace.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Poses problems from every {@link TaskFamily} and returns them with their solutions, drawn from
 * one side of the fixed {@link DataSplit}. Same seed, same problems.
 *
 * <p>Training problems follow each family's {@link FamilyShare#share() share}; evaluation sets
 * always hold the same number of problems per family.
 */
public final class Teacher {

    /**
     * A family and how many problems it gets in every round of {@code sum of shares} training problems.
     *
     * @param share at least 1
     */
    public record FamilyShare(TaskFamily family, int share) {
        public FamilyShare {
            if (share < 1) {
                throw new IllegalArgumentException("share of " + family.name() + " must be at least 1, was " + share);
            }
        }
    }

    private final List<FamilyShare> shares;
    /** The family of each position in one round of training problems, shares interleaved. */
    private final List<TaskFamily> round;

    private Teacher(List<FamilyShare> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a teacher needs at least one task family");
        }
        this.shares = List.copyOf(shares);
        this.round = interleave(this.shares);
    }

    /** A teacher whose training problems come from the families in proportion to their shares. */
    public static Teacher withShares(List<FamilyShare> shares) {
        return new Teacher(shares);
    }

    /** A teacher whose families have equal shares of the training problems. */
    public static Teacher evenly(List<TaskFamily> families) {
        return withShares(families.stream().map(f -> new FamilyShare(f, 1)).toList());
    }

    /**
     * A teacher with every family the shipped model is trained on. Families the model learns slowly
     * (spelling, comparing numbers, copying long numbers) get larger shares of the training problems;
     * runs 4 to 6 of {@code docs/training.md} measured how each family's accuracy follows its share.
     */
    public static Teacher standard() {
        return withShares(List.of(
                new FamilyShare(new AdditionFamily(), 2),
                new FamilyShare(new SubtractionFamily(), 2),
                new FamilyShare(new MultiplicationFamily(), 3),
                new FamilyShare(new DecimalComparisonFamily(), 4),
                new FamilyShare(new LetterCountFamily(), 8),
                new FamilyShare(new SortingFamily(), 3),
                new FamilyShare(new ListStatisticsFamily(), 4),
                new FamilyShare(new PrimalityFamily(), 3),
                new FamilyShare(new WordProblemFamily(), 4),
                new FamilyShare(new WeekdayFamily(), 2)));
    }

    public List<TaskFamily> families() {
        return shares.stream().map(FamilyShare::family).toList();
    }

    public List<FamilyShare> shares() {
        return shares;
    }

    /** Training problems per round: the sum of the shares. */
    public int roundSize() {
        return round.size();
    }

    /** {@code count} training problems, the families taking turns in proportion to their shares. */
    public List<Problem> trainingSet(int count, long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(draw(round.get(i % round.size()), rnd, DataSplit.TRAIN));
        }
        return out;
    }

    /**
     * One round of families, each appearing {@code share} times, spread evenly (smooth weighted
     * round robin: every turn goes to the family furthest behind its share).
     */
    private static List<TaskFamily> interleave(List<FamilyShare> shares) {
        int total = shares.stream().mapToInt(FamilyShare::share).sum();
        int[] credit = new int[shares.size()];
        List<TaskFamily> round = new ArrayList<>(total);
        for (int turn = 0; turn < total; turn++) {
            int best = 0;
            for (int i = 0; i < shares.size(); i++) {
                credit[i] += shares.get(i).share();
                if (credit[i] > credit[best]) {
                    best = i;
                }
            }
            credit[best] -= total;
            round.add(shares.get(best).family());
        }
        return List.copyOf(round);
    }

    /**
     * {@code perFamily} evaluation problems of each family. Keys are distinct within a family while the
     * family's evaluation share has unused keys; a family with a small problem space (primality
     * below 200) repeats keys, with other phrasings, once they are used up.
     */
    public List<Problem> evaluationSet(int perFamily, long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>();
        for (TaskFamily family : families()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < perFamily; i++) {
                Problem p = draw(family, rnd, DataSplit.EVAL);
                for (int attempt = 0; attempt < 50 && !seen.add(p.key()); attempt++) {
                    p = draw(family, rnd, DataSplit.EVAL);
                }
                out.add(p);
            }
        }
        return out;
    }

    private static Problem draw(TaskFamily family, RandomGenerator rnd, DataSplit split) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Problem p = family.generate(rnd);
            if (p.split() == split) {
                return p;
            }
        }
        throw new IllegalStateException("family " + family.name() + " produced no " + split + " problem in 10000 draws");
    }
}
