package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The thirty-second edition of the teacher: the thirty-first edition with out-of-scope training questions that ask to
 * translate a quoted phrase and end in the language.
 */
class ThirtySecondEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_FIRST = Teacher.of(TeacherEdition.THIRTY_FIRST);
    private static final Teacher THIRTY_SECOND = Teacher.of(TeacherEdition.THIRTY_SECOND);
    private static final List<String> SPOKEN = List.of("French", "Spanish", "German", "Japanese", "Italian");

    @Test
    void theThirtySecondEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-second-edition", TeacherEdition.THIRTY_SECOND,
                32, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope"));
        assertEquals("thirty-second", TeacherEdition.THIRTY_SECOND.label());
        assertTrue(TeacherEdition.THIRTY_SECOND.asksQuotedTranslations());
        assertFalse(TeacherEdition.THIRTY_FIRST.asksQuotedTranslations());
        assertTrue(TeacherEdition.THIRTY_SECOND.asksInMoreKindsOfSentence());
        assertTrue(TeacherEdition.THIRTY_SECOND.rechecksWrongAnswersMoreOften());
    }

    /** Only the out-of-scope family adds templates: training translations, none held out. */
    @Test
    void theOutOfScopeFamilyAddsTrainingTranslationsOnly() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_FIRST, THIRTY_SECOND).forEach((family, added) -> {
            if (family.inScope()) {
                assertEquals(List.of(), added, family.name());
            } else {
                assertTrue(added.size() >= 30, added.size() + " out-of-scope templates added");
                added.forEach(p -> {
                    assertTrue(p.name().startsWith("quoted-") && !p.heldOut(), p.toString());
                    assertTrue(p.pattern().contains("{phrase}") && p.pattern().contains("{spoken}"), p.pattern());
                });
            }
        });
    }

    /**
     * The fourth edition's rule, as for the thirty-first edition: no added template shares a four-word run with a held-out
     * template that earlier training templates do not share already, or uses a word only held-out templates use.
     */
    @Test
    void noAddedTranslationSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(THIRTY_FIRST, THIRTY_SECOND);
        assertFalse(added.isEmpty());
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(THIRTY_FIRST, added));
    }

    /**
     * Training sets ask translations in the added templates, each quoting one of the phrases and naming a language, answered
     * by the translation refusal; none reads as the held-out translation template.
     */
    @Test
    void trainingTranslationsInTheAddedTemplatesAreRefused() {
        Phrasing heldOut = THIRTY_SECOND.shares().stream().filter(s -> !s.family().inScope()).findFirst().orElseThrow()
                .family().phrasings().stream().filter(p -> p.name().equals("what-is-in")).findFirst().orElseThrow();
        int asked = 0;
        for (Problem p : THIRTY_SECOND.trainingSet(6_000, 32)) {
            if (!p.context().isEmpty() || !p.phrasing().startsWith("quoted-")) {
                continue;
            }
            asked++;
            assertTrue(OutOfScopeFamily.isRefusal(p.response()), p.response());
            assertTrue(p.response().contains("This asks for a translation"), p.response());
            assertTrue(SPOKEN.stream().anyMatch(p.question()::contains), p.question());
            assertFalse(heldOut.reads(p.question()), p.question());
        }
        assertTrue(asked >= 10, asked + " translations in the added templates");
    }

    /** Evaluation problems and out-of-scope questions are drawn as the eighth edition draws them. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_SECOND, 8, 1);
    }
}
