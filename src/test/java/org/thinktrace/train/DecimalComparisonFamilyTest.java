package org.thinktrace.train;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalComparisonFamilyTest {

    @Test
    void halfOfTheProblemsHaveEqualWholePartsAndManyOfThoseAreTheTrap() {
        DecimalComparisonFamily family = new DecimalComparisonFamily(TeacherEdition.SECOND);
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 4000;
        int sameWhole = 0;
        int trap = 0;
        for (int i = 0; i < n; i++) {
            String[] pair = family.generate(rnd).key().substring("decimal:".length()).split(",");
            BigDecimal smaller = new BigDecimal(pair[0]);
            BigDecimal larger = new BigDecimal(pair[1]);
            assertTrue(smaller.compareTo(larger) < 0, String.join(",", pair));
            if (smaller.intValue() == larger.intValue()) {
                sameWhole++;
                if (smaller.scale() > larger.scale()) {
                    trap++;             // 9.11 against 9.9: more decimals, yet smaller
                }
            }
        }
        assertTrue(Math.abs(sameWhole - n / 2) < n / 20, sameWhole + " of " + n + " with equal whole parts");
        assertTrue(trap > n / 10, trap + " of " + n + " trap problems");
    }
}
