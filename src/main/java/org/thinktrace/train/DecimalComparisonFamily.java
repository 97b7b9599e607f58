package org.thinktrace.train;

import java.math.BigDecimal;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which of two decimals is larger (or smaller), including the 9.11 vs 9.9 trap: equal whole parts
 * where the number with more decimal digits is the smaller one. The trace pads both to the same
 * number of decimals and compares place by place. Half of the problems have equal whole parts and
 * half different ones: with a third different (run 7 of {@code docs/training.md}), a model learned
 * to write "equal" after any two whole parts.
 */
public final class DecimalComparisonFamily implements TaskFamily {

    private static final List<String> LARGER = List.of(
            "Which is larger, %s or %s?",
            "Which number is bigger: %s or %s?",
            "%s or %s, which one is greater?",
            "Which is greater, %s or %s?",
            "Compare %s and %s. Which is larger?",
            "What is bigger, %s or %s?");
    private static final List<String> SMALLER = List.of(
            "Which is smaller, %s or %s?",
            "Which number is less: %s or %s?",
            "%s or %s, which one is smaller?",
            "Compare %s and %s. Which is smaller?");
    private static final List<String> PLACES = List.of("Tenths", "Hundredths", "Thousandths");

    @Override
    public String name() {
        return "decimal-comparison";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        String a;
        String b;
        boolean sameWhole = rnd.nextBoolean();
        do {
            int whole = rnd.nextInt(21);
            a = decimal(rnd, whole);
            b = decimal(rnd, sameWhole ? whole : otherWhole(rnd, whole));
        } while (new BigDecimal(a).compareTo(new BigDecimal(b)) == 0);
        boolean askLarger = rnd.nextInt(3) != 0;
        BigDecimal va = new BigDecimal(a);
        BigDecimal vb = new BigDecimal(b);
        String larger = va.compareTo(vb) > 0 ? a : b;
        String smaller = larger.equals(a) ? b : a;
        boolean slip = TaskFamily.drawSlip(rnd);

        Trace trace = new Trace().step("Compare " + a + " and " + b + ".");
        String check;
        int wa = va.intValue();
        int wb = vb.intValue();
        if (wa != wb) {
            if (slip) {
                int low = Math.min(wa, wb);
                trace.slip("Whole parts: " + wa + " and " + wb + ", " + low + " is larger.",
                        "Wait, " + Math.max(wa, wb) + " is larger than " + low + ".");
            }
            trace.step("Whole parts: " + wa + " and " + wb + ", " + Math.max(wa, wb) + " is larger, so "
                    + larger + " is larger.");
            int low = Math.min(wa, wb);
            check = "Check: " + smaller + " < " + (low + 1) + " and " + (low + 1) + " ≤ " + larger + ". Correct.";
        } else {
            trace.step("Whole parts: " + wa + " and " + wb + ", equal.");
            String fa = fraction(a);
            String fb = fraction(b);
            boolean trap = fa.length() != fb.length() && (fa.length() > fb.length()) == larger.equals(b);
            if (slip && trap) {
                String longer = fa.length() > fb.length() ? a : b;
                trace.slip(longer + " has more digits after the point, so it looks larger.",
                        "Wait, more digits do not make a decimal larger. Compare place by place.");
                slip = false;
            }
            int width = Math.max(fa.length(), fb.length());
            String pa = pad(fa, width);
            String pb = pad(fb, width);
            trace.step("Same number of decimals: " + wa + "." + pa + " and " + wb + "." + pb + ".");
            for (int i = 0; i < width; i++) {
                char da = pa.charAt(i);
                char db = pb.charAt(i);
                if (da == db) {
                    trace.step(PLACES.get(i) + ": " + da + " and " + db + ", equal.");
                    continue;
                }
                char high = (char) Math.max(da, db);
                char low = (char) Math.min(da, db);
                if (slip) {
                    trace.slip(PLACES.get(i) + ": " + da + " and " + db + ", " + low + " is larger.",
                            "Wait, " + high + " is larger than " + low + ".");
                }
                trace.step(PLACES.get(i) + ": " + da + " and " + db + ", " + high + " is larger, so " + larger + " is larger.");
                break;
            }
            String unit = width == 1 ? "tenths" : width == 2 ? "hundredths" : "thousandths";
            String scaledLarger = new BigDecimal(larger).movePointRight(width).toPlainString();
            String scaledSmaller = new BigDecimal(smaller).movePointRight(width).toPlainString();
            check = "Check: in " + unit + ", " + larger + " is " + scaledLarger + " and " + smaller + " is "
                    + scaledSmaller + ", and " + scaledLarger + " > " + scaledSmaller + ". Correct.";
        }
        String answer = askLarger ? larger : smaller;
        trace.step("So " + larger + " > " + smaller + ".").step(check);
        String question = String.format(TaskFamily.pick(rnd, askLarger ? LARGER : SMALLER), a, b);
        String key = "decimal:" + (va.compareTo(vb) < 0 ? a + "," + b : b + "," + a);
        return trace.toProblem(name(), key, question,
                "**" + answer + "** is " + (askLarger ? "larger" : "smaller") + ".", answer);
    }

    /** A whole part from 0 to 20 other than {@code whole}. */
    private static int otherWhole(RandomGenerator rnd, int whole) {
        int other = rnd.nextInt(20);
        return other >= whole ? other + 1 : other;
    }

    /** A decimal with the given whole part and 1 to 3 decimals, the last one non-zero. */
    private static String decimal(RandomGenerator rnd, int whole) {
        int decimals = rnd.nextInt(1, 4);
        StringBuilder s = new StringBuilder().append(whole).append('.');
        for (int i = 0; i < decimals - 1; i++) {
            s.append(rnd.nextInt(10));
        }
        s.append(rnd.nextInt(1, 10));
        return s.toString();
    }

    private static String fraction(String decimal) {
        return decimal.substring(decimal.indexOf('.') + 1);
    }

    private static String pad(String fraction, int width) {
        return fraction + "0".repeat(width - fraction.length());
    }
}
