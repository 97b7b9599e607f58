package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.R1Response;

/**
 * The thirtieth edition of the teacher: the twenty-eighth edition with more of the training conversations' later turns
 * re-checks, and more of those re-checks shown a wrong answer.
 */
class ThirtiethEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_EIGHTH = Teacher.of(TeacherEdition.TWENTY_EIGHTH);
    private static final Teacher THIRTIETH = Teacher.of(TeacherEdition.THIRTIETH);
    private static final int EXAMPLES = 6_000;
    private static final long SEED = 30;
    /**
     * The share of training problems whose answer has a wrong variant to show ({@link FollowUps#withWrongAnswer}): a
     * whole number (additions, most subtractions, products, letter counts, sums and extremes of lists, word problems) or
     * a sorted list, 36 of the 50 in-scope shares, less the negative differences.
     */
    private static final double WITH_WRONG_VARIANT = 0.7;

    @Test
    void theThirtiethEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirtieth-edition", TeacherEdition.THIRTIETH,
                30, 25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertEquals("thirtieth", TeacherEdition.THIRTIETH.label());
        assertTrue(TeacherEdition.THIRTIETH.asksPolitelyAndInOtherUnits());
        assertTrue(TeacherEdition.THIRTIETH.showsFarOffWrongAnswers());
        assertTrue(TeacherEdition.THIRTIETH.rechecksWrongAnswersMoreOften());
        assertFalse(TeacherEdition.TWENTY_NINTH.rechecksWrongAnswersMoreOften());
        assertFalse(TeacherEdition.TWENTY_EIGHTH.rechecksWrongAnswersMoreOften());
        assertFalse(TeacherEdition.THIRTIETH.comparesDivisionDigits());
    }

    /**
     * A later turn is a re-check only when the turn before it can be checked: not out of scope (50 of the 53 shares)
     * and, in the third of the conversations that have three turns, not itself a re-check. It follows a wrong answer only
     * when that turn's answer has a wrong variant (about {@value #WITH_WRONG_VARIANT} of them); otherwise it is a new
     * problem. So about 25 % × 0.86 × (1/2 + 1/2 × 0.7) ≈ 18 % of the twenty-eighth edition's later turns are
     * re-checks and 40 % × 0.82 × (1/4 + 3/4 × 0.7) ≈ 25 % of the thirtieth's, and (40 % × 3/4 × 0.82) / (25 % × 1/2
     * × 0.86) ≈ 2.3 times as many are re-checks after a wrong answer.
     */
    @Test
    void moreLaterTurnsAreRechecksAndMoreRechecksFollowAWrongAnswer() {
        Mix before = Mix.of(TWENTY_EIGHTH.trainingSet(EXAMPLES, SEED));
        Mix after = Mix.of(THIRTIETH.trainingSet(EXAMPLES, SEED));
        // Either edition: a fifth of the examples go on to later turns, and the last of them is what is trained on.
        for (Mix mix : List.of(before, after)) {
            assertEquals(0.2, mix.laterTurns() / (double) EXAMPLES, 0.02, mix.toString());
        }
        double checkableBefore = checkable(0.25);
        double checkableAfter = checkable(0.40);
        assertEquals(0.25 * checkableBefore * (0.5 + 0.5 * WITH_WRONG_VARIANT),
                before.rechecks() / (double) before.laterTurns(), 0.04, before.toString());
        assertEquals(0.40 * checkableAfter * (0.25 + 0.75 * WITH_WRONG_VARIANT),
                after.rechecks() / (double) after.laterTurns(), 0.04, after.toString());
        assertEquals((0.40 * 0.75 * checkableAfter) / (0.25 * 0.5 * checkableBefore),
                after.afterWrongAnswers() / (double) before.afterWrongAnswers(), 0.4,
                "after a wrong answer " + before + " -> " + after);
    }

    /** The share of later turns whose turn before can be checked, when {@code rechecks} of the middle turns are re-checks. */
    private static double checkable(double rechecks) {
        return 50 / 53.0 * (1 - Teacher.THREE_TURN_RATE * rechecks);
    }

    /** The follow-ups of the evaluation, whose middle turns draw their kinds too, are asked as before. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTIETH, 8, 1);
    }

    /**
     * How a training set's examples end: {@code laterTurns} have earlier turns, {@code rechecks} of them are "are you
     * sure?" re-checks, {@code afterWrongAnswers} of those correct a wrong answer the user was shown.
     */
    private record Mix(int laterTurns, int rechecks, int afterWrongAnswers) {

        static Mix of(List<Problem> examples) {
            int later = 0;
            int rechecks = 0;
            int afterWrong = 0;
            for (Problem p : examples) {
                if (p.context().isEmpty()) {
                    continue;
                }
                later++;
                if (FollowUps.isRecheck(p)) {
                    rechecks++;
                    String answer = R1Response.parse(p.response()).answer();
                    afterWrong += answer.startsWith(RecheckVerdict.CORRECTED_OPENING) ? 1 : 0;
                }
            }
            return new Mix(later, rechecks, afterWrong);
        }
    }
}
