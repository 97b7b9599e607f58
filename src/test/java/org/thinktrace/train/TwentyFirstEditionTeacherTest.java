package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The twenty-first edition of the teacher: the nineteenth edition with a re-check's verdict line quoting the earlier
 * answer in the words of the re-check's first line ("Now: 1751. My answer was 1752. …"); every other line of every
 * problem unchanged, the twentieth edition's divisions not taken.
 */
class TwentyFirstEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher NINETEENTH = Teacher.of(TeacherEdition.NINETEENTH);
    private static final Teacher TWENTY_FIRST = Teacher.of(TeacherEdition.TWENTY_FIRST);
    private static final String FIRST_LINE = "My answer was ";

    @Test
    void theTwentyFirstEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-first-edition", TeacherEdition.TWENTY_FIRST, 21,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertFalse(TeacherEdition.TWENTY_FIRST.comparesDivisionDigits());
        assertTrue(TeacherEdition.TWENTIETH.comparesDivisionDigits());
    }

    /**
     * Training problems, earlier turns included, are the nineteenth edition's word for word but for a re-check's verdict
     * line, whose "Before: X." becomes "My answer was X." and nothing else.
     */
    @Test
    void onlyTheRecheckVerdictLineDiffersFromTheNineteenthEdition() {
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(NINETEENTH, TWENTY_FIRST, 4_000, 21,
                FollowUps::isRecheck, (a, b) -> {
                    assertTrue(a.startsWith("Now: ") && a.contains(". Before: "), a);
                    assertEquals(a.replace(". Before: ", ". " + FIRST_LINE), b);
                });
        assertTrue(rechecks > 50, rechecks + " re-checks");
    }

    /**
     * In every follow-up re-check, the verdict line quotes the earlier answer as the first line does ("My answer was
     * X." both times, X the answer the user was shown), and its comparison and the answer's opening decide as the
     * nineteenth edition's do.
     */
    @Test
    void theVerdictLineQuotesTheEarlierAnswerAsTheFirstLineDoes() {
        NineteenthEditionTeacherTest.assertVerdictLines(TWENTY_FIRST, 21, FIRST_LINE, AnswerComparison::of);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_FIRST, 8, 1);
    }
}
