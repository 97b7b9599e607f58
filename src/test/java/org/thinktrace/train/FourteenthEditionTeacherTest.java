package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fourteenth edition of the teacher: the thirteenth edition whose sorts and minimum or maximum scans compare two
 * numbers of the same length and leading digit digit by digit first; everything else, the evaluation included, is the
 * eighth edition's.
 */
class FourteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTEENTH = Teacher.of(TeacherEdition.THIRTEENTH);
    private static final Teacher FOURTEENTH = Teacher.of(TeacherEdition.FOURTEENTH);
    /** What the fourteenth edition adds before a comparison: {@code 477 vs 465: 4 = 4, 7 > 6, so }. */
    private static final Pattern DIGITS_FIRST = Pattern.compile("(\\d+) vs (\\d+): ((?:\\d = \\d, )*)(\\d) ([<>]) (\\d), so (?=(\\d+) ([<>]) (\\d+))");

    @Test
    void theFourteenthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "fourteenth-edition", TeacherEdition.FOURTEENTH, 14);
    }

    @Test
    void trainingAsksWhatTheThirteenthEditionAsksAndOnlySortsAndScansCompareDigits() {
        Map<String, Integer> changed = EditionRecipeCheck.changedFamiliesWhenOnlyAdditionsDiffer(THIRTEENTH, FOURTEENTH, 4_000, 14,
                response -> DIGITS_FIRST.matcher(response).replaceAll(""));
        assertEquals(List.of("list-statistics", "sorting"), changed.keySet().stream().sorted().toList(), "changed: " + changed);
        assertTrue(changed.get("sorting") > 40 && changed.get("list-statistics") > 20, "changed: " + changed);
    }

    @Test
    void everyDigitComparisonNamesTheSameNumbersAndItsFirstDifferingDigitDecidesRightly() {
        int comparisons = 0;
        for (Problem p : FOURTEENTH.trainingSet(3_000, 7)) {
            Matcher m = DIGITS_FIRST.matcher(p.response());
            while (m.find()) {
                String a = m.group(1);
                String b = m.group(2);
                assertEquals(List.of(a, b), List.of(m.group(7), m.group(9)), "the verdict compares the same numbers: " + p.response());
                assertEquals(a.length(), b.length(), m.group());
                int same = m.group(3).isEmpty() ? 0 : m.group(3).split(", ").length;
                assertTrue(same >= 1, "only numbers with the same leading digit: " + m.group());
                assertEquals(a.substring(0, same), b.substring(0, same), m.group());
                assertEquals(a.charAt(same), m.group(4).charAt(0), m.group());
                assertEquals(b.charAt(same), m.group(6).charAt(0), m.group());
                assertTrue(a.charAt(same) != b.charAt(same), m.group());
                String expected = Integer.parseInt(a) < Integer.parseInt(b) ? "<" : ">";
                assertEquals(expected, m.group(5), m.group());
                assertEquals(expected, m.group(8), m.group());
                comparisons++;
            }
        }
        assertTrue(comparisons > 100, comparisons + " digit comparisons");
    }

    @Test
    void onlyDifferentNumbersOfTheSameLengthAndLeadingDigitCompareDigits() {
        assertEquals("477 vs 465: 4 = 4, 7 > 6, so 477 > 465", ListStatisticsFamily.compared(477, 465, true));
        assertEquals("551 vs 558: 5 = 5, 5 = 5, 1 < 8, so 551 < 558", ListStatisticsFamily.compared(551, 558, true));
        assertEquals("477 > 465", ListStatisticsFamily.compared(477, 465, false));
        SplittableRandom rnd = new SplittableRandom(14);
        for (int i = 0; i < 2_000; i++) {
            int a = rnd.nextInt(1, 1000);
            int b = rnd.nextInt(1, 1000);
            String sa = String.valueOf(a);
            String sb = String.valueOf(b);
            boolean close = a != b && sa.length() == sb.length() && sa.charAt(0) == sb.charAt(0);
            String text = ListStatisticsFamily.compared(a, b, true);
            assertEquals(close, text.contains(" vs "), text);
            assertTrue(text.endsWith(a + " " + ListStatisticsFamily.relation(a, b) + " " + b), text);
        }
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FOURTEENTH, 8, 1);
    }
}
