package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fortieth edition of the teacher: the thirty-ninth edition with letter counts that name what is counted with a
 * noun before the letter ("count the appearances of e in civic").
 */
class FortiethEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_NINTH = Teacher.of(TeacherEdition.THIRTY_NINTH);
    private static final Teacher FORTIETH = Teacher.of(TeacherEdition.FORTIETH);
    /** A noun, "of", the letter and "in": what the added templates put before the word. */
    private static final Pattern NOUN_OF_LETTER = Pattern.compile("(?i)\\b([a-z]+) of ([a-z])'?s? in ");

    @Test
    void theFortiethEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "fortieth-edition", TeacherEdition.FORTIETH,
                40, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("fortieth", TeacherEdition.FORTIETH.label());
        assertTrue(TeacherEdition.FORTIETH.namesTheCountBeforeTheLetter());
        assertFalse(TeacherEdition.THIRTY_NINTH.namesTheCountBeforeTheLetter());
        assertTrue(TeacherEdition.FORTIETH.asksWorldFactsAndFunctionsLikeProblems());
        assertTrue(TeacherEdition.FORTIETH.asksPastDecoysAndIntoContainers());
    }

    /**
     * The averaged recipe is the fortieth edition's exporting the average of the weights after steps 22,500 to 25,000
     * (a tenth of the steps, scaled with them); every other recipe exports the last step's, and a fraction outside
     * [0, 1) is refused.
     */
    @Test
    void theAveragedRecipeExportsTheAverageOfTheLastTenthOfItsSteps() {
        TrainingRecipe averaged = TrainingRecipe.fortiethEditionAveraged();
        TrainingRecipe plain = TrainingRecipe.fortiethEdition();
        assertEquals("fortieth-edition-averaged", averaged.id());
        assertEquals(plain.withAveragedTail(0.1f), new TrainingRecipe(plain.name(), plain.id(), plain.teacher(),
                plain.problems(), plain.dataSeed(), plain.vocabSize(), plain.smokeShape(), plain.context(), plain.initStd(),
                plain.settings(), plain.mklDispatch(), averaged.averagedTail()));
        assertEquals(22_500, averaged.exportedAverageFrom());
        assertEquals(900, averaged.withSteps(1_000).exportedAverageFrom());
        assertEquals(22_500, averaged.withSeed(2).exportedAverageFrom());
        assertEquals(" --recipe fortieth-edition-averaged", averaged.trainArguments());
        for (TrainingRecipe recipe : TrainingRecipe.all()) {
            boolean averages = Set.of(averaged.id(), "shipped", "forty-first-edition", "forty-second-edition",
                    "forty-third-edition", "forty-fourth-edition", "forty-fifth-edition").contains(recipe.id());
            assertEquals(averages ? 22_500 : 0, recipe.exportedAverageFrom(), recipe.id());
        }
        for (float bad : new float[] {-0.1f, 1f, Float.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> plain.withAveragedTail(bad), String.valueOf(bad));
        }
    }

    /**
     * Only letter counts add templates, training ones under the "nouns-" prefix, and their nouns begin with many
     * different letters.
     */
    @Test
    void onlyLetterCountsAddTrainingTemplatesWithNounsOfManyFirstLetters() {
        ThirtyFirstEditionTeacherTest.assertOnlyAddsTrainingTemplatesUnder(THIRTY_NINTH, FORTIETH, "letter-count",
                List.of("nouns-"), 40);
        Set<Character> firstLetters = new HashSet<>();
        LetterCountFamily.NOUNS_BEFORE_THE_LETTER.forEach(noun -> firstLetters.add(noun.charAt(0)));
        assertTrue(firstLetters.size() >= 10, firstLetters.toString());
    }

    /**
     * The thirty-first edition's rule holds for the added templates, and none uses "occurrences", the noun of the
     * held-out template whose reading they teach.
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        Set<String> heldOutOnly = ThirtyFirstEditionTeacherTest.heldOutOnlyWords(THIRTY_NINTH);
        assertTrue(heldOutOnly.contains("occurrences"), heldOutOnly.toString());
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(THIRTY_NINTH, FORTIETH);
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(THIRTY_NINTH, added));
        added.forEach(p -> assertFalse(p.pattern().toLowerCase(Locale.ROOT).contains("occurrence"), p.pattern()));
    }

    /**
     * Training sets ask letter counts in the added templates, each counting the letter after "of" in its word, not the
     * noun's first letter, answered by an independent solver; none reads as a held-out template.
     */
    @Test
    void trainingQuestionsInTheAddedTemplatesCountTheLetterAfterTheNoun() {
        Map<String, Predicate<String>> heldOut = ThirtyFirstEditionTeacherTest.heldOutReaders(FORTIETH);
        int asked = 0;
        int nounStartsOtherwise = 0;
        for (Problem p : FORTIETH.trainingSet(4_000, 40)) {
            if (!p.context().isEmpty() || !p.family().equals("letter-count") || !p.phrasing().startsWith("nouns-")) {
                continue;
            }
            asked++;
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            assertEquals(FourthEditionTeacherTest.independentAnswer(p), p.answer(), p.question());
            ThirtyFirstEditionTeacherTest.assertAsksItsOwnProblem(p);
            String[] key = p.key().split(":");
            Matcher named = NOUN_OF_LETTER.matcher(p.question());
            assertTrue(named.find(), p.question());
            assertEquals(key[1], named.group(2).toLowerCase(Locale.ROOT), p.question());
            assertTrue(p.response().contains("Go through " + key[2] + " letter by letter, counting " + key[1] + ":"),
                    p.response());
            if (named.group(1).toLowerCase(Locale.ROOT).charAt(0) != key[1].charAt(0)) {
                nounStartsOtherwise++;
            }
        }
        assertTrue(asked >= 20, asked + " questions in the added templates");
        assertTrue(nounStartsOtherwise >= asked / 2, nounStartsOtherwise + " of " + asked);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTIETH, 8, 1);
    }
}
