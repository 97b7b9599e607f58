package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twenty-eighth edition of the teacher: the twenty-seventh edition with each comparison on a re-check's verdict line
 * naming its two parts again in the words that named them before; every other line of every problem unchanged.
 */
class TwentyEighthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_SEVENTH = Teacher.of(TeacherEdition.TWENTY_SEVENTH);
    private static final Teacher TWENTY_EIGHTH = Teacher.of(TeacherEdition.TWENTY_EIGHTH);
    /** A verdict line with named parts: the parts that were, the new answer, its parts, the comparisons and verdict. */
    private static final Pattern NAMED = Pattern.compile("Before: (.+?)\\. Now: ([^:]+): (.+?)\\. (.+)");
    /** One named part: its name and its value. */
    private static final Pattern PART = Pattern.compile("([a-z-]+) (?:was|is) (\\d+)");

    @Test
    void theTwentyEighthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-eighth-edition", TeacherEdition.TWENTY_EIGHTH,
                28, 25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertEquals("twenty-eighth", TeacherEdition.TWENTY_EIGHTH.label());
        assertTrue(TeacherEdition.TWENTY_EIGHTH.showsFarOffWrongAnswers());
        assertTrue(TeacherEdition.TWENTY_EIGHTH.asksPolitelyAndInOtherUnits());
        assertFalse(TeacherEdition.TWENTY_EIGHTH.comparesDivisionDigits());
    }

    /**
     * Training problems, earlier turns included, are the twenty-seventh edition's word for word but for the verdict line
     * of a re-check that compares with the parts named on its first line; there only the comparisons change, and they
     * are what a naive walk over the line's own named parts writes.
     */
    @Test
    void onlyTheComparisonsOfARecheckWithNamedPartsDifferFromTheTwentySeventhEdition() {
        List<String> changedLines = new ArrayList<>();
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(TWENTY_SEVENTH, TWENTY_EIGHTH, 4_000, 28,
                p -> FollowUps.isRecheck(p)
                        && NAMED.matcher(TwentyFourthEditionTeacherTest.lastThinkingLine(p.response())).matches(),
                (a, b) -> {
                    Matcher before = NAMED.matcher(a);
                    Matcher after = NAMED.matcher(b);
                    assertTrue(before.matches(), a);
                    assertTrue(after.matches(), b);
                    for (int g = 1; g <= 3; g++) {
                        assertEquals(before.group(g), after.group(g), b);
                    }
                    boolean stands = b.endsWith(", so the answer stands.");
                    assertEquals(a.endsWith(", so the answer stands."), stands);
                    String comparisons = naiveComparisons(named(after.group(1)), named(after.group(3)));
                    assertEquals(comparisons + (stands ? ", so the answer stands." : ", so my earlier answer was wrong."),
                            after.group(4));
                    changedLines.add(b);
                });
        assertTrue(rechecks > 50, rechecks + " re-checks");
        TwentyFourthEditionTeacherTest.assertPartsThatWereKeptAndCorrected(changedLines, String::startsWith);
    }

    /** In every follow-up re-check the verdict line opens with the parts that were and compares as the edition does. */
    @Test
    void everyRecheckComparesThePartsThatWereBesideTheNewOnes() {
        TwentyThirdEditionTeacherTest.assertRecheckLines(TWENTY_EIGHTH, 28, AnswerComparison::wasBesideIs,
                partsThatWere -> "Before: " + partsThatWere + ". ");
    }

    @Test
    void eachComparisonNamesThePartThatWasThenTheNewOne() {
        assertEquals("ones is 7, tens is 7. ones was 7, ones is 7, 7 = 7; tens was 8, tens is 7, 8 > 7: not the same",
                AnswerComparison.wasBesideIs("77", "87").orElseThrow().sentence());
        assertEquals("first is 3, second is 5, third is 6, fourth is 8. first was 3, first is 3, 3 = 3; second was 5,"
                        + " second is 5, 5 = 5; third was 8, third is 6, 8 > 6: not the same",
                AnswerComparison.wasBesideIs("3, 5, 6, 8", "3, 5, 8, 6").orElseThrow().sentence());
        assertEquals("ones is 1, tens is 5, hundreds is 7, thousands is 1. ones was 1, ones is 1, 1 = 1; tens was 5,"
                        + " tens is 5, 5 = 5; hundreds was 7, hundreds is 7, 7 = 7; thousands was nothing, thousands is 1:"
                        + " not the same",
                AnswerComparison.wasBesideIs("1751", "751").orElseThrow().sentence());
        assertEquals("ones is 0. ones was 0, ones is 0, 0 = 0; tens was 1, tens is nothing: not the same",
                AnswerComparison.wasBesideIs("0", "10").orElseThrow().sentence());
        assertEquals("first is 12, second is 40. first was 12, first is 12, 12 = 12; second was 40, second is 40, 40 = 40:"
                + " the same", AnswerComparison.wasBesideIs("12, 40", "12, 40").orElseThrow().sentence());
        assertTrue(AnswerComparison.wasBesideIs("12, 40", "1240").isEmpty(), "a list against a number");
        assertTrue(AnswerComparison.wasBesideIs("Friday", "Monday").isEmpty(), "words");
        assertTrue(AnswerComparison.wasBesideIs("9.11", "9.9").isEmpty(), "decimals");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_EIGHTH, 8, 1);
    }

    /** {@code "ones was 5, tens was 6"} as name to value, in order. */
    private static Map<String, String> named(String listed) {
        Map<String, String> parts = new LinkedHashMap<>();
        Matcher m = PART.matcher(listed);
        while (m.find()) {
            parts.put(m.group(1), m.group(2));
        }
        assertEquals(listed.split(", ").length, parts.size(), listed);
        return parts;
    }

    /** The comparisons written pair by pair by name until one differs, as the edition describes them. */
    private static String naiveComparisons(Map<String, String> was, Map<String, String> is) {
        List<String> names = new ArrayList<>(was.size() >= is.size() ? was.keySet() : is.keySet());
        List<String> steps = new ArrayList<>();
        for (String name : names) {
            String x = was.get(name);
            String y = is.get(name);
            String step = name + " was " + (x == null ? "nothing" : x) + ", " + name + " is " + (y == null ? "nothing" : y);
            if (x == null || y == null) {
                steps.add(step);
                return String.join("; ", steps) + ": not the same";
            }
            long a = Long.parseLong(x);
            long b = Long.parseLong(y);
            steps.add(step + ", " + x + " " + (a == b ? "=" : a < b ? "<" : ">") + " " + y);
            if (a != b) {
                return String.join("; ", steps) + ": not the same";
            }
        }
        return String.join("; ", steps) + ": the same";
    }
}
