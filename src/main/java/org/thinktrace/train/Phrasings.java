package org.thinktrace.train;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The phrasing templates of one kind of question (a family, or one kind within a family), in a
 * fixed order. Drawing a phrasing costs one {@code nextInt} of the generator, whatever the split, so
 * that a family's draws stay aligned when templates are added.
 */
final class Phrasings {

    private final List<Phrasing> all;
    private final List<Phrasing> training;
    private final List<Phrasing> heldOut;

    Phrasings(List<Phrasing> phrasings) {
        Set<String> names = new HashSet<>();
        for (Phrasing p : phrasings) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two phrasings are named " + p.name());
            }
        }
        this.all = List.copyOf(phrasings);
        this.training = all.stream().filter(p -> !p.heldOut()).toList();
        this.heldOut = all.stream().filter(Phrasing::heldOut).toList();
        if (training.isEmpty()) {
            throw new IllegalArgumentException("phrasings need at least one training template: " + names);
        }
    }

    static Phrasings of(Phrasing... phrasings) {
        return new Phrasings(List.of(phrasings));
    }

    /** These templates followed by {@code more}. */
    Phrasings plus(Phrasing... more) {
        List<Phrasing> joined = new java.util.ArrayList<>(all);
        joined.addAll(List.of(more));
        return new Phrasings(joined);
    }

    /** Every template, training and held out, in declaration order. */
    List<Phrasing> all() {
        return all;
    }

    /**
     * One template of {@code split}, drawn uniformly.
     *
     * @throws IllegalStateException when {@code split} is held out and this kind holds none out
     *                               (the first edition's phrasings)
     */
    Phrasing pick(RandomGenerator rnd, PhrasingSplit split) {
        List<Phrasing> pool = split == PhrasingSplit.HELD_OUT ? heldOut : training;
        if (pool.isEmpty()) {
            throw new IllegalStateException("no held-out phrasing among " + all.stream().map(Phrasing::name).toList());
        }
        return pool.get(rnd.nextInt(pool.size()));
    }

    /** Draws a template of {@code split} and fills it in; returns the question and the template's name. */
    Asked ask(RandomGenerator rnd, PhrasingSplit split, Map<String, String> values) {
        Phrasing p = pick(rnd, split);
        return new Asked(p.fill(values), p.name());
    }

    /** A question as asked, and the name of the template it was asked in. */
    record Asked(String question, String phrasing) {
    }
}
