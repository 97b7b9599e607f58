package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twentieth edition of the teacher: the nineteenth edition with a sharing problem's long division comparing each
 * multiple with the part digit by digit where both have as many digits; every other response unchanged.
 */
class TwentiethEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher NINETEENTH = Teacher.of(TeacherEdition.NINETEENTH);
    private static final Teacher TWENTIETH = Teacher.of(TeacherEdition.TWENTIETH);
    /** One multiple as the twentieth edition writes it: {@code 5 × 7 = 35, 3 < 4: 35 < 45} or {@code 5 × 1 = 5 < 45}. */
    private static final Pattern MULTIPLE = Pattern.compile(
            "(\\d+) × (\\d+) = (\\d+)((?:, \\d [<=>] \\d)*)(?:: \\d+)? ([<=>]) (\\d+)");
    private static final Pattern DIGITS = Pattern.compile(", (\\d) ([<=>]) (\\d)");

    @Test
    void theTwentiethEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twentieth-edition", TeacherEdition.TWENTIETH, 20,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
    }

    /** Problems, questions and answers are the nineteenth edition's; only sharing divisions are written otherwise. */
    @Test
    void onlySharingDivisionsDifferFromTheNineteenthEdition() {
        int changed = 0;
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(NINETEENTH, TWENTIETH, 4_000, 20)) {
            Problem a = pair.before();
            Problem b = pair.after();
            if (!a.response().equals(b.response())) {
                changed++;
                assertTrue(b.response().contains("Each gets") || b.key().startsWith("share:")
                        || b.context().stream().anyMatch(e -> e.response().contains("Each gets")), b.response());
            }
        }
        assertTrue(changed > 50, changed + " responses changed");
    }

    /**
     * Every multiple of every sharing division states true arithmetic, its relation to the part is the true one, and
     * where multiple and part have as many digits the digit pairs walk from the left to the first that differs.
     */
    @Test
    void everyMultipleIsComparedTrulyAndDigitByDigitWhereTheLengthsMatch() {
        int[] counts = new int[2];
        for (Problem p : TWENTIETH.evaluationSet(60, 20)) {
            if (p.key().startsWith("share:")) assertMultiplesTrue(p.response(), counts);
        }
        int byDigits = counts[0];
        int whole = counts[1];
        assertTrue(byDigits > 20 && whole > 5, byDigits + " compared by digits, " + whole + " whole");
        assertTrue(new Division(45, 5).countedStep(45, Division.DigitSearch.COUNTED_BY_DIGITS)
                .contains("5 × 7 = 35, 3 < 4: 35 < 45, 5 × 8 = 40, 4 = 4, 0 < 5: 40 < 45, 5 × 9 = 45, 4 = 4, 5 = 5: 45 = 45, so 9"));
    }

    /** Checks every multiple in {@code text}; counts those compared by digits ({@code counts[0]}) and whole ({@code [1]}). */
    private static void assertMultiplesTrue(String text, int[] counts) {
        Matcher m = MULTIPLE.matcher(text);
        while (m.find()) {
            int divisor = Integer.parseInt(m.group(1));
            int k = Integer.parseInt(m.group(2));
            int multiple = Integer.parseInt(m.group(3));
            int part = Integer.parseInt(m.group(6));
            assertEquals(divisor * k, multiple, m.group());
            String relation = multiple < part ? "<" : multiple == part ? "=" : ">";
            assertEquals(relation, m.group(5), m.group());
            String a = m.group(3);
            String b = m.group(6);
            if (a.length() != b.length()) {
                assertEquals("", m.group(4), m.group());
                counts[1]++;
                continue;
            }
            counts[0]++;
            Matcher d = DIGITS.matcher(m.group(4));
            int i = 0;
            while (d.find()) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                assertEquals(String.valueOf(x), d.group(1), m.group());
                assertEquals(String.valueOf(y), d.group(3), m.group());
                assertEquals(x < y ? "<" : x == y ? "=" : ">", d.group(2), m.group());
                i++;
                if (x != y) break;
            }
            int firstDifference = 0;
            while (firstDifference < a.length() && a.charAt(firstDifference) == b.charAt(firstDifference)) firstDifference++;
            assertEquals(Math.min(a.length(), firstDifference + 1), i, "digits up to the first difference: " + m.group());
        }
    }

    /** Every step for divisors 2 to 13 and every part below ten times the divisor: true rows, the right digit. */
    @Test
    void everyStepCountsUpToTheRightDigit() {
        for (int divisor = 2; divisor <= 13; divisor++) {
            for (int part = 0; part < divisor * 10; part++) {
                String step = new Division(part, divisor).countedStep(part, Division.DigitSearch.COUNTED_BY_DIGITS);
                int q = part / divisor;
                assertTrue(step.startsWith(part + " ÷ " + divisor + ": "), step);
                assertTrue(step.endsWith(", so " + q + "; " + part + " - " + q * divisor + " = " + part % divisor), step);
                int[] counts = new int[2];
                assertMultiplesTrue(step, counts);
                boolean exact = part > 0 && part % divisor == 0;
                assertEquals(exact ? q : q + 1, counts[0] + counts[1], "rows up to the first multiple not less: " + step);
            }
        }
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTIETH, 8, 1);
    }
}
