package org.thinktrace.train;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The phrasing templates of one kind of question (a family, or one kind within a family), in a
 * fixed order. Drawing a phrasing costs one {@code nextInt} of the generator, whatever the split, so
 * that a family's draws stay aligned when templates are added; templates {@link #withComposed
 * composed from parts} (fourth edition) form a second training pool, drawn half the time, which costs
 * one more draw.
 */
final class Phrasings {

    private final List<Phrasing> all;
    private final List<Phrasing> training;
    private final List<Phrasing> heldOut;
    private final List<Phrasing> composed;

    Phrasings(List<Phrasing> phrasings) {
        this(phrasings, List.of());
    }

    private Phrasings(List<Phrasing> phrasings, List<Phrasing> composed) {
        Set<String> names = new HashSet<>();
        for (Phrasing p : Teacher.concat(phrasings, composed)) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two phrasings are named " + p.name());
            }
        }
        if (composed.stream().anyMatch(Phrasing::heldOut)) {
            throw new IllegalArgumentException("composed phrasings are training phrasings: " + names);
        }
        this.all = Teacher.concat(phrasings, composed);
        this.training = phrasings.stream().filter(p -> !p.heldOut()).toList();
        this.heldOut = phrasings.stream().filter(Phrasing::heldOut).toList();
        this.composed = List.copyOf(composed);
        if (training.isEmpty()) {
            throw new IllegalArgumentException("phrasings need at least one training template: " + names);
        }
    }

    /**
     * These templates and, as a second training pool drawn half the time, every {@code frame} (a
     * pattern with one {@code {op}}) filled with every {@code operation} (a pattern of the values),
     * named {@code name-f-o} by their positions, and every {@code whole} pattern (a frame of its own,
     * such as a word problem). A combination that reads as one of these templates' held-out ones
     * ({@link Phrasing#reads}) is left out, so that composing never rebuilds a held-out template.
     * Composing again adds to the same pool.
     */
    Phrasings withComposed(String name, List<String> frames, List<String> operations, List<String> whole) {
        List<Phrasing> made = new java.util.ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            if (!frames.get(f).contains("{op}")) {
                throw new IllegalArgumentException("frame " + frames.get(f) + " of " + name + " has no {op}");
            }
            for (int o = 0; o < operations.size(); o++) {
                made.add(Phrasing.train(name + "-" + f + "-" + o, frames.get(f).replace("{op}", operations.get(o))));
            }
        }
        for (int w = 0; w < whole.size(); w++) {
            made.add(Phrasing.train(name + "-w" + w, whole.get(w)));
        }
        List<Phrasing> kept = made.stream().filter(p -> heldOut.stream().noneMatch(h -> h.reads(p.pattern()))).toList();
        List<Phrasing> templates = all.subList(0, all.size() - composed.size());
        return new Phrasings(templates, Teacher.concat(composed, kept));
    }

    static Phrasings of(Phrasing... phrasings) {
        return new Phrasings(List.of(phrasings));
    }

    /** These templates followed by {@code more} (before any composed ones). */
    Phrasings plus(Phrasing... more) {
        List<Phrasing> joined = new java.util.ArrayList<>(all.subList(0, all.size() - composed.size()));
        joined.addAll(List.of(more));
        return new Phrasings(joined, composed);
    }

    /** Every template, training and held out, in declaration order, composed ones last. */
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
        List<Phrasing> pool = split == PhrasingSplit.HELD_OUT ? heldOut
                : !composed.isEmpty() && rnd.nextBoolean() ? composed : training;
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
