package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The nineteenth edition of the teacher: the seventeenth edition with "are you sure?" re-checks that compare the new
 * answer with the earlier one unit by unit before the verdict; every other problem, question and trace unchanged.
 */
class NineteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher SEVENTEENTH = Teacher.of(TeacherEdition.SEVENTEENTH);
    private static final Teacher NINETEENTH = Teacher.of(TeacherEdition.NINETEENTH);

    @Test
    void theNineteenthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "nineteenth-edition", TeacherEdition.NINETEENTH, 19,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
    }

    /** Training problems are the seventeenth edition's, word for word, but for a re-check's verdict line. */
    @Test
    void onlyTheRecheckVerdictLineDiffersFromTheSeventeenthEdition() {
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(SEVENTEENTH, NINETEENTH, 4_000, 19,
                FollowUps::isRecheck, (a, b) -> assertTrue(isVerdictLine(a) && isVerdictLine(b), b));
        assertTrue(rechecks > 50, rechecks + " re-checks");
    }

    private static boolean isVerdictLine(String line) {
        return line.startsWith("Now: ") && line.contains(". Before: ");
    }

    /**
     * Every re-check's verdict line reads "Now: X. Before: Y. ", a comparison, then the verdict; the comparison is "the
     * same" exactly when the earlier answer shown is the right one, and the answer's opening says the same.
     */
    @Test
    void theComparisonDecidesTheVerdictAndTheAnswerOpensWithIt() {
        assertVerdictLines(NINETEENTH, 19, "Before: ", AnswerComparison::of);
    }

    /**
     * Asserts that in {@code teacher}'s follow-ups of data seed {@code seed}, every re-check opens with "My answer was
     * Y." (Y the answer the user was shown) and ends with the verdict line "Now: X. {@code quote}Y. ", the
     * {@code comparison} of X with Y, then the verdict; that the comparison is "the same" exactly when Y is right; and
     * that the answer opens with that verdict.
     */
    static void assertVerdictLines(Teacher teacher, long seed, String quote,
                                   BiFunction<String, String, AnswerComparison> comparison) {
        int same = 0;
        int different = 0;
        for (Problem p : teacher.followUpSet(400, seed)) {
            if (!FollowUps.isRecheck(p)) continue;
            Problem.Exchange shown = p.context().get(p.context().size() - 1);
            String said = AnswerChecker.extract(shown.response()).orElseThrow();
            boolean right = AnswerChecker.sameAnswer(said, p.answer());
            org.thinktrace.text.R1Response parts = org.thinktrace.text.R1Response.parse(p.response());
            List<String> lines = parts.thinking().strip().lines().toList();
            assertEquals("My answer was " + said + ".", lines.get(0), p.response());
            String now = AnswerChecker.extract(p.response()).orElseThrow();
            String expected = "Now: " + now + ". " + quote + said + ". " + comparison.apply(now, said).sentence()
                    + (right ? ", so the answer stands." : ", so my earlier answer was wrong.");
            assertEquals(expected, lines.get(lines.size() - 1));
            assertEquals(right ? RecheckVerdict.KEPT : RecheckVerdict.CORRECTED,
                    RecheckVerdict.of(parts.answer()).orElseThrow());
            if (right) same++;
            else different++;
        }
        assertTrue(same > 10 && different > 10, same + " kept, " + different + " corrected");
    }

    /** Against a plain reading: units are the answer's digits and words, and the first differing pair ends the walk. */
    @Test
    void answersAreComparedUnitByUnitUntilTheFirstDifference() {
        assertEquals("4 = 4, 2 = 2: the same", AnswerComparison.of("42", "42").sentence());
        assertEquals("8 < 9: not the same", AnswerComparison.of("835", "935").sentence());
        assertEquals("1 = 1, 2 = 2, 3 = 3, 0 against nothing: not the same", AnswerComparison.of("1230", "123").sentence());
        assertEquals("nothing against not: not the same".replace("nothing against not", "prime ≠ not"),
                AnswerComparison.of("prime", "not prime").sentence());
        assertEquals("2 = 2, 3 = 3, 5 > 4: not the same", AnswerComparison.of("2, 3, 5, 9", "2, 3, 4, 9").sentence());
        assertEquals("9 = 9, 1 < 9: not the same", AnswerComparison.of("9.11", "9.9").sentence());
        assertEquals("Saturday ≠ Thursday: not the same", AnswerComparison.of("Saturday", "Thursday").sentence());
        SplittableRandom rnd = new SplittableRandom(19);
        for (int i = 0; i < 2_000; i++) {
            String a = String.valueOf(rnd.nextInt(0, 20_000));
            String b = rnd.nextBoolean() ? a : String.valueOf(rnd.nextInt(0, 20_000));
            AnswerComparison c = AnswerComparison.of(a, b);
            assertEquals(a.equals(b), c.same(), a + " vs " + b);
            int firstDifference = 0;
            while (firstDifference < Math.min(a.length(), b.length()) && a.charAt(firstDifference) == b.charAt(firstDifference)) {
                firstDifference++;
            }
            assertEquals(a.equals(b) ? a.length() : firstDifference + 1, c.steps().size(), a + " vs " + b);
        }
        assertFalse(AnswerComparison.of("12", "21").same());
    }
}
