package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thinktrace.train.Division.DigitSearch;

/**
 * Checks a long-division step that counts up the divisor's multiples, in the three forms the tenth and later editions
 * write: without comparisons ({@code 17 ÷ 6: 6 × 1 = 6, 6 × 2 = 12, 6 × 3 = 18 > 17, so 2; 17 - 12 = 5}), every
 * multiple compared with {@code ≤} ({@code 6 × 1 = 6 ≤ 17, …}), or as less, equal or larger ({@code 6 × 1 = 6 < 17, …};
 * {@code 5 × 9 = 45 = 45, so 9}).
 */
final class CountedStepCheck {

    /** A whole step: part, divisor, the rows, the last row's multiplier, relation and part, the digit, the subtraction. */
    private static final Pattern STEP = Pattern.compile("(\\d+) ÷ (\\d+): ((?:\\d+ × \\d+ = \\d+(?: [≤<] \\d+)?, )*)"
            + "(\\d+) × (\\d+) = (\\d+) ([>=]) (\\d+), so (\\d+); (\\d+) - (\\d+) = (\\d+)");
    private static final Pattern ROW = Pattern.compile("(\\d+) × (\\d+) = (\\d+)(?: ([≤<]) (\\d+))?, ");
    /** A row of each form, found anywhere in a response. */
    private static final Map<DigitSearch, Pattern> ROW_OF = Map.of(
            DigitSearch.COUNTED, Pattern.compile("\\d+ × \\d+ = \\d+, \\d+ × "),
            DigitSearch.COUNTED_AGAINST_PART, Pattern.compile("\\d+ × \\d+ = \\d+ ≤ \\d+, "),
            DigitSearch.COUNTED_THREE_WAY, Pattern.compile("\\d+ × \\d+ = \\d+ [<=] \\d+, "));

    private CountedStepCheck() {
    }

    /**
     * Asserts that {@code step} divides {@code part} by {@code divisor} in {@code search}'s form: one row {@code d × k =
     * dk} per multiple below the part (and, except three-way, equal to it), each followed by {@code ≤ part} or {@code <
     * part} as the form has it, then one row ending the count ({@code > part}, or {@code = part} three-way), and the
     * right quotient digit and remainder.
     */
    static void assertCountsUp(String step, int part, int divisor, DigitSearch search) {
        Matcher m = STEP.matcher(step);
        assertTrue(m.matches(), step);
        assertEquals(List.of(part, divisor), List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), step);
        int q = part / divisor;
        boolean threeWay = search == DigitSearch.COUNTED_THREE_WAY;
        boolean endsEqual = threeWay && part > 0 && part % divisor == 0;
        String relation = switch (search) {
            case COUNTED -> null;
            case COUNTED_AGAINST_PART -> "≤";
            case COUNTED_THREE_WAY -> "<";
            case COUNTED_BY_DIGITS -> throw new IllegalArgumentException("digit-by-digit steps: TwentiethEditionTeacherTest");
            case ONE_MULTIPLE -> throw new IllegalArgumentException("not a counted step");
        };
        Matcher rows = ROW.matcher(m.group(3));
        int k = 0;
        while (rows.find()) {
            k++;
            assertEquals(List.of(divisor, k, divisor * k), List.of(Integer.parseInt(rows.group(1)),
                    Integer.parseInt(rows.group(2)), Integer.parseInt(rows.group(3))), step);
            assertEquals(relation, rows.group(4), step);
            if (relation != null) {
                assertEquals(part, Integer.parseInt(rows.group(5)), "each multiple compared with the part: " + step);
            }
        }
        assertEquals(endsEqual ? q - 1 : q, k, "one row per multiple before the one that ends the count: " + step);
        int last = k + 1;
        assertEquals(List.of(divisor, last, divisor * last, endsEqual ? "=" : ">", part),
                List.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                        m.group(7), Integer.parseInt(m.group(8))),
                "the first multiple " + (threeWay ? "not less than" : "larger than") + " the part ends the count: " + step);
        assertEquals(q, Integer.parseInt(m.group(9)), step);
        assertEquals(List.of(part, q * divisor, part % divisor), List.of(Integer.parseInt(m.group(10)),
                Integer.parseInt(m.group(11)), Integer.parseInt(m.group(12))), step);
    }

    /** Asserts {@link #assertCountsUp} for every divisor from 2 to 13 and every part below ten times it. */
    static void assertEveryStepCountsUp(DigitSearch search) {
        for (int divisor = 2; divisor <= 13; divisor++) {
            for (int part = 0; part < divisor * 10; part++) {
                assertCountsUp(new Division(part, divisor).countedStep(part, search), part, divisor, search);
            }
        }
    }

    /**
     * Asserts that 3,000 training word problems of {@code edition} (drawn from {@code seed}) are answered right, that
     * one in five of them shares equally (as the eighth edition draws), and that exactly the sharing ones count up
     * multiples in {@code search}'s form, with no row of another form anywhere.
     */
    static void assertSharingProblemsCountUp(TeacherEdition edition, long seed, DigitSearch search) {
        WordProblemFamily family = new WordProblemFamily(edition);
        SplittableRandom rnd = new SplittableRandom(seed);
        int sharing = 0;
        for (int i = 0; i < 3_000; i++) {
            Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.response());
            boolean shares = p.key().startsWith("share:");
            Matcher step = STEP.matcher(p.response());
            assertEquals(shares, step.find(), p.response());
            for (Map.Entry<DigitSearch, Pattern> form : ROW_OF.entrySet()) {
                if (form.getKey() != search) {
                    assertTrue(!form.getValue().matcher(p.response()).find(), form.getKey() + ": " + p.response());
                }
            }
            if (shares) {
                sharing++;
                String[] operands = p.key().substring("share:".length()).split("/");
                assertTrue(p.response().contains(operands[0] + " ÷ " + operands[1]), p.response());
            }
        }
        assertTrue(Math.abs(sharing - 600) < 90, sharing + " of 3,000 sharing: one in five, as the eighth edition draws");
    }
}
