package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The forty-first edition of the teacher: the fortieth edition, with a quarter of the training conversations' later
 * turns that ask a new problem asking a list's minimum, maximum or sum.
 */
class FortyFirstEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FORTIETH = Teacher.of(TeacherEdition.FORTIETH);
    private static final Teacher FORTY_FIRST = Teacher.of(TeacherEdition.FORTY_FIRST);
    private static final int EXAMPLES = 4_000;
    private static final long SEED = 20_251_128L;

    @Test
    void theRecipeTrainsTheFortiethEditionsFamiliesAndTemplatesAndExportsTheAverageOfItsLastTenth() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(FORTIETH, "forty-first-edition", TeacherEdition.FORTY_FIRST,
                41, 25_000, Set.of());
        assertEquals("forty-first", TeacherEdition.FORTY_FIRST.label());
        assertEquals(22_500, TrainingRecipe.fortyFirstEdition().exportedAverageFrom());
        assertTrue(TeacherEdition.FORTY_FIRST.asksListStatisticsInLaterTurnsMoreOften());
        assertFalse(TeacherEdition.FORTIETH.asksListStatisticsInLaterTurnsMoreOften());
        assertTrue(TeacherEdition.FORTY_FIRST.namesTheCountBeforeTheLetter());
        assertTrue(TeacherEdition.FORTY_FIRST.rechecksWrongAnswersMoreOften());
    }

    /**
     * Of the later turns that ask a new problem (not a re-check, not a question on the earlier answer), the fortieth
     * edition asks a list statistic as often as its share of the round (4 of 53); the forty-first one time in four
     * and otherwise by the shares, 0.25 + 0.75 × 4/53 ≈ 31 %. As many examples go on to later turns as before.
     */
    @Test
    void aQuarterOfTheLaterTurnsThatAskANewProblemAskAListStatistic() {
        double listShare = FORTIETH.shares().stream().filter(s -> s.family() instanceof ListStatisticsFamily)
                .mapToInt(Teacher.FamilyShare::share).sum() / (double) FORTIETH.roundSize();
        LaterTurns before = LaterTurns.of(FORTIETH);
        LaterTurns after = LaterTurns.of(FORTY_FIRST);
        assertEquals(listShare, before.listStatistics() / (double) before.newProblems(), 0.03, before.toString());
        assertEquals(0.25 + 0.75 * listShare, after.listStatistics() / (double) after.newProblems(), 0.05,
                after.toString());
        for (LaterTurns turns : List.of(before, after)) {
            assertEquals(0.2, turns.all() / (double) EXAMPLES, 0.02, turns.toString());
            assertTrue(turns.newProblems() > turns.all() / 3, turns.toString());
        }
    }

    /** The evaluation asks exactly what the eighth edition's asks: the change is to training conversations only. */
    @Test
    void itsEvaluationIsTheEighthEditions() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTY_FIRST, 8, 1);
    }

    /**
     * The later turns of {@code EXAMPLES} training examples: all of them, those that ask a new problem (asked in one of
     * its family's own templates, not a re-check), and of those the list statistics.
     */
    private record LaterTurns(int all, int newProblems, int listStatistics) {

        static LaterTurns of(Teacher teacher) {
            Set<String> familyTemplates = new HashSet<>();
            for (Teacher.FamilyShare share : teacher.shares()) {
                for (Phrasing phrasing : share.family().phrasings()) {
                    familyTemplates.add(share.family().name() + ":" + phrasing.name());
                }
            }
            int all = 0;
            int newProblems = 0;
            int lists = 0;
            for (Problem p : teacher.trainingSet(EXAMPLES, SEED)) {
                if (p.context().isEmpty()) continue;
                all++;
                if (FollowUps.isRecheck(p) || !familyTemplates.contains(p.family() + ":" + p.phrasing())) continue;
                newProblems++;
                if (p.family().equals("list-statistics")) lists++;
            }
            return new LaterTurns(all, newProblems, lists);
        }
    }
}
