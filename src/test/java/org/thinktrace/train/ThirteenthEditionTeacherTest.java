package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The thirteenth edition of the teacher: the twelfth edition whose primality rule for 3 writes the digit sum as
 * threes and a remainder and whose weekday traces first restate the start day and the direction; everything else,
 * the evaluation included, is the eighth edition's.
 */
class ThirteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWELFTH = Teacher.of(TeacherEdition.TWELFTH);
    private static final Teacher THIRTEENTH = Teacher.of(TeacherEdition.THIRTEENTH);
    /** What the thirteenth edition adds to a digit sum: {@code  = 3 × 4} or {@code  = 3 × 1 + 1}. */
    private static final Pattern THREES = Pattern.compile("(?<== \\d{1,2}) = 3 × \\d+(?: \\+ [12])?(?=, (?:not )?a multiple of 3)");
    private static final Pattern RESTATED = Pattern.compile("From (\\w+day), (\\d+) days? (later: count forward|earlier: count back)\\.\n");
    private static final Pattern DIGIT_SUM = Pattern.compile("^([\\d + ]+) = (\\d+) = 3 × (\\d+)(?: \\+ (\\d))?, (not )?a multiple of 3, $");
    private static final Pattern WEEKDAY_KEY = Pattern.compile("weekday:(\\w+day)([+-])(\\d+)");

    @Test
    void theThirteenthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "thirteenth-edition", TeacherEdition.THIRTEENTH, 13);
    }

    @Test
    void trainingAsksWhatTheTwelfthEditionAsksAndOnlyDigitSumsAndWeekdayStartsChange() {
        Map<String, Integer> changed = EditionRecipeCheck.changedFamiliesWhenOnlyAdditionsDiffer(TWELFTH, THIRTEENTH, 4_000, 13,
                response -> RESTATED.matcher(THREES.matcher(response).replaceAll("")).replaceAll(""));
        assertEquals(List.of("primality", "weekday"), changed.keySet().stream().sorted().toList(), "changed: " + changed);
        assertTrue(changed.get("primality") > 40 && changed.get("weekday") > 40, "changed: " + changed);
    }

    @Test
    void everyDigitSumIsWrittenAsThreesAndARemainderThatDecideRightly() {
        for (int n = 2; n < PrimalityFamily.LIMIT; n++) {
            String rule = PrimalityFamily.digitSumRule(n, true);
            Matcher m = DIGIT_SUM.matcher(rule);
            assertTrue(m.matches(), rule);
            int sum = 0;
            for (String digit : m.group(1).trim().split(" \\+ ")) {
                sum += Integer.parseInt(digit);
            }
            assertEquals(String.valueOf(n), m.group(1).replace(" + ", ""), rule);
            assertEquals(sum, Integer.parseInt(m.group(2)), rule);
            int remainder = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            assertTrue(remainder == 0 ? m.group(4) == null : remainder < 3, rule);
            assertEquals(sum, 3 * Integer.parseInt(m.group(3)) + remainder, rule);
            assertEquals(n % 3 != 0, m.group(5) != null, rule);
        }
        assertEquals("9 + 3 = 12, a multiple of 3, ", PrimalityFamily.digitSumRule(93, false));
    }

    @Test
    void everyFirstTurnWeekdayTraceFirstRestatesTheQuestionsDayCountAndDirection() {
        int weekdays = 0;
        for (Problem p : THIRTEENTH.trainingSet(3_000, 7)) {
            if (!p.family().equals("weekday") || !p.context().isEmpty()) {
                continue;
            }
            Matcher key = WEEKDAY_KEY.matcher(p.key());
            assertTrue(key.matches(), p.key());
            Matcher first = RESTATED.matcher(p.response());
            assertTrue(first.find() && first.start() == "<think>\n".length(), p.response());
            assertEquals(key.group(1), first.group(1), p.response());
            assertEquals(key.group(3), first.group(2), p.response());
            assertEquals(key.group(2).equals("+"), first.group(3).startsWith("later"), p.response());
            weekdays++;
        }
        assertTrue(weekdays > 50, weekdays + " first-turn weekday problems");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTEENTH, 8, 1);
    }
}
