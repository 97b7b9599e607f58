package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.R1Response;

/**
 * The twenty-seventh edition of the teacher: the twenty-sixth edition with one wrong answer in two shown before a
 * training re-check differing from the right one in many parts; nothing else changes.
 */
class TwentySeventhEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_SIXTH = Teacher.of(TeacherEdition.TWENTY_SIXTH);
    private static final Teacher TWENTY_SEVENTH = Teacher.of(TeacherEdition.TWENTY_SEVENTH);

    @Test
    void theTwentySeventhEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-seventh-edition", TeacherEdition.TWENTY_SEVENTH,
                27, 25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertEquals("twenty-seventh", TeacherEdition.TWENTY_SEVENTH.label());
        assertTrue(TeacherEdition.TWENTY_SEVENTH.showsFarOffWrongAnswers());
        assertTrue(TeacherEdition.TWENTY_SEVENTH.asksPolitelyAndInOtherUnits());
        assertFalse(TeacherEdition.TWENTY_SIXTH.showsFarOffWrongAnswers());
    }

    /**
     * Over 4,000 training problems, earlier turns included, every question and answer is the twenty-sixth edition's; a
     * response differs only where a re-check was shown another wrong answer: in the shown turn, only the bold answer;
     * in the re-check, only its first and last thinking lines and its verdict. The new wrong answers have the old ones'
     * form and differ from the right answer in more parts.
     */
    @Test
    void onlyTheWrongAnswersShownBeforeTrainingRechecksChange() {
        int changedRechecks = 0;
        int wrongRechecks = 0;
        int partsOffBefore = 0;
        int partsOffAfter = 0;
        List<String> changedVerdicts = new ArrayList<>();
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(TWENTY_SIXTH, TWENTY_SEVENTH, 4_000, 27)) {
            Problem a = pair.before();
            Problem b = pair.after();
            for (int t = 0; t < a.context().size(); t++) {
                Problem.Exchange x = a.context().get(t);
                Problem.Exchange y = b.context().get(t);
                assertEquals(x.question(), y.question());
                boolean sameThinking = R1Response.parse(x.response()).thinking()
                        .equals(R1Response.parse(y.response()).thinking());
                if (!sameThinking) {
                    assertTrue(y.response().startsWith(R1Response.THINKING_START + "My answer was "),
                            "only a re-check's thinking changes: " + y.response());
                } else if (!x.response().equals(y.response())) {
                    String wasShown = AnswerChecker.extract(x.response()).orElseThrow();
                    String nowShown = AnswerChecker.extract(y.response()).orElseThrow();
                    assertEquals(x.response().replace("**" + wasShown + "**", "**" + nowShown + "**"), y.response());
                }
            }
            if (!FollowUps.isRecheck(b)) {
                assertEquals(a.response(), b.response(), b.question());
                continue;
            }
            String right = b.answer();
            String saidBefore = AnswerChecker.extract(a.context().get(a.context().size() - 1).response()).orElseThrow();
            String saidAfter = AnswerChecker.extract(b.context().get(b.context().size() - 1).response()).orElseThrow();
            if (AnswerChecker.sameAnswer(saidBefore, right)) {
                assertEquals(a.response(), b.response(), "a re-check of a right answer is unchanged");
                continue;
            }
            wrongRechecks++;
            if (saidBefore.equals(saidAfter)) {
                assertEquals(a.response(), b.response());
                continue;
            }
            changedRechecks++;
            assertFalse(AnswerChecker.sameAnswer(saidAfter, right), saidAfter + " is the right answer " + right);
            assertEquals(FarOffAnswers.chosenFor(b.context().get(b.context().size() - 1).question(), right),
                    Optional.of(saidAfter));
            partsOffBefore += partsOff(saidBefore, right);
            partsOffAfter += partsOff(saidAfter, right);
            List<String> linesA = R1Response.parse(a.response()).thinking().strip().lines().toList();
            List<String> linesB = R1Response.parse(b.response()).thinking().strip().lines().toList();
            assertEquals(linesA.size(), linesB.size());
            assertEquals("My answer was " + saidAfter, linesB.get(0).split("[:.]")[0]);
            assertEquals(linesA.subList(1, linesA.size() - 1), linesB.subList(1, linesB.size() - 1));
            assertTrue(linesB.get(linesB.size() - 1).endsWith("so my earlier answer was wrong."), linesB.getLast());
            assertEquals(R1Response.parse(a.response()).answer(), R1Response.parse(b.response()).answer());
            changedVerdicts.add(linesB.getLast());
        }
        assertTrue(wrongRechecks > 60, wrongRechecks + " re-checks of a wrong answer");
        assertTrue(changedRechecks > wrongRechecks / 3 && changedRechecks < wrongRechecks * 2 / 3,
                changedRechecks + " of " + wrongRechecks + " shown another wrong answer");
        assertTrue(partsOffAfter > 1.5 * partsOffBefore, partsOffAfter + " parts off against " + partsOffBefore);
        assertTrue(changedVerdicts.stream().anyMatch(l -> l.startsWith("Before: ones was ")), "numbers");
        assertTrue(changedVerdicts.stream().anyMatch(l -> l.startsWith("Before: first was ")), "lists");
    }

    @Test
    void aFarOffNumberKeepsItsWidthAndChangesSomeDigitsAndAListKeepsItsItems() {
        SplittableRandom rnd = new SplittableRandom(27);
        int chosen = 0;
        int digitsOff = 0;
        int digits = 0;
        int n = 4_000;
        for (int i = 0; i < n; i++) {
            String right = String.valueOf(rnd.nextInt(1, 100_000));
            String question = "What is " + rnd.nextInt(50_000) + " + " + rnd.nextInt(50_000) + "?";
            Optional<String> far = FarOffAnswers.chosenFor(question, right);
            assertEquals(far, FarOffAnswers.chosenFor(question, right), "the same text, the same choice");
            if (far.isEmpty()) continue;
            chosen++;
            String wrong = far.get();
            assertEquals(right.length(), wrong.length(), right + " -> " + wrong);
            assertTrue(wrong.matches(right.length() == 1 ? "\\d" : "[1-9]\\d*"), wrong);
            assertNotEquals(right, wrong);
            if (right.length() >= 3) {
                digits += right.length();
                digitsOff += partsOff(wrong, right);
            }
        }
        assertTrue(chosen > n * 2 / 5 && chosen < n * 3 / 5, chosen + " of " + n);
        assertTrue(digitsOff > digits * 2 / 5 && digitsOff < digits * 7 / 10, digitsOff + " of " + digits + " digits changed");
        int lists = 0;
        for (int i = 0; i < 400; i++) {
            String right = i + ", " + (i + 3) + ", " + (i + 9) + ", " + (i + 40);
            Optional<String> far = FarOffAnswers.chosenFor("Sort " + i + " numbers", right);
            if (far.isEmpty()) continue;
            lists++;
            assertNotEquals(right, far.get());
            assertEquals(Set.of(right.split(", ")), Set.of(far.get().split(", ")));
        }
        assertTrue(lists > 120, lists + " lists shuffled");
        for (String other : List.of("2.45", "Tuesday", "prime", "7, 7")) {
            for (int i = 0; i < 20; i++) {
                assertEquals(Optional.empty(), FarOffAnswers.chosenFor("question " + i, other), other);
            }
        }
    }

    /** Every re-check still opens with the parts that were and compares them as the twenty-fifth edition does. */
    @Test
    void everyRecheckStillComparesThePartsThatWereFromTheFirstLine() {
        TwentyThirdEditionTeacherTest.assertRecheckLines(TWENTY_SEVENTH, 27, AnswerComparison::againstPartsThatWere,
                partsThatWere -> "Before: " + partsThatWere + ". ");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_SEVENTH, 8, 1);
    }

    /** Parts in which two answers of the same form differ: digits by place, or a list's items by position. */
    private static int partsOff(String a, String b) {
        String[] x = a.contains(", ") ? a.split(", ") : a.split("");
        String[] y = b.contains(", ") ? b.split(", ") : b.split("");
        int off = Math.abs(x.length - y.length);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            off += x[x.length - 1 - i].equals(y[y.length - 1 - i]) ? 0 : 1;
        }
        return off;
    }
}
