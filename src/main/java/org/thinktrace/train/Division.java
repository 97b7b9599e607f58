package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Division of a non-negative number by a positive one, written so that every step is a small
 * fact: the divisor times a one-digit quotient, and a subtraction of two close numbers
 * ({@code 43 ÷ 7: 7 × 6 = 42, 43 - 42 = 1}). Long division repeats that step digit by digit,
 * starting with the shortest leading part of the number that is at least the divisor.
 */
record Division(int dividend, int divisor) {

    Division {
        if (dividend < 0 || divisor < 1) {
            throw new IllegalArgumentException("division needs a non-negative dividend and a positive divisor: "
                    + dividend + " ÷ " + divisor);
        }
    }

    int quotient() {
        return dividend / divisor;
    }

    int remainder() {
        return dividend % divisor;
    }

    /** The division in one step: {@code 38 ÷ 7: 7 × 5 = 35, 38 - 35 = 3}. */
    String direct() {
        return step(dividend);
    }

    /**
     * Long division, one step per digit brought down, then the result:
     * {@code 113 ÷ 7, digit by digit. 11 ÷ 7: 7 × 1 = 7, 11 - 7 = 4; 43 ÷ 7: 7 × 6 = 42, 43 - 42 = 1.
     * So 113 ÷ 7 = 16 remainder 1.}
     */
    String longDivision() {
        return longDivision(false);
    }

    /**
     * {@link #longDivision()}, with {@code statesStart} first saying how its leading part was chosen
     * ({@link #startDecision()}).
     */
    String longDivision(boolean statesStart) {
        return longDivisionClause(statesStart) + ".";
    }

    /** How a long-division step finds its quotient digit. */
    enum DigitSearch {
        /** The one multiple it needs: {@code 43 ÷ 7: 7 × 6 = 42, 43 - 42 = 1} ({@link #step}). */
        ONE_MULTIPLE,
        /** The divisor's multiples counted up until one is larger than the part ({@link #countedStep}). */
        COUNTED,
        /** As {@link #COUNTED}, every multiple compared with the part ({@link #countedStep}). */
        COUNTED_AGAINST_PART,
        /**
         * As {@link #COUNTED_AGAINST_PART}, each multiple written as less than, equal to or larger than the part, the
         * count ending at the first that is not less ({@link #countedStep}).
         */
        COUNTED_THREE_WAY,
        /**
         * As {@link #COUNTED_THREE_WAY}, a multiple with as many digits as the part first compared with it digit by
         * digit from the left, up to the first pair that differs ({@link #countedStep}).
         */
        COUNTED_BY_DIGITS
    }

    /**
     * {@link #longDivision(boolean)}, each quotient digit found as {@code search} says.
     */
    String longDivision(boolean statesStart, DigitSearch search) {
        return longDivisionClause(statesStart, search) + ".";
    }

    /** {@link #longDivision()} without its final full stop, for a sentence that goes on. */
    String longDivisionClause() {
        return longDivisionClause(false);
    }

    /** {@link #longDivision(boolean)} without its final full stop, for a sentence that goes on. */
    String longDivisionClause(boolean statesStart) {
        return longDivisionClause(statesStart, DigitSearch.ONE_MULTIPLE);
    }

    /** {@link #longDivision(boolean, DigitSearch)} without its final full stop, for a sentence that goes on. */
    String longDivisionClause(boolean statesStart, DigitSearch search) {
        String digits = String.valueOf(dividend);
        int used = leadingDigits();
        int part = Integer.parseInt(digits.substring(0, used));
        IntFunction<String> stepOf = search == DigitSearch.ONE_MULTIPLE ? this::step : p -> countedStep(p, search);
        List<String> steps = new ArrayList<>();
        steps.add(stepOf.apply(part));
        int carried = part % divisor;
        for (; used < digits.length(); used++) {
            part = carried * 10 + (digits.charAt(used) - '0');
            steps.add(stepOf.apply(part));
            carried = part % divisor;
        }
        return dividend + " ÷ " + divisor + ", digit by digit. " + (statesStart ? startDecision() + " " : "")
                + String.join("; ", steps) + ". So " + dividend + " ÷ " + divisor + " = " + quotient() + " remainder "
                + remainder();
    }

    /**
     * The choice of the leading part that long division starts with, each longer part compared with the
     * divisor until one is at least the divisor (or the digits run out): {@code 5 < 7, 53 ≥ 7: start with 53.},
     * {@code 1 < 13, 17 ≥ 13: start with 17.}, {@code 9 ≥ 8: start with 9.}, {@code 5 < 7: start with 5.}
     */
    String startDecision() {
        String digits = String.valueOf(dividend);
        List<String> comparisons = new ArrayList<>();
        int part = 0;
        int leading = leadingDigits();
        for (int used = 1; used <= leading; used++) {
            part = Integer.parseInt(digits.substring(0, used));
            comparisons.add(part + (part < divisor ? " < " : " ≥ ") + divisor);
        }
        return String.join(", ", comparisons) + ": start with " + part + ".";
    }

