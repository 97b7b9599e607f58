package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        List<Problem> eighth = EIGHTH.trainingSet(4_000, 10);
        List<Problem> tenth = TENTH.trainingSet(4_000, 10);
        int sharing = 0;
        for (int i = 0; i < eighth.size(); i++) {
            Problem a = eighth.get(i);
            Problem b = tenth.get(i);
            assertEquals(a.question(), b.question());
            assertEquals(a.answer(), b.answer());
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
