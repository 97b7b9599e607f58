package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The forty-third edition of the teacher: the forty-second edition, with its families' lower edges in training: one
 * addition and one subtraction in ten of two one-digit numbers, the times table's factors from 0, whether 0 and 1 are
 * prime, and lists of two to sort.
 */
class FortyThirdEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FORTY_SECOND = Teacher.of(TeacherEdition.FORTY_SECOND);
    private static final Teacher FORTY_THIRD = Teacher.of(TeacherEdition.FORTY_THIRD);
    private static final int EXAMPLES = 8_000;
    private static final long SEED = 20_251_128L;
    private static final Pattern OPERANDS = Pattern.compile("(-?\\d+) ([-+×]) (-?\\d+) = \\*\\*(-?\\d+)\\*\\*");

    @Test
    void theRecipeTrainsTheFortySecondEditionsFamiliesAndTemplatesAndExportsTheAverageOfItsLastTenth() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(FORTY_SECOND, "forty-third-edition", TeacherEdition.FORTY_THIRD,
                43, 25_000, Set.of());
        assertEquals(22_500, TrainingRecipe.fortyThirdEdition().exportedAverageFrom());
        assertTrue(TeacherEdition.FORTY_THIRD.asksTheLowerEdges());
        assertFalse(TeacherEdition.FORTY_SECOND.asksTheLowerEdges());
        assertTrue(TeacherEdition.FORTY_THIRD.asksTheTimesTable());
        assertFalse(TeacherEdition.FORTY_THIRD.asksListStatisticsInLaterTurnsMoreOften());
    }

    /**
     * First-turn additions and subtractions of two one-digit numbers: none in the forty-second edition, about one in ten
     * in the forty-third, each answered rightly, negative differences among them; its one-digit products include the
     * factors 0 and 1, which the forty-second's never have.
     */
    @Test
    void oneAdditionAndSubtractionInTenAreOfOneDigitNumbersAndProductsReachZero() {
        Operands before = Operands.of(FORTY_SECOND);
        Operands after = Operands.of(FORTY_THIRD);
        assertEquals(0, before.oneDigitSums() + before.oneDigitDifferences(), before.toString());
        assertFalse(before.productsWithZeroOrOne(), before.toString());
        double expected = 1.0 / TaskFamily.ONE_DIGIT_OPERANDS_ONE_IN;
        assertEquals(expected, after.oneDigitSums() / (double) after.sums(), 0.05, after.toString());
        assertEquals(expected, after.oneDigitDifferences() / (double) after.differences(), 0.05, after.toString());
        assertTrue(after.negativeOneDigitDifferences() > 0, after.toString());
        assertTrue(after.productsWithZeroOrOne(), after.toString());
    }

    /** A product by 0 is written as one digit product, as any other one-digit factor. */
    @Test
    void aProductByZeroIsWorkedAsOneDigitProduct() {
        String trace = new MultiplicationFamily(TeacherEdition.FORTY_THIRD).solve(new SplittableRandom(1), 7, 0, false)
                .trace().thinking();
        assertTrue(trace.contains("7 × 0: 7 × 0 = 0, write 0. So 0."), trace);
        assertTrue(trace.contains("So 7 × 0 = 0."), trace);
    }

    /**
     * About one primality question in {@link PrimalityFamily#ZERO_OR_ONE_ONE_IN} asks about 0 or 1 and one sorting request
     * in {@link SortingFamily#TWO_NUMBERS_ONE_IN} sorts two numbers, answered rightly; the forty-second edition asks
     * neither.
     */
    @Test
    void primalityAsksAboutZeroAndOneAndSortingSortsTwoNumbers() {
        for (Teacher teacher : java.util.List.of(FORTY_SECOND, FORTY_THIRD)) {
            int primality = 0;
            int zeroOrOne = 0;
            int sorts = 0;
            int twoNumbers = 0;
            for (Problem p : teacher.trainingSet(EXAMPLES, SEED)) {
                if (!p.context().isEmpty()) continue;
                if (p.family().equals("primality")) {
                    primality++;
                    if (p.key().equals("prime:0") || p.key().equals("prime:1")) {
                        zeroOrOne++;
                        assertEquals("not prime", p.answer(), p.response());
                        assertTrue(p.response().contains("the smallest prime is 2"), p.response());
                    }
                } else if (p.family().equals("sorting")) {
                    sorts++;
                    String[] sorted = p.answer().split(", ");
                    if (sorted.length == 2) {
                        twoNumbers++;
                        int first = Integer.parseInt(sorted[0]);
                        int second = Integer.parseInt(sorted[1]);
                        assertTrue(p.response().contains("2 numbers went in and 2 came out"), p.response());
                        assertTrue(first != second, p.response());
                    }
                }
            }
            String counts = teacher.edition() + ": " + zeroOrOne + " of " + primality + ", " + twoNumbers + " of " + sorts;
            if (teacher == FORTY_SECOND) {
                assertEquals(0, zeroOrOne + twoNumbers, counts);
            } else {
                assertEquals(1.0 / PrimalityFamily.ZERO_OR_ONE_ONE_IN, zeroOrOne / (double) primality, 0.03, counts);
                assertEquals(1.0 / SortingFamily.TWO_NUMBERS_ONE_IN, twoNumbers / (double) sorts, 0.05, counts);
            }
        }
    }

    /** The evaluation asks exactly what the eighth edition's asks: the change is to training problems only. */
    @Test
    void itsEvaluationIsTheEighthEditions() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTY_THIRD, 8, 1);
    }

    /** What the first-turn arithmetic of {@code EXAMPLES} training examples asks, read from the teacher's answers. */
    private record Operands(int sums, int oneDigitSums, int differences, int oneDigitDifferences,
                            int negativeOneDigitDifferences, boolean productsWithZeroOrOne) {

        static Operands of(Teacher teacher) {
            int sums = 0;
            int oneDigitSums = 0;
            int differences = 0;
            int oneDigitDifferences = 0;
            int negative = 0;
            Set<Integer> factors = new HashSet<>();
            for (Problem p : teacher.trainingSet(EXAMPLES, SEED)) {
                if (!p.context().isEmpty()) continue;
                String family = p.family();
                if (!family.equals("addition") && !family.equals("subtraction") && !family.equals("multiplication")) {
                    continue;
                }
                String answer = p.response().substring(p.response().lastIndexOf("</think>"));
                Matcher m = OPERANDS.matcher(answer);
                if (!m.find()) continue; // answers written in words (units, word frames)
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(3));
                int result = Integer.parseInt(m.group(4));
                boolean oneDigit = a >= 0 && a < 10 && b >= 0 && b < 10;
                switch (m.group(2)) {
                    case "+" -> {
                        assertEquals(a + b, result, answer);
                        sums++;
                        if (oneDigit) oneDigitSums++;
                    }
                    case "-" -> {
                        assertEquals(a - b, result, answer);
                        differences++;
                        if (oneDigit) {
                            oneDigitDifferences++;
                            if (result < 0) negative++;
                        }
                    }
                    default -> {
                        assertEquals(a * b, result, answer);
                        if (oneDigit) {
                            factors.add(a);
                            factors.add(b);
                        }
                    }
                }
            }
            return new Operands(sums, oneDigitSums, differences, oneDigitDifferences, negative,
                    factors.contains(0) || factors.contains(1));
        }
    }
}
