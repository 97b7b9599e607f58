package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ninth edition of the teacher: the eighth edition with three in seven training word problems sharing equally and
 * re-checks that quote the question they check; the evaluation asks exactly what the eighth edition's asks.
 */
class NinthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher NINTH = Teacher.of(TeacherEdition.NINTH);

    @Test
    void theNinthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "ninth-edition", TeacherEdition.NINTH, 9);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsksWithTheSameAnswers() {
        SameEvaluation.assertAsksTheSame(EIGHTH, NINTH, 8, 1);
    }

    @Test
    void threeInSevenTrainingWordProblemsShareWhereTheEvaluationDrawsOneInFive() {
        WordProblemFamily ninth = new WordProblemFamily(TeacherEdition.NINTH);
        WordProblemFamily eighth = new WordProblemFamily(TeacherEdition.EIGHTH);
        int draws = 7_000;
        SplittableRandom forTraining = new SplittableRandom(9);
        SplittableRandom eighthTraining = new SplittableRandom(9);
        int sharing = 0;
        int eighthSharing = 0;
        for (int i = 0; i < draws; i++) {
            Problem p = ninth.generateForTraining(forTraining, PhrasingSplit.TRAINING);
            sharing += p.key().startsWith("share:") ? 1 : 0;
            eighthSharing += eighth.generateForTraining(eighthTraining, PhrasingSplit.TRAINING).key().startsWith("share:") ? 1 : 0;
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.response());
        }
        // 3,000 expected (sd about 41) against 1,400 (sd about 33)
        assertTrue(Math.abs(sharing - 3_000) < 200, sharing + " of " + draws + " sharing");
        assertTrue(Math.abs(eighthSharing - 1_400) < 170, eighthSharing + " of " + draws + " sharing in the eighth edition");

        SplittableRandom a = new SplittableRandom(10);
        SplittableRandom b = new SplittableRandom(10);
        for (int i = 0; i < 500; i++) {
            assertEquals(eighth.generate(a, PhrasingSplit.HELD_OUT).question(), ninth.generate(b, PhrasingSplit.HELD_OUT).question(),
                    "the evaluation's draws are the eighth edition's");
        }
    }

    @Test
    void aRecheckQuotesTheQuestionItChecksRightBeforeSolvingItAgain() {
        List<Problem> training = NINTH.trainingSet(6_000, 9);
        int rechecks = 0;
        for (Problem p : training) {
            if (!FollowUps.isRecheck(p)) continue;
            rechecks++;
            String checked = p.context().getLast().question();
            assertTrue(p.response().contains("\nSolve it again and compare with my answer.\n" + FollowUps.QUESTION_WAS
                    + checked + "\n"), p.response());
        }
        assertTrue(rechecks > 100, rechecks + " re-checks");
        long quotedBefore = EIGHTH.trainingSet(2_000, 9).stream().filter(FollowUps::isRecheck)
                .filter(p -> p.response().contains(FollowUps.QUESTION_WAS)).count();
        assertEquals(0, quotedBefore, "the eighth edition's re-checks do not quote");
        assertFalse(FollowUps.QUESTION_WAS.isBlank());
    }
}
