package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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

    /** The default recipe is this edition's under the id {@code shipped}, and the bundled model records this edition. */
    @Test
    void theDefaultRecipeIsTheNineteenthEditionsAndTrainedTheBundledModel() throws IOException {
        TrainingRecipe shipped = TrainingRecipe.shipped();
        TrainingRecipe nineteenth = TrainingRecipe.nineteenthEdition();
        assertEquals("shipped", shipped.id());
        assertEquals(new TrainingRecipe(nineteenth.name(), shipped.id(), nineteenth.teacher(), nineteenth.problems(),
                nineteenth.dataSeed(), nineteenth.vocabSize(), nineteenth.smokeShape(), nineteenth.context(),
                nineteenth.initStd(), nineteenth.settings(), nineteenth.mklDispatch()), shipped);
        Path bundled = Path.of("models", "thinktrace-r1-tiny");
        if (Files.isRegularFile(bundled.resolve("config.json"))) {
            assertEquals(TeacherEdition.NINETEENTH, TeacherEdition.ofModel(bundled));
        }
    }

    /** Training problems are the seventeenth edition's, word for word, but for a re-check's verdict line. */
    @Test
    void onlyTheRecheckVerdictLineDiffersFromTheSeventeenthEdition() {
        List<Problem> before = SEVENTEENTH.trainingSet(4_000, 19);
        List<Problem> after = NINETEENTH.trainingSet(4_000, 19);
        int rechecks = 0;
        for (int i = 0; i < before.size(); i++) {
            Problem a = before.get(i);
            Problem b = after.get(i);
            assertEquals(a.question(), b.question());
            assertEquals(a.answer(), b.answer());
            assertEquals(a.context().size(), b.context().size());
            for (int t = 0; t < a.context().size(); t++) {
                assertEquals(a.context().get(t).question(), b.context().get(t).question());
                assertSameButForAVerdictLine(a.context().get(t).response(), b.context().get(t).response());
            }
            rechecks += assertSameButForAVerdictLine(a.response(), b.response()) ? 1 : 0;
            assertEquals(FollowUps.isRecheck(b), !a.response().equals(b.response()), b.response());
        }
        assertTrue(rechecks > 50, rechecks + " re-checks");
    }

    /** Whether the two responses differ, which they may only in one verdict line. */
    private static boolean assertSameButForAVerdictLine(String a, String b) {
        List<String> linesA = a.lines().toList();
        List<String> linesB = b.lines().toList();
        assertEquals(linesA.size(), linesB.size(), b);
        int differing = 0;
        for (int l = 0; l < linesA.size(); l++) {
            if (linesA.get(l).equals(linesB.get(l))) continue;
            differing++;
            assertTrue(isVerdictLine(linesA.get(l)) && isVerdictLine(linesB.get(l)), linesB.get(l));
        }
        assertTrue(differing <= 1, b);
        return differing == 1;
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
        int same = 0;
        int different = 0;
        for (Problem p : NINETEENTH.followUpSet(400, 19)) {
            if (!FollowUps.isRecheck(p)) continue;
            Problem.Exchange shown = p.context().get(p.context().size() - 1);
            String said = AnswerChecker.extract(shown.response()).orElseThrow();
            boolean right = AnswerChecker.sameAnswer(said, p.answer());
            String line = p.response().lines().filter(NineteenthEditionTeacherTest::isVerdictLine).findFirst().orElseThrow();
            String now = AnswerChecker.extract(p.response()).orElseThrow();
            String expected = "Now: " + now + ". Before: " + said + ". " + AnswerComparison.of(now, said).sentence()
                    + (right ? ", so the answer stands." : ", so my earlier answer was wrong.");
            assertEquals(expected, line);
            assertTrue(line.contains(right ? ": the same, so" : ": not the same, so"), line);
            assertEquals(right ? RecheckVerdict.KEPT : RecheckVerdict.CORRECTED,
                    RecheckVerdict.of(org.thinktrace.text.R1Response.parse(p.response()).answer()).orElseThrow());
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
