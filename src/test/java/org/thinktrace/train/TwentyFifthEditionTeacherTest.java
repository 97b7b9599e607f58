package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twenty-fifth edition of the teacher: the twenty-fourth edition with the parts that were opening the verdict line,
 * before the new answer and its parts; every other line of every problem unchanged.
 */
class TwentyFifthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_FOURTH = Teacher.of(TeacherEdition.TWENTY_FOURTH);
    private static final Teacher TWENTY_FIFTH = Teacher.of(TeacherEdition.TWENTY_FIFTH);
    /** A twenty-fourth-edition verdict line with named parts: the new answer, its parts, the parts that were, the rest. */
    private static final Pattern BESIDE = Pattern.compile("Now: ([^:]+): (.+?)\\. Before: (.+?)\\. (.+)");
    /** A twenty-fifth-edition one: the parts that were, the new answer, its parts, the rest. */
    private static final Pattern OPENING = Pattern.compile("Before: (.+?)\\. Now: ([^:]+): (.+?)\\. ([A-Z].+)");

    @Test
    void theTwentyFifthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-fifth-edition", TeacherEdition.TWENTY_FIFTH, 25,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertFalse(TeacherEdition.TWENTY_FIFTH.comparesDivisionDigits());
        assertEquals("twenty-fifth", TeacherEdition.TWENTY_FIFTH.label());
        assertEquals(TeacherEdition.TWENTY_FIFTH, TeacherEdition.of(25));
    }

    /**
     * Training problems, earlier turns included, are the twenty-fourth edition's word for word but for the verdict line
     * of a re-check that compares with the parts named on its first line, whose parts that were move from between the
     * new answer's parts and the comparisons to the line's start.
     */
    @Test
    void onlyTheVerdictLineOfARecheckWithNamedPartsDiffersFromTheTwentyFourthEdition() {
        List<String> changedLines = new ArrayList<>();
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(TWENTY_FOURTH, TWENTY_FIFTH, 4_000, 25,
                p -> FollowUps.isRecheck(p)
                        && OPENING.matcher(TwentyFourthEditionTeacherTest.lastThinkingLine(p.response())).matches(),
                (a, b) -> {
                    Matcher before = BESIDE.matcher(a);
                    Matcher after = OPENING.matcher(b);
                    assertTrue(before.matches(), a);
                    assertTrue(after.matches(), b);
                    assertEquals(before.group(3), after.group(1), "the parts that were");
                    assertEquals(before.group(1), after.group(2), "the new answer");
                    assertEquals(before.group(2), after.group(3), "its parts");
                    assertEquals(before.group(4), after.group(4), "the comparisons and the verdict");
                    assertEquals("Before: " + before.group(3) + ". Now: " + before.group(1) + ": " + before.group(2)
                            + ". " + before.group(4), b);
                    changedLines.add(b);
                });
        assertTrue(rechecks > 50, rechecks + " re-checks");
        TwentyFourthEditionTeacherTest.assertPartsThatWereKeptAndCorrected(changedLines, String::startsWith);
    }

    /**
     * In every follow-up re-check the first line names the earlier answer's parts when it has them, and the verdict line
     * opens with them in the same words and then compares as {@link AnswerComparison#againstPartsThatWere} does, or else
     * quotes the earlier answer and compares as {@link AnswerComparison#forRecheck} does; the comparison and the
     * answer's opening decide alike.
     */
    @Test
    void theVerdictLineOpensWithThePartsThatWere() {
        TwentyThirdEditionTeacherTest.assertRecheckLines(TWENTY_FIFTH, 25, AnswerComparison::againstPartsThatWere,
                partsThatWere -> "Before: " + partsThatWere + ". ");
    }

    @Test
    void aVerdictLineReadsAsTheExamplesInTheEditionsDescription() {
        Problem recheck = null;
        for (Problem p : TWENTY_FIFTH.followUpSet(400, 25)) {
            String line = TwentyFourthEditionTeacherTest.lastThinkingLine(p.response());
            if (FollowUps.isRecheck(p) && line.startsWith("Before: first was ") && line.endsWith("wrong.")) {
                recheck = p;
                break;
            }
        }
        assertTrue(recheck != null, "a corrected re-check of a list");
        String line = TwentyFourthEditionTeacherTest.lastThinkingLine(recheck.response());
        assertTrue(line.matches("Before: first was \\d+(, [a-z]+ was \\d+)+\\. Now: \\d+(, \\d+)+: first is \\d+"
                + "(, [a-z]+ is \\d+)+\\. First: .*: not the same, so my earlier answer was wrong\\."), line);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_FIFTH, 8, 1);
    }
}
