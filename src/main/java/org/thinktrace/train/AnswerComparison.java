package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a nineteenth-edition re-check decides whether its new answer is the one it gave before: the two answers side
 * by side, unit by unit from the left (each digit a unit, each word a unit; spaces, commas and points only separate),
 * until two units differ or both answers end. Digits are compared as the sorts compare them ({@code 8 < 9}), words as
 * equal or not ({@code prime ≠ not}); an answer that ends first is compared with "nothing".
 *
 * <p>{@code 42} against {@code 42}: {@code "4 = 4, 2 = 2: the same"}; {@code 835} against {@code 935}:
 * {@code "8 < 9: not the same"}; {@code 1230} against {@code 123}: {@code "1 = 1, 2 = 2, 3 = 3, 0 against nothing:
 * not the same"}. The verdict is thereby written beside the one comparison that decides it, not after two numbers
 * read whole.
 *
 * @param steps the comparisons written, in order
 * @param same  whether every unit matched and both answers ended together
 */
record AnswerComparison(List<String> steps, boolean same) {

    private static final Pattern UNIT = Pattern.compile("\\d|\\p{L}+");

    /** The comparison of {@code now} with {@code before}. */
    static AnswerComparison of(String now, String before) {
        List<String> a = units(now);
        List<String> b = units(before);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size()) {
                steps.add(i < a.size() ? a.get(i) + " against nothing" : "nothing against " + b.get(i));
                return new AnswerComparison(steps, false);
            }
            String x = a.get(i);
            String y = b.get(i);
            boolean digits = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
            String relation = x.equals(y) ? "=" : digits ? (x.compareTo(y) < 0 ? "<" : ">") : "≠";
            steps.add(x + " " + relation + " " + y);
            if (!x.equals(y)) {
                return new AnswerComparison(steps, false);
            }
        }
        return new AnswerComparison(steps, true);
    }

    /** The comparisons and what they show: {@code "4 = 4, 2 = 2: the same"}. */
    String sentence() {
        return String.join(", ", steps) + (same ? ": the same" : ": not the same");
    }

    /** The digits and words of {@code answer}, in order. */
    static List<String> units(String answer) {
        List<String> units = new ArrayList<>();
        Matcher m = UNIT.matcher(answer);
        while (m.find()) {
            units.add(m.group());
        }
        return units;
    }
}
