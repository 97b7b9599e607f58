package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/**
 * The tenth edition of the teacher: the eighth edition (without the ninth's changes) whose sharing word problems find
 * each quotient digit by counting up the divisor's multiples; everything else, the evaluation included, is the
 * eighth edition's.
 */
class TenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TENTH = Teacher.of(TeacherEdition.TENTH);
    /** One counted step: {@code 17 ÷ 6: 6 × 1 = 6, 6 × 2 = 12, 6 × 3 = 18 > 17, so 2; 17 - 12 = 5}. */
    private static final Pattern STEP = Pattern.compile("(\\d+) ÷ (\\d+): ((?:\\d+ × \\d+ = \\d+, )*)(\\d+) × (\\d+) = (\\d+) > (\\d+), so (\\d+); (\\d+) - (\\d+) = (\\d+)");

    @Test
    void theTenthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        TrainingRecipe recipe = TrainingRecipe.byId("tenth-edition");
        assertEquals(TeacherEdition.TENTH, recipe.teacher());
        assertEquals(15_500, recipe.settings().steps());
        assertEquals(MklDispatch.CPU_FEATURES, recipe.mklDispatch());
        assertEquals(TeacherEdition.TENTH, TeacherEdition.of(10));
        for (int f = 0; f < EIGHTH.shares().size(); f++) {
            assertEquals(EIGHTH.shares().get(f).share(), TENTH.shares().get(f).share());
            assertEquals(EIGHTH.shares().get(f).family().phrasings(), TENTH.shares().get(f).family().phrasings());
        }
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
        for (int divisor = 2; divisor <= 13; divisor++) {
            for (int part = 0; part < divisor * 10; part++) {
                String step = new Division(part, divisor).countedStep(part);
                Matcher m = STEP.matcher(step);
                assertTrue(m.matches(), step);
                int q = part / divisor;
                Matcher rows = Pattern.compile("(\\d+) × (\\d+) = (\\d+), ").matcher(m.group(3));
                int k = 0;
                while (rows.find()) {
                    k++;
                    assertEquals(List.of(divisor, k, divisor * k), List.of(Integer.parseInt(rows.group(1)),
                            Integer.parseInt(rows.group(2)), Integer.parseInt(rows.group(3))), step);
                }
                assertEquals(q, k, "one row per multiple at most the part: " + step);
                assertEquals(List.of(divisor, q + 1, divisor * (q + 1), part), List.of(Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7))),
                        "the first multiple larger than the part ends the count: " + step);
                assertEquals(q, Integer.parseInt(m.group(8)), step);
                assertEquals(List.of(part, q * divisor, part % divisor), List.of(Integer.parseInt(m.group(9)),
                        Integer.parseInt(m.group(10)), Integer.parseInt(m.group(11))), step);
            }
        }
    }

    @Test
    void everySharingProblemsResponseIsRightAndCountsUp() {
        WordProblemFamily family = new WordProblemFamily(TeacherEdition.TENTH);
        SplittableRandom rnd = new SplittableRandom(10);
        int sharing = 0;
        for (int i = 0; i < 3_000; i++) {
            Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.response());
            if (p.key().startsWith("share:")) {
                sharing++;
                assertTrue(STEP.matcher(p.response()).find(), p.response());
            }
        }
        assertTrue(Math.abs(sharing - 600) < 90, sharing + " of 3,000 sharing: one in five, as the eighth edition draws");
    }
}
