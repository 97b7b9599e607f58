package org.thinktrace.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long division as the teacher writes it, checked step by step for every dividend below 1,000. */
class DivisionTest {

    private static final Pattern STEP = Pattern.compile("(\\d+) ÷ (\\d+): \\2 × (\\d) = (\\d+), \\1 - \\4 = (\\d+)");

    @Test
    void everyStepIsASmallTrueFactAndTheDigitsFormTheQuotient() {
        for (int divisor : new int[] {2, 3, 5, 7, 11, 13}) {
            for (int dividend = divisor; dividend < 1000; dividend++) {
                String text = new Division(dividend, divisor).longDivision();
                Matcher m = STEP.matcher(text);
                StringBuilder quotientDigits = new StringBuilder();
                int carried = -1;
                while (m.find()) {
                    int part = Integer.parseInt(m.group(1));
                    int digit = Integer.parseInt(m.group(3));
                    int product = Integer.parseInt(m.group(4));
                    int rest = Integer.parseInt(m.group(5));
                    assertEquals(divisor * digit, product, text);
                    assertEquals(part - product, rest, text);
                    assertTrue(rest >= 0 && rest < divisor, "remainder of a step below the divisor: " + text);
                    if (carried >= 0) {
                        assertEquals(carried, part / 10, "each step brings down the remainder before it: " + text);
                    }
                    carried = rest;
                    quotientDigits.append(digit);
                }
                assertEquals(String.valueOf(dividend / divisor), quotientDigits.toString(), text);
                assertTrue(text.endsWith("So " + dividend + " ÷ " + divisor + " = " + dividend / divisor
                        + " remainder " + dividend % divisor + "."), text);
            }
        }
    }

    @Test
    void directDivisionStatesQuotientProductAndRemainder() {
        assertEquals("38 ÷ 7: 7 × 5 = 35, 38 - 35 = 3", new Division(38, 7).direct());
        assertEquals("7 ÷ 7: 7 × 1 = 7, 7 - 7 = 0", new Division(7, 7).direct());
    }
}
