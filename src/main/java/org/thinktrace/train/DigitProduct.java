package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A number times one digit, written on one line digit by digit from the ones up with carries, the
 * last digit writing its full value: {@code 19 × 7: 9 × 7 = 63, write 3 carry 6; 1 × 7 + 6 = 13,
 * write 13. So 133.}
 */
final class DigitProduct {

    /** One digit of the number times the multiplier, plus the carry from the digit before. */
    record Step(int digit, int multiplier, int carryIn, boolean last) {

        int value() {
            return digit * multiplier + carryIn;
        }

        String expression() {
            return digit + " × " + multiplier + (carryIn > 0 ? " + " + carryIn : "");
        }

        String text() {
            int v = value();
            return expression() + " = " + v + ", write " + (last ? String.valueOf(v) : v % 10 + (v >= 10 ? " carry " + v / 10 : ""));
        }
    }

    private final int number;
    private final int multiplier;
    private final List<Step> steps;

    DigitProduct(int number, int multiplier) {
        if (number < 0 || multiplier < 0 || multiplier > 9) {
            throw new IllegalArgumentException("a digit product needs a non-negative number and a digit, got "
                    + number + " × " + multiplier);
        }
        this.number = number;
        this.multiplier = multiplier;
        List<Step> list = new ArrayList<>();
        int rest = number;
        int carry = 0;
        do {
            int d = rest % 10;
            rest /= 10;
            Step step = new Step(d, multiplier, carry, rest == 0);
            list.add(step);
            carry = step.value() / 10;
        } while (rest > 0);
        this.steps = List.copyOf(list);
    }

    List<Step> steps() {
        return steps;
    }

    int result() {
        return number * multiplier;
    }

    /** {@code "number × multiplier: "}, the start of the line. */
    String head() {
        return number + " × " + multiplier + ": ";
    }

    /** The whole line. */
    String line() {
        return head() + String.join("; ", steps.stream().map(Step::text).toList()) + ". So " + result() + ".";
    }
}
