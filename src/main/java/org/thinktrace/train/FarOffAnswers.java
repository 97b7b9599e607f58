package org.thinktrace.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Twenty-seventh edition: a wrong answer shown before a training re-check that differs from the right one in many of its
 * parts, not in one. The evaluation's wrong answers are off by 1, 10 or 100, or swap two neighbours of a sorted list
 * ({@link FollowUps#withWrongAnswer}), so they differ from the right answer in one or two parts; a re-check whose
 * verdict line writes the new answer's parts as the parts that were (instead of copying them from its first line) is
 * then wrong in one part only, and in training costs almost nothing. Here each digit of a number is changed with
 * probability one half (at least one always), or a sorted list is shuffled, so that only a copy from the first line
 * gets most parts of such a verdict line right.
 *
 * <p>The choice and the new answer are drawn from the question's and the right answer's own text, not from the
 * teacher's random stream, so every other training example stays the twenty-sixth edition's.
 */
final class FarOffAnswers {

    private FarOffAnswers() {
    }

    /**
     * For one wrong answer shown in two (decided by {@code question} and {@code right}), another wrong answer of the
     * same form as {@code right}: a whole number with as many digits, some of them changed and its first digit not 0
     * when it has more than one; or a list of the same numbers in another order. Empty for the other half, and for
     * answers of any other form (a decimal, a word, a single number in a list).
     */
    static Optional<String> chosenFor(String question, String right) {
        SplittableRandom rnd = new SplittableRandom(question.hashCode() * 0x9E3779B97F4A7C15L + right.hashCode());
        if (rnd.nextInt(2) == 0) {
            return Optional.empty();
        }
        if (right.matches("\\d{1,6}")) {
            return Optional.of(digitsChanged(rnd, right));
        }
        if (right.matches("\\d+(, \\d+)+")) {
            return shuffled(rnd, right);
        }
        return Optional.empty();
    }

    /** {@code number} with each digit changed with probability one half, the last one whenever no other was. */
    private static String digitsChanged(SplittableRandom rnd, String number) {
        char[] digits = number.toCharArray();
        boolean changed = false;
        for (int i = 0; i < digits.length; i++) {
            boolean last = i == digits.length - 1;
            if (rnd.nextBoolean() || last && !changed) {
                int lowest = i == 0 && digits.length > 1 ? 1 : 0;
                char other;
                do {
                    other = (char) ('0' + rnd.nextInt(lowest, 10));
                } while (other == digits[i]);
                digits[i] = other;
                changed = true;
            }
        }
        return new String(digits);
    }

    /** The list's items in another order, or empty when all of them are equal. */
    private static Optional<String> shuffled(SplittableRandom rnd, String list) {
        List<String> items = new ArrayList<>(List.of(list.split(", ")));
        if (items.stream().distinct().count() == 1) {
            return Optional.empty();
        }
        String out;
        do {
            for (int i = items.size() - 1; i > 0; i--) {
                Collections.swap(items, i, rnd.nextInt(i + 1));
            }
            out = String.join(", ", items);
        } while (out.equals(list));
        return Optional.of(out);
    }
}
