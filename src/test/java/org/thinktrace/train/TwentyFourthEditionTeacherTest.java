package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.R1Response;

/**
 * The twenty-fourth edition of the teacher: the twenty-third edition with a verdict line that names the earlier
 * answer's parts again, in the first line's words, beside the new answer's; every other line of every problem unchanged.
 */
class TwentyFourthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_THIRD = Teacher.of(TeacherEdition.TWENTY_THIRD);
    private static final Teacher TWENTY_FOURTH = Teacher.of(TeacherEdition.TWENTY_FOURTH);
    /** A twenty-fourth-edition verdict line with named parts: the new answer, its parts, the parts that were, the rest. */
    private static final Pattern NAMED_VERDICT = Pattern.compile("Now: ([^:]+): (.+?)\\. Before: (.+?)\\. (.+)");
    private static final Pattern PART_THAT_WAS = Pattern.compile("([a-z-]+) was (\\d+)");

    @Test
    void theTwentyFourthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-fourth-edition", TeacherEdition.TWENTY_FOURTH, 24,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertFalse(TeacherEdition.TWENTY_FOURTH.comparesDivisionDigits());
        assertEquals("twenty-fourth", TeacherEdition.TWENTY_FOURTH.label());
    }

    /**
     * Training problems, earlier turns included, are the twenty-third edition's word for word but for the verdict line of
     * a re-check that compares with the parts named on its first line, which gains those parts, named as the first line
     * names them, between the new answer's parts and the same comparisons.
     */
    @Test
    void onlyTheVerdictLineOfARecheckWithNamedPartsDiffersFromTheTwentyThirdEdition() {
        List<String> changedLines = new ArrayList<>();
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(TWENTY_THIRD, TWENTY_FOURTH, 4_000, 24,
                p -> FollowUps.isRecheck(p) && NAMED_VERDICT.matcher(lastThinkingLine(p.response())).matches(),
                (a, b) -> {
                    Matcher m = NAMED_VERDICT.matcher(b);
                    assertTrue(m.matches(), b);
                    assertEquals("Now: " + m.group(1) + ": " + m.group(2) + ". " + m.group(4), a);
                    String said = answerNamed(m.group(3));
                    assertEquals(Optional.of(m.group(3)), AnswerComparison.partsThatWere(said), b);
                    assertEquals(AnswerComparison.againstPartsThatWere(m.group(1), said).orElseThrow().sentence(),
                            m.group(2) + ". " + m.group(4).replaceFirst(", so .*", ""));
                    changedLines.add(b);
                });
        assertTrue(rechecks > 50, rechecks + " re-checks");
        assertPartsThatWereKeptAndCorrected(changedLines, String::contains);
    }

    /**
     * Asserts that among {@code verdictLines} a number's and a list's parts that were ("Before: ones was ", "Before:
     * first was "), each found in a line by {@code placed}, stand in lines that keep the answer and in lines that
     * correct it.
     */
    static void assertPartsThatWereKeptAndCorrected(List<String> verdictLines, BiPredicate<String, String> placed) {
        for (String opening : List.of("Before: ones was ", "Before: first was ")) {
            for (String verdict : List.of("stands.", "wrong.")) {
                assertTrue(verdictLines.stream().anyMatch(l -> placed.test(l, opening) && l.endsWith(verdict)),
                        opening + "… " + verdict);
            }
        }
    }

    /**
     * In every follow-up re-check the first line names the earlier answer's parts when it has them, and the verdict line
     * compares as {@link AnswerComparison#besidePartsThatWere} does, or else quotes the earlier answer and compares as
     * {@link AnswerComparison#forRecheck} does; the comparison and the answer's opening decide alike.
     */
    @Test
    void theVerdictLineNamesThePartsThatWereBesideTheNewAnswers() {
        TwentyThirdEditionTeacherTest.assertRecheckLines(TWENTY_FOURTH, 24, AnswerComparison::besidePartsThatWere);
    }

    @Test
    void thePartsThatWereStandBetweenTheNewAnswersAndTheComparisons() {
        assertEquals("first is 3, second is 5, third is 6, fourth is 8. Before: first was 3, second was 5, third was 8,"
                        + " fourth was 6. First: 3 = 3. Second: 5 = 5. Third: 6 < 8: not the same",
                AnswerComparison.besidePartsThatWere("3, 5, 6, 8", "3, 5, 8, 6").orElseThrow().sentence());
        assertEquals("ones is 1, tens is 5, hundreds is 7, thousands is 1. Before: ones was 1, tens was 5, hundreds was 7."
                        + " Ones: 1 = 1. Tens: 5 = 5. Hundreds: 7 = 7. Thousands: 1 against nothing: not the same",
                AnswerComparison.besidePartsThatWere("1751", "751").orElseThrow().sentence());
        assertEquals("ones is 2, tens is 4. Before: ones was 2, tens was 4. Ones: 2 = 2. Tens: 4 = 4: the same",
                AnswerComparison.besidePartsThatWere("42", "42").orElseThrow().sentence());
        for (String[] pair : new String[][] {{"123456", "12345"}, {"42", "4, 2"}, {"Friday", "5"}, {"-5", "5"}}) {
            assertEquals(Optional.empty(), AnswerComparison.besidePartsThatWere(pair[0], pair[1]), String.join(" vs ", pair));
        }
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_FOURTH, 8, 1);
    }

    /** The answer whose parts {@code named} lists ("ones was 1, tens was 5" is 51; "first was 3, second was 5" is 3, 5). */
    private static String answerNamed(String named) {
        List<String> parts = new ArrayList<>();
        Matcher m = PART_THAT_WAS.matcher(named);
        boolean byPlace = named.startsWith("ones ");
        while (m.find()) {
            parts.add(m.group(2));
        }
        return byPlace ? new StringBuilder(String.join("", parts)).reverse().toString() : String.join(", ", parts);
    }

    static String lastThinkingLine(String response) {
        List<String> lines = R1Response.parse(response).thinking().strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
