package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The twenty-ninth edition of the teacher: the twenty-eighth edition without polite requests and other units, so
 * that it asks every training question as the twenty-fifth edition asks it.
 */
class TwentyNinthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_FIFTH = Teacher.of(TeacherEdition.TWENTY_FIFTH);
    private static final Teacher TWENTY_EIGHTH = Teacher.of(TeacherEdition.TWENTY_EIGHTH);
    private static final Teacher TWENTY_NINTH = Teacher.of(TeacherEdition.TWENTY_NINTH);

    @Test
    void theTwentyNinthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-ninth-edition", TeacherEdition.TWENTY_NINTH,
                29, 25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertEquals("twenty-ninth", TeacherEdition.TWENTY_NINTH.label());
        assertFalse(TeacherEdition.TWENTY_NINTH.asksPolitelyAndInOtherUnits());
        assertTrue(TeacherEdition.TWENTY_EIGHTH.asksPolitelyAndInOtherUnits());
        assertTrue(TeacherEdition.TWENTY_NINTH.showsFarOffWrongAnswers());
    }

    /** Every training question, earlier turns' included, is the twenty-fifth edition's, word for word. */
    @Test
    void itAsksEveryTrainingQuestionAsTheTwentyFifthEditionDoes() {
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(TWENTY_FIFTH, TWENTY_NINTH, 4_000, 29)) {
            assertEquals(pair.before().context().stream().map(Problem.Exchange::question).toList(),
                    pair.after().context().stream().map(Problem.Exchange::question).toList());
        }
    }

    /**
     * The twenty-eighth edition's training problems are the twenty-ninth's, each first turn asked politely or in another
     * unit exactly as the twenty-sixth edition decides, and later turns at most so; every answer is the same. (A wrong
     * answer shown before a re-check is drawn from the question's text, so a re-check may be shown another one.)
     */
    @Test
    void theTwentyEighthEditionIsThisEditionAskedPolitelyAndInOtherUnits() {
        int changed = 0;
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAnsweringTheSame(TWENTY_NINTH, TWENTY_EIGHTH, 4_000, 29)) {
            Problem a = pair.before();
            Problem b = pair.after();
            for (int t = 0; t < a.context().size(); t++) {
                Problem.Exchange x = a.context().get(t);
                Problem.Exchange y = b.context().get(t);
                assertTrue(TwentySixthEditionTeacherTest.variants(x.question()).contains(y.question()), y.question());
            }
            if (a.context().isEmpty()) {
                boolean inUnits = Set.of("addition", "subtraction", "word-problem").contains(a.family());
                assertTrue(TwentySixthEditionTeacherTest.askedAs(a.question(), a.response(), inUnits)
                        .contains(List.of(b.question(), b.response())), a.question() + " -> " + b.question());
            } else if (!FollowUps.isRecheck(a)) {
                assertTrue(TwentySixthEditionTeacherTest.variants(a.response()).contains(b.response()), b.response());
            }
            changed += a.question().equals(b.question()) ? 0 : 1;
        }
        assertTrue(changed > 150, changed + " questions asked otherwise by the twenty-eighth edition");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_NINTH, 8, 1);
    }
}
