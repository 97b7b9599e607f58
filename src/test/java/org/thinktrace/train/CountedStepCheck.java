package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a long-division step that counts up the divisor's multiples, as the tenth and later editions write it. */
final class CountedStepCheck {

    /** A step without comparisons: {@code 17 ÷ 6: 6 × 1 = 6, 6 × 2 = 12, 6 × 3 = 18 > 17, so 2; 17 - 12 = 5}. */
    static final Pattern COUNTED = step("");
    /** A step that compares every multiple: {@code 17 ÷ 6: 6 × 1 = 6 ≤ 17, 6 × 2 = 12 ≤ 17, 6 × 3 = 18 > 17, so 2; …}. */
    static final Pattern COMPARED = step(" ≤ \\d+");

    private CountedStepCheck() {
    }

    private static Pattern step(String comparison) {
        return Pattern.compile("(\\d+) ÷ (\\d+): ((?:\\d+ × \\d+ = \\d+" + comparison
                + ", )*)(\\d+) × (\\d+) = (\\d+) > (\\d+), so (\\d+); (\\d+) - (\\d+) = (\\d+)");
    }

    /**
     * Asserts that {@code step} divides {@code part} by {@code divisor} with one row per multiple up to the part (each
     * row {@code d × k = dk}, followed by {@code ≤ part} when {@code compared}), ends at the first multiple larger than
     * the part, and writes the right quotient digit and remainder.
     */
    static void assertCountsUp(String step, int part, int divisor, boolean compared) {
        Matcher m = (compared ? COMPARED : COUNTED).matcher(step);
        assertTrue(m.matches(), step);
        assertEquals(List.of(part, divisor), List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), step);
        int q = part / divisor;
        Matcher rows = Pattern.compile("(\\d+) × (\\d+) = (\\d+)(?: ≤ (\\d+))?, ").matcher(m.group(3));
        int k = 0;
        while (rows.find()) {
            k++;
            assertEquals(List.of(divisor, k, divisor * k), List.of(Integer.parseInt(rows.group(1)),
                    Integer.parseInt(rows.group(2)), Integer.parseInt(rows.group(3))), step);
            if (compared) {
                assertEquals(part, Integer.parseInt(rows.group(4)), "each multiple compared with the part: " + step);
            }
        }
        assertEquals(q, k, "one row per multiple at most the part: " + step);
        assertEquals(List.of(divisor, q + 1, divisor * (q + 1), part), List.of(Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7))),
                "the first multiple larger than the part ends the count: " + step);
        assertEquals(q, Integer.parseInt(m.group(8)), step);
        assertEquals(List.of(part, q * divisor, part % divisor), List.of(Integer.parseInt(m.group(9)),
                Integer.parseInt(m.group(10)), Integer.parseInt(m.group(11))), step);
    }

    /**
     * Asserts {@link #assertCountsUp} for every divisor from 2 to 13 and every part below ten times it, the step written
     * by {@link Division#comparedCountStep} when {@code compared}, else by {@link Division#countedStep}.
     */
    static void assertEveryStepCountsUp(boolean compared) {
        for (int divisor = 2; divisor <= 13; divisor++) {
            for (int part = 0; part < divisor * 10; part++) {
                Division division = new Division(part, divisor);
                assertCountsUp(compared ? division.comparedCountStep(part) : division.countedStep(part), part, divisor,
                        compared);
            }
        }
    }

    /**
     * Asserts that 3,000 training word problems of {@code edition} (drawn from {@code seed}) are answered right, that
     * one in five of them shares equally (as the eighth edition draws), and that exactly the sharing ones count up
     * multiples, every row compared with the part when {@code compared}, none when not.
     */
    static void assertSharingProblemsCountUp(TeacherEdition edition, long seed, boolean compared) {
        WordProblemFamily family = new WordProblemFamily(edition);
        SplittableRandom rnd = new SplittableRandom(seed);
        int sharing = 0;
        for (int i = 0; i < 3_000; i++) {
            Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.response());
            boolean counts = (compared ? COMPARED : COUNTED).matcher(p.response()).find();
            boolean countsOtherwise = Pattern.compile(compared ? "\\d+ × \\d+ = \\d+, \\d+ × " : " ≤ ")
                    .matcher(p.response()).find();
            assertEquals(p.key().startsWith("share:"), counts, p.response());
            assertTrue(!countsOtherwise, p.response());
            sharing += counts ? 1 : 0;
        }
        assertTrue(Math.abs(sharing - 600) < 90, sharing + " of 3,000 sharing: one in five, as the eighth edition draws");
    }
}
