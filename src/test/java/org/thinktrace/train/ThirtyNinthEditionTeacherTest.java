package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The thirty-ninth edition of the teacher: the thirty-eighth edition with out-of-scope training questions that ask
 * world facts about a country with the country last after "in", and functions of a number no family computes.
 */
class ThirtyNinthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_EIGHTH = Teacher.of(TeacherEdition.THIRTY_EIGHTH);
    private static final Teacher THIRTY_NINTH = Teacher.of(TeacherEdition.THIRTY_NINTH);
    private static final List<String> PREFIXES = List.of("in-country-", "functions-");

    @Test
    void theThirtyNinthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-ninth-edition", TeacherEdition.THIRTY_NINTH,
                39, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-ninth", TeacherEdition.THIRTY_NINTH.label());
        assertTrue(TeacherEdition.THIRTY_NINTH.asksWorldFactsAndFunctionsLikeProblems());
        assertFalse(TeacherEdition.THIRTY_EIGHTH.asksWorldFactsAndFunctionsLikeProblems());
        assertTrue(TeacherEdition.THIRTY_NINTH.asksPastDecoysAndIntoContainers());
        assertTrue(TeacherEdition.THIRTY_NINTH.closesWithThanksOnly());
    }

    /** Only the out-of-scope family adds templates: training templates under the two prefixes. */
    @Test
    void onlyTheOutOfScopeFamilyAddsTrainingTemplates() {
        ThirtyFirstEditionTeacherTest.assertOnlyAddsTrainingTemplatesUnder(THIRTY_EIGHTH, THIRTY_NINTH, "out-of-scope",
                PREFIXES, 40);
    }

    /**
     * The thirty-first edition's rule holds, and no added question names what the held-out questions it aims at ask
     * about: no "largest", "city" or "language" beside a country, no "log" or "base".
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(THIRTY_EIGHTH, THIRTY_NINTH);
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(THIRTY_EIGHTH, added));
        for (Phrasing p : added) {
            for (String word : List.of("largest", "city", "language", "log ", "base", "speak")) {
                assertFalse(p.pattern().toLowerCase(Locale.ROOT).contains(word), p.pattern());
            }
        }
    }

    /**
     * Training questions in the added templates are refused as out of scope, a world fact ending in its country; none
     * reads as a held-out template, and the evaluation's out-of-scope questions are drawn as before.
     */
    @Test
    void trainingQuestionsInTheAddedTemplatesAreRefused() {
        OutOfScopeFamily family = new OutOfScopeFamily(TeacherEdition.THIRTY_NINTH);
        Predicate<String> heldOut = Phrasing.readerOfAny(family.phrasings().stream().filter(Phrasing::heldOut).toList());
        SplittableRandom rnd = new SplittableRandom(39);
        Map<String, Integer> asked = new HashMap<>();
        for (int n = 0; n < 8_000; n++) {
            Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
            String prefix = PREFIXES.stream().filter(p.phrasing()::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                continue;
            }
            asked.merge(prefix, 1, Integer::sum);
            assertTrue(OutOfScopeFamily.isRefusal(p.response()), p.response());
            assertFalse(heldOut.test(p.question()), p.question());
            if (prefix.equals("in-country-")) {
                assertTrue(p.question().matches(".* in [A-Z][a-z]+[.?]?"), p.question());
            }
        }
        assertEquals(Set.copyOf(PREFIXES), asked.keySet(), asked.toString());
        asked.forEach((prefix, n) -> assertTrue(n >= 50, n + " questions in the " + prefix + " templates"));
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_NINTH, 8, 1);
    }
}