    /** How many leading digits long division starts with: the fewest whose number is at least the divisor, or all. */
    private int leadingDigits() {
        String digits = String.valueOf(dividend);
        int used = 1;
        while (used < digits.length() && Integer.parseInt(digits.substring(0, used)) < divisor) {
            used++;
        }
        return used;
    }

    /**
     * One step whose quotient digit is found by counting up the divisor's multiples, each from the one before, in
     * {@code search}'s form (not {@link DigitSearch#ONE_MULTIPLE}):
     * <ul>
     *   <li>{@link DigitSearch#COUNTED}: until one is larger than {@code part}: {@code 17 ÷ 6: 6 × 1 = 6, 6 × 2 = 12,
     *       6 × 3 = 18 > 17, so 2; 17 - 12 = 5}, {@code 3 ÷ 4: 4 × 1 = 4 > 3, so 0; 3 - 0 = 3};</li>
     *   <li>{@link DigitSearch#COUNTED_AGAINST_PART}: the same, every multiple compared with {@code part} where it is
     *       written, so that no comparison looks further back than its own row: {@code 17 ÷ 6: 6 × 1 = 6 ≤ 17,
     *       6 × 2 = 12 ≤ 17, 6 × 3 = 18 > 17, so 2; 17 - 12 = 5};</li>
     *   <li>{@link DigitSearch#COUNTED_THREE_WAY}: each multiple written as less than ({@code <}), equal to ({@code =})
     *       or larger than ({@code >}) {@code part}, the count ending at the first that is not less: at an equal one
     *       its own multiplier is the digit, at a larger one the multiplier before it: {@code 45 ÷ 5: 5 × 1 = 5 < 45,
     *       …, 5 × 8 = 40 < 45, 5 × 9 = 45 = 45, so 9; 45 - 45 = 0}. (The eleventh-edition model called an equal
     *       multiple larger and stopped one short.)</li>
     *   <li>{@link DigitSearch#COUNTED_BY_DIGITS}: as three-way, but a multiple with as many digits as {@code part}
     *       is compared with it digit by digit from the left before the relation is written, up to the first pair that
     *       differs: {@code 45 ÷ 5: 5 × 1 = 5 < 45, 5 × 2 = 10, 1 < 4: 10 < 45, …, 5 × 8 = 40, 4 = 4, 0 < 5: 40 < 45,
     *       5 × 9 = 45, 4 = 4, 5 = 5: 45 = 45, so 9; 45 - 45 = 0}. (The nineteenth-edition model wrote
     *       {@code 5 × 7 = 35 = 45}: two numbers compared whole.)</li>
     * </ul>
     */
    String countedStep(int part, DigitSearch search) {
        String comparison = switch (search) {
            case COUNTED -> "";
            case COUNTED_AGAINST_PART -> " ≤ " + part;
            case COUNTED_THREE_WAY, COUNTED_BY_DIGITS -> " < " + part;
            case ONE_MULTIPLE -> throw new IllegalArgumentException("a counted step needs a counted search, not " + search);
        };
        boolean stopsAtEqual = search == DigitSearch.COUNTED_THREE_WAY || search == DigitSearch.COUNTED_BY_DIGITS;
        List<String> multiples = new ArrayList<>();
        int k = 1;
        for (; stopsAtEqual ? divisor * k < part : divisor * k <= part; k++) {
            multiples.add(search == DigitSearch.COUNTED_BY_DIGITS ? multipleByDigits(k, part)
                    : divisor + " × " + k + " = " + divisor * k + comparison);
        }
        boolean equal = divisor * k == part;
        multiples.add(search == DigitSearch.COUNTED_BY_DIGITS ? multipleByDigits(k, part)
                : divisor + " × " + k + " = " + divisor * k + (equal ? " = " : " > ") + part);
        int q = equal ? k : k - 1;
        return part + " ÷ " + divisor + ": " + String.join(", ", multiples) + ", so " + q + "; "
                + part + " - " + q * divisor + " = " + (part - q * divisor);
    }

    /**
     * {@code divisor × k} and how it compares with {@code part}: whole when their lengths differ ({@code 5 × 1 = 5 <
     * 45}), else after their digits from the left up to the first pair that differs ({@code 5 × 7 = 35, 3 < 4: 35 <
     * 45}; {@code 5 × 9 = 45, 4 = 4, 5 = 5: 45 = 45}), the digits walked as a re-check walks two answers
     * ({@link AnswerComparison}).
     */
    private String multipleByDigits(int k, int part) {
        int multiple = divisor * k;
        String relation = multiple < part ? " < " : multiple == part ? " = " : " > ";
        String text = divisor + " × " + k + " = " + multiple;
        if (String.valueOf(multiple).length() != String.valueOf(part).length()) {
            return text + relation + part;
        }
        List<String> digits = AnswerComparison.of(String.valueOf(multiple), String.valueOf(part)).steps();
        return text + ", " + String.join(", ", digits) + ": " + multiple + relation + part;
    }

    private String step(int part) {
        int q = part / divisor;
        return part + " ÷ " + divisor + ": " + divisor + " × " + q + " = " + q * divisor + ", "
                + part + " - " + q * divisor + " = " + part % divisor;
    }
}
