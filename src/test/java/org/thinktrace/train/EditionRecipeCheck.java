package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.thinktrace.model.RuntimeSettings.MklDispatch;

/** Checks a later edition's recipe against the edition it changes. */
final class EditionRecipeCheck {

    private EditionRecipeCheck() {
    }

    /**
     * Asserts that recipe {@code id} trains {@code edition} (written as {@code number} in {@code config.json}) for 15,500
     * steps with oneMKL's CPU-feature kernels, and that its teacher has {@code base}'s families, shares and phrasings.
     */
    static void assertFifteenThousandFiveHundredStepsWithTheSharesOf(Teacher base, String id, TeacherEdition edition,
                                                                       int number) {
        TrainingRecipe recipe = TrainingRecipe.byId(id);
        assertEquals(edition, recipe.teacher());
        assertEquals(15_500, recipe.settings().steps());
        assertEquals(MklDispatch.CPU_FEATURES, recipe.mklDispatch());
        assertEquals(edition, TeacherEdition.of(number));
        Teacher teacher = Teacher.of(edition);
        assertEquals(base.shares().size(), teacher.shares().size());
        for (int f = 0; f < base.shares().size(); f++) {
            assertEquals(base.shares().get(f).family().name(), teacher.shares().get(f).family().name());
            assertEquals(base.shares().get(f).share(), teacher.shares().get(f).share());
            assertEquals(base.shares().get(f).family().phrasings(), teacher.shares().get(f).family().phrasings());
        }
    }
}
