package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The forty-fourth edition of the teacher: the forty-third edition, with out-of-scope training questions that ask rates
 * and conversions between units, refused as mathematics beyond the model's problems.
 */
class FortyFourthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FORTY_THIRD = Teacher.of(TeacherEdition.FORTY_THIRD);
    private static final Teacher FORTY_FOURTH = Teacher.of(TeacherEdition.FORTY_FOURTH);
    private static final List<String> PREFIXES = List.of("rates-", "units-");

    @Test
    void theRecipeTrainsTheFortyThirdEditionsFamiliesAndExportsTheAverageOfItsLastTenth() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(FORTY_THIRD, "forty-fourth-edition", TeacherEdition.FORTY_FOURTH,
                44, 25_000, Set.of("out-of-scope"));
        assertEquals(22_500, TrainingRecipe.fortyFourthEdition().exportedAverageFrom());
        assertEquals("forty-fourth", TeacherEdition.FORTY_FOURTH.label());
        assertTrue(TeacherEdition.FORTY_FOURTH.asksRatesAndUnitsOutOfScope());
        assertFalse(TeacherEdition.FORTY_THIRD.asksRatesAndUnitsOutOfScope());
        assertTrue(TeacherEdition.FORTY_FOURTH.asksTheLowerEdges());
        assertTrue(TeacherEdition.FORTY_FOURTH.asksTheTimesTable());
    }

    /** Only the out-of-scope family adds templates: training templates under the two prefixes, at least 15 of each. */
    @Test
    void onlyTheOutOfScopeFamilyAddsTrainingTemplates() {
        ThirtyFirstEditionTeacherTest.assertOnlyAddsTrainingTemplatesUnder(FORTY_THIRD, FORTY_FOURTH, "out-of-scope",
                PREFIXES, 15);
    }

    /**
     * The thirty-first edition's rule holds, and no added template asks what the held-out mathematics questions ask
     * about: no logarithm, no equation in x.
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(FORTY_THIRD, FORTY_FOURTH);
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(FORTY_THIRD, added));
        for (Phrasing p : added) {
            List<String> words = List.of(p.pattern().toLowerCase(Locale.ROOT).split("[^a-z^]+"));
            for (String word : List.of("log", "logarithm", "base", "x^", "solve")) {
                assertFalse(words.contains(word), p.pattern());
            }
        }
    }

    /**
     * About one out-of-scope training question in {@link OutOfScopeFamily#RATES_AND_UNITS_ONE_IN} asks a rate or a unit
     * (none in the forty-third edition), every one refused with the thought that it is mathematics beyond the model's
     * problems, its numbers filled in, and none reads as a held-out template.
     */
    @Test
    void oneOutOfScopeTrainingQuestionInEightAsksARateOrAUnitAndIsRefused() {
        for (TeacherEdition edition : List.of(TeacherEdition.FORTY_THIRD, TeacherEdition.FORTY_FOURTH)) {
            OutOfScopeFamily family = new OutOfScopeFamily(edition);
            Predicate<String> heldOut = Phrasing.readerOfAny(family.phrasings().stream().filter(Phrasing::heldOut).toList());
            SplittableRandom rnd = new SplittableRandom(44);
            int asked = 0;
            int ratesAndUnits = 0;
            for (int n = 0; n < 8_000; n++) {
                Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
                asked++;
                assertTrue(OutOfScopeFamily.isRefusal(p.response()), p.response());
                if (PREFIXES.stream().noneMatch(p.phrasing()::startsWith)) {
                    continue;
                }
                ratesAndUnits++;
                assertTrue(p.response().contains("This asks for mathematics beyond my problems"), p.response());
                assertTrue(p.question().matches(".*\\d.*") && !p.question().contains("{"), p.question());
                assertFalse(heldOut.test(p.question()), p.question());
            }
            if (edition == TeacherEdition.FORTY_THIRD) {
                assertEquals(0, ratesAndUnits);
            } else {
                assertEquals(1.0 / OutOfScopeFamily.RATES_AND_UNITS_ONE_IN, ratesAndUnits / (double) asked, 0.02,
                        ratesAndUnits + " of " + asked);
            }
        }
    }

    /** The probe's rates and units are asked in none of the training templates, so that it measures more than recall. */
    @Test
    void theProbesRatesAndUnitsReadAsNoTrainingTemplate() {
        List<Phrasing> training = new OutOfScopeFamily(TeacherEdition.FORTY_FOURTH).phrasings().stream()
                .filter(p -> !p.heldOut()).toList();
        for (Evaluator.Question q : RatesAndUnits.questions()) {
            if (q.problem().family().equals("out-of-scope")) {
                training.forEach(p -> assertFalse(p.reads(q.problem().question()), q.problem().question() + " reads as " + p));
            }
        }
    }

    /** The evaluation asks exactly what the eighth edition's asks: the change is to training problems only. */
    @Test
    void itsEvaluationIsTheEighthEditions() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTY_FOURTH, 8, 1);
    }
}
