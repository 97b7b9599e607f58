package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tenth edition of the teacher: the eighth edition (without the ninth's changes) whose sharing word problems find
 * each quotient digit by counting up the divisor's multiples; everything else, the evaluation included, is the
 * eighth edition's.
 */
class TenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TENTH = Teacher.of(TeacherEdition.TENTH);

    @Test
    void theTenthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "tenth-edition", TeacherEdition.TENTH, 10);
    }

    @Test
    void trainingAsksWhatTheEighthEditionAsksAndOnlySharingTracesDiffer() {
        int sharing = 0;
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(EIGHTH, TENTH, 4_000, 10)) {
            Problem a = pair.before();
            Problem b = pair.after();
            if (a.key().startsWith("share:")) {
                sharing++;
                assertNotEquals(a.response(), b.response());
                assertTrue(b.response().contains(" > "), b.response());
            } else {
                assertEquals(a.response(), b.response(), "only sharing traces change: " + a.key());
            }
        }
        assertTrue(sharing > 20, sharing + " sharing problems");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TENTH, 8, 1);
    }

    @Test
    void aCountedStepWritesEveryMultipleUpToTheFirstTooLargeAndGetsTheDigitAndRemainderRight() {
        CountedStepCheck.assertEveryStepCountsUp(Division.DigitSearch.COUNTED);
    }

    @Test
    void everySharingProblemsResponseIsRightAndCountsUp() {
        CountedStepCheck.assertSharingProblemsCountUp(TeacherEdition.TENTH, 10, Division.DigitSearch.COUNTED);
    }
}
