package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The eleventh edition of the teacher: the tenth edition whose counted multiples are each compared with the part
 * divided; everything else, the evaluation included, is the eighth edition's.
 */
class EleventhEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TENTH = Teacher.of(TeacherEdition.TENTH);
    private static final Teacher ELEVENTH = Teacher.of(TeacherEdition.ELEVENTH);

    @Test
    void theEleventhEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "eleventh-edition", TeacherEdition.ELEVENTH, 11);
    }

    @Test
    void trainingAsksWhatTheEighthEditionAsksAndSharingTracesAreTheTenthsWithEveryMultipleCompared() {
        List<Problem> tenth = TENTH.trainingSet(4_000, 11);
        List<EditionRecipeCheck.Pair> pairs = EditionRecipeCheck.pairsAskingTheSame(EIGHTH, ELEVENTH, 4_000, 11);
        int sharing = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Problem a = pairs.get(i).before();
            Problem b = pairs.get(i).after();
            if (a.key().startsWith("share:")) {
                sharing++;
                assertNotEquals(tenth.get(i).response(), b.response());
                assertEquals(tenth.get(i).response(), b.response().replaceAll(" ≤ \\d+,", ","),
                        "the tenth edition's trace with a comparison after each multiple: " + b.response());
            } else {
                assertEquals(a.response(), b.response(), "only sharing traces change: " + a.key());
            }
        }
        assertTrue(sharing > 20, sharing + " sharing problems");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, ELEVENTH, 8, 1);
    }

    @Test
    void aComparedStepComparesEveryMultipleWithThePartAndGetsTheDigitAndRemainderRight() {
        CountedStepCheck.assertEveryStepCountsUp(Division.DigitSearch.COUNTED_AGAINST_PART);
    }

    @Test
    void everySharingProblemsResponseIsRightAndComparesEachMultiple() {
        CountedStepCheck.assertSharingProblemsCountUp(TeacherEdition.ELEVENTH, 11, Division.DigitSearch.COUNTED_AGAINST_PART);
    }
}
