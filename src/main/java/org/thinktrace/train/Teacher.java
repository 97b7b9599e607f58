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
 */
public final class Teacher {

    private final List<TaskFamily> families;

    public Teacher(List<TaskFamily> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("a teacher needs at least one task family");
        }
        this.families = List.copyOf(families);
    }

    /** A teacher with every family the shipped model is trained on. */
    public static Teacher standard() {
        return new Teacher(List.of(new AdditionFamily(), new SubtractionFamily(), new MultiplicationFamily(),
                new DecimalComparisonFamily(), new LetterCountFamily(), new SortingFamily(),
                new ListStatisticsFamily(), new PrimalityFamily(), new WordProblemFamily(), new WeekdayFamily()));
    }

    public List<TaskFamily> families() {
        return families;
    }

    /** {@code count} training problems, the families taking turns. */
    public List<Problem> trainingSet(int count, long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(draw(families.get(i % families.size()), rnd, DataSplit.TRAIN));
        }
        return out;
    }

    /**
     * {@code perFamily} evaluation problems of each family. Keys are distinct within a family while the
     * family's evaluation share has unused keys; a family with a small problem space (primality
     * below 200) repeats keys, with other phrasings, once they are used up.
     */
    public List<Problem> evaluationSet(int perFamily, long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>();
        for (TaskFamily family : families) {
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
