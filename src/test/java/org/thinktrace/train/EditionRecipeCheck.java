package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/** Checks a later edition's recipe and training set against the edition it changes. */
final class EditionRecipeCheck {

    private EditionRecipeCheck() {
    }

    /**
     * Asserts that recipe {@code id} trains {@code edition} (written as {@code number} in {@code config.json}) for 15,500
     * steps with oneMKL's CPU-feature kernels, and that its teacher has {@code base}'s families, shares and phrasings.
     */
    static void assertFifteenThousandFiveHundredStepsWithTheSharesOf(Teacher base, String id, TeacherEdition edition,
                                                                       int number) {
        assertRecipeWithTheSharesOf(base, id, edition, number, 15_500, Set.of());
    }

    /**
     * Asserts that recipe {@code id} trains {@code edition} (written as {@code number} in {@code config.json}) for
     * {@code steps} steps with oneMKL's CPU-feature kernels, and that its teacher has {@code base}'s families and shares,
     * and {@code base}'s phrasings in every family but those of {@code withNewTemplates}.
     */
    static void assertRecipeWithTheSharesOf(Teacher base, String id, TeacherEdition edition, int number, int steps,
                                            Set<String> withNewTemplates) {
        TrainingRecipe recipe = TrainingRecipe.byId(id);
        assertEquals(edition, recipe.teacher());
        assertEquals(steps, recipe.settings().steps());
        assertEquals(MklDispatch.CPU_FEATURES, recipe.mklDispatch());
        assertEquals(edition, TeacherEdition.of(number));
        Teacher teacher = Teacher.of(edition);
        assertEquals(base.shares().size(), teacher.shares().size());
        for (int f = 0; f < base.shares().size(); f++) {
            TaskFamily family = teacher.shares().get(f).family();
            assertEquals(base.shares().get(f).family().name(), family.name());
            assertEquals(base.shares().get(f).share(), teacher.shares().get(f).share());
            if (!withNewTemplates.contains(family.name())) {
                assertEquals(base.shares().get(f).family().phrasings(), family.phrasings());
            }
        }
    }

    /** A training problem of the earlier edition and the later edition's problem in its place. */
    record Pair(Problem before, Problem after) {
    }

    /**
     * Asserts that {@code later}'s first {@code count} training problems of data seed {@code seed} ask and answer what
     * {@code base}'s ask and answer (same question, same answer, pair by pair); returns the pairs in order.
     */
    static List<Pair> pairsAskingTheSame(Teacher base, Teacher later, int count, long seed) {
        List<Pair> pairs = pairsAnsweringTheSame(base, later, count, seed);
        for (Pair pair : pairs) {
            assertEquals(pair.before().question(), pair.after().question());
        }
        return pairs;
    }

    /**
     * Asserts that {@code later}'s first {@code count} training problems of data seed {@code seed} are as many as {@code
     * base}'s, each with the same answer and as many earlier turns as {@code base}'s in its place; returns the pairs in
     * order.
     */
    static List<Pair> pairsAnsweringTheSame(Teacher base, Teacher later, int count, long seed) {
        List<Problem> before = base.trainingSet(count, seed);
        List<Problem> after = later.trainingSet(count, seed);
        assertEquals(before.size(), after.size());
        List<Pair> pairs = new ArrayList<>(before.size());
        for (int i = 0; i < before.size(); i++) {
            Problem a = before.get(i);
            Problem b = after.get(i);
            assertEquals(a.answer(), b.answer());
            assertEquals(a.context().size(), b.context().size());
            pairs.add(new Pair(a, b));
        }
        return pairs;
    }

    /**
     * Asserts that {@code later}'s first {@code count} training problems of data seed {@code seed} ask and answer what
     * {@code base}'s ask and answer, and that each response is {@code base}'s once {@code withoutAdditions} removes what
     * the later edition adds; returns how many responses differ, per family.
     */
    static Map<String, Integer> changedFamiliesWhenOnlyAdditionsDiffer(Teacher base, Teacher later, int count, long seed,
                                                                     UnaryOperator<String> withoutAdditions) {
        Map<String, Integer> changed = new HashMap<>();
        for (Pair pair : pairsAskingTheSame(base, later, count, seed)) {
            Problem a = pair.before();
            Problem b = pair.after();
            assertEquals(a.response(), withoutAdditions.apply(b.response()), "the earlier edition's trace with additions: " + b.response());
            if (!a.response().equals(b.response())) {
                changed.merge(b.family(), 1, Integer::sum);
            }
        }
        return changed;
    }

    /**
     * Asserts that {@code later}'s first {@code count} training problems of data seed {@code seed} ask and answer what
     * {@code base}'s ask and answer, earlier turns included, that every response (earlier turns' too) is {@code base}'s
     * but for at most one line, each such pair of lines passed to {@code changedLine} (base's line, then the later
     * one's) to check, and that a problem's own response differs exactly when {@code changes} holds for it; returns
     * how many problems' own responses differ.
     */
    static int responsesDifferingInOneLine(Teacher base, Teacher later, int count, long seed, Predicate<Problem> changes,
                                           BiConsumer<String, String> changedLine) {
        int changed = 0;
        for (Pair pair : pairsAskingTheSame(base, later, count, seed)) {
            Problem a = pair.before();
            Problem b = pair.after();
            assertEquals(a.context().size(), b.context().size());
            for (int t = 0; t < a.context().size(); t++) {
                assertEquals(a.context().get(t).question(), b.context().get(t).question());
                differsInOneLine(a.context().get(t).response(), b.context().get(t).response(), changedLine);
            }
            boolean differs = differsInOneLine(a.response(), b.response(), changedLine);
            assertEquals(changes.test(b), differs, b.response());
            changed += differs ? 1 : 0;
        }
        return changed;
    }

    /** Whether the two responses differ, which they may only in one line. */
    private static boolean differsInOneLine(String base, String later, BiConsumer<String, String> changedLine) {
        List<String> a = base.lines().toList();
        List<String> b = later.lines().toList();
        assertEquals(a.size(), b.size(), later);
        int differing = 0;
        for (int l = 0; l < a.size(); l++) {
            if (a.get(l).equals(b.get(l))) continue;
            differing++;
            changedLine.accept(a.get(l), b.get(l));
        }
        assertTrue(differing <= 1, later);
        return differing == 1;
    }
}
