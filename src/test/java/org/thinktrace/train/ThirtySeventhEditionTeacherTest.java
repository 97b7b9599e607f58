package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The thirty-seventh edition of the teacher: the thirty-fourth edition with one training question in four closed with
 * the thirty-sixth edition's thanks (less {@link Courtesies#READS_AS_A_SIDE}), and no greeting opening any ({@link
 * Courtesies}).
 */
class ThirtySeventhEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_FOURTH = Teacher.of(TeacherEdition.THIRTY_FOURTH);
    private static final Teacher THIRTY_SEVENTH = Teacher.of(TeacherEdition.THIRTY_SEVENTH);
    private static final Courtesies COURTESIES = Courtesies.of(TeacherEdition.THIRTY_SEVENTH);

    @Test
    void theThirtySeventhEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-seventh-edition", TeacherEdition.THIRTY_SEVENTH,
                37, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-seventh", TeacherEdition.THIRTY_SEVENTH.label());
        assertTrue(TeacherEdition.THIRTY_SEVENTH.closesWithThanksOnly());
        assertFalse(TeacherEdition.THIRTY_SIXTH.closesWithThanksOnly());
        assertTrue(TeacherEdition.THIRTY_SEVENTH.addsCourtesies());
        assertTrue(TeacherEdition.THIRTY_SEVENTH.keepsCourtesiesApartFromSmallTalk());
        assertTrue(TeacherEdition.THIRTY_SEVENTH.swapsNounsAndConnectors());
    }

    @Test
    void noFamilyAddsATemplate() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_FOURTH, THIRTY_SEVENTH)
                .forEach((family, added) -> assertEquals(List.of(), added, family.name()));
    }

    /**
     * No openings; the closings are the thirty-sixth edition's less the one that reads as a comparison's side, so none
     * has a side word or its training misspelling ("grat"), none shares a word pair with a held-out question, and none
     * names a translated phrase.
     */
    @Test
    void thanksAloneAndTheThirtySixthEditionsThanksLessOneThatReadsAsASide() {
        assertEquals(List.of(), COURTESIES.openings());
        List<String> sixth = Courtesies.of(TeacherEdition.THIRTY_SIXTH).closings();
        assertTrue(sixth.contains(Courtesies.READS_AS_A_SIDE));
        assertEquals(sixth.stream().filter(c -> !c.equals(Courtesies.READS_AS_A_SIDE)).toList(), COURTESIES.closings());
        assertTrue(ThirtyThirdEditionTeacherTest.SIDE_WORD.matcher(Courtesies.READS_AS_A_SIDE).find());
        COURTESIES.closings().forEach(c -> assertFalse(ThirtyThirdEditionTeacherTest.SIDE_WORD.matcher(c).find(), c));
        assertFalse(ThirtySixthEditionTeacherTest.breaksARule(COURTESIES,
                ThirtySixthEditionTeacherTest.heldOutWordPairs(THIRTY_SEVENTH)), COURTESIES.closings().toString());
    }

    /**
     * About one question in four gains a closing after it and nothing before it, always the same one; a question that
     * ends in a training closing gets no second one.
     */
    @Test
    void aQuestionGetsAClosingAboutOneTimeInFour() {
        int changed = 0;
        for (int n = 0; n < 4_000; n++) {
            String question = "Is " + n + " prime?";
            String asked = COURTESIES.around(question);
            assertEquals(asked, COURTESIES.around(question), "drawn from the question's own text");
            if (asked.equals(question)) {
                continue;
            }
            changed++;
            assertTrue(asked.startsWith(question), asked);
            assertTrue(COURTESIES.closings().contains(asked.substring(question.length())), asked);
        }
        assertTrue(changed > 850 && changed < 1_150, changed + " of 4000 changed");
        for (String closing : SurfaceForms.TRAINING_SUFFIXES) {
            for (int n = 0; n < 300; n++) {
                String question = "Is " + n + " prime?" + closing;
                assertEquals(question, COURTESIES.around(question));
            }
        }
    }

    /**
     * The thirty-fourth edition's training set, problems, answers and first-turn responses kept, with a closing after
     * about one question in four of every family, out-of-scope questions included, none read as a held-out template.
     */
    @Test
    void trainingQuestionsGainOnlyClosings() {
        ThirtyFifthEditionTeacherTest.assertCourtesiesAround(THIRTY_FOURTH, THIRTY_SEVENTH, COURTESIES, 0.15, 0.35);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_SEVENTH, 8, 1);
    }
}
