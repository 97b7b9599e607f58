package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Which of two decimals is larger (or smaller), including the 9.11 vs 9.9 trap: equal whole parts
 * where the number with more decimal digits is the smaller one. The trace pads both to the same
 * number of decimals and compares place by place. Half of the problems have equal whole parts and
 * half different ones: with a third different, a trained model learned to write "equal" after any
 * two whole parts.
 */
public final class DecimalComparisonFamily implements TaskFamily {

    private static final Phrasings FIRST_LARGER = Phrasings.of(
            train("which-is-larger", "Which is larger, {a} or {b}?"),
            train("which-number-is-bigger", "Which number is bigger: {a} or {b}?"),
            train("or-which-greater", "{a} or {b}, which one is greater?"),
            train("which-is-greater", "Which is greater, {a} or {b}?"),
            train("compare-which-larger", "Compare {a} and {b}. Which is larger?"),
            train("what-is-bigger", "What is bigger, {a} or {b}?"));
    private static final Phrasings FIRST_SMALLER = Phrasings.of(
            train("which-is-smaller", "Which is smaller, {a} or {b}?"),
            train("which-number-is-less", "Which number is less: {a} or {b}?"),
            train("or-which-smaller", "{a} or {b}, which one is smaller?"),
            train("compare-which-smaller", "Compare {a} and {b}. Which is smaller?"));

    private static final Phrasings SECOND_LARGER = FIRST_LARGER.plus(
            train("is-bigger-than", "Is {a} bigger than {b}? Which is larger?"),
            train("bigger-lowercase", "which is bigger {a} or {b}"),
            train("larger-of", "What is the larger of {a} and {b}?"),
            train("please-which-larger", "Please tell me which is larger: {a} or {b}."),
            train("typo-wich", "wich is greater {a} or {b}"),
            train("kg-heavier", "A bag weighs {a} kg and a box weighs {b} kg. Which weight is larger?"),
            heldOut("greater-of", "Tell me the greater of {a} and {b}."),
            heldOut("which-one-is-more", "{a} vs {b} - which is more?"),
            heldOut("can-you-compare-larger", "Can you compare {a} and {b} and say which is larger?"),
            heldOut("typo-biger", "which is biger, {a} or {b}"),
            heldOut("meters-longer", "One path is {a} m long, another {b} m. Which length is greater?"));
    private static final Phrasings SECOND_SMALLER = FIRST_SMALLER.plus(
            train("smaller-of", "What is the smaller of {a} and {b}?"),
            train("smaller-lowercase", "which is smaller {a} or {b}"),
            train("less-than-which", "Which is less, {a} or {b}?"),
            train("typo-smaler", "wich is smaler {a} or {b}"),
            heldOut("lesser-of", "Tell me the lesser of {a} and {b}."),
            heldOut("which-one-is-less", "{a} vs {b} - which is less?"),
            heldOut("can-you-compare-smaller", "Can you compare {a} and {b} and say which is smaller?"));

    /** The fourth edition's composed questions: comparison words, operand connectors and other families' cue words. */
    private static final Phrasings FOURTH_LARGER = SECOND_LARGER.withComposed("composed", List.of(
                    "Which is larger: {op}?", "Which is greater: {op}?", "Which is higher: {op}?", "Which one is bigger, {op}?",
                    "Which is more: {op}?", "Who is bigger: {op}?"),
            List.of("{a} or {b}", "{a} and {b}", "{a} versus {b}"),
            List.of("Write the larger of {a} and {b}.", "Of {a} and {b}, which is higher?", "{a} and {b}: which is larger?",
                    "Is {a} or {b} the bigger number?", "Compare {a} with {b}: which is greater?",
                    "Which weighs more, {a} kg or {b} kg?", "Who is taller: Ann at {a} m or Bo at {b} m?",
                    "Pick the larger number: {a}, {b}"));
    private static final Phrasings FOURTH_SMALLER = SECOND_SMALLER.withComposed("composed", List.of(
                    "Which is smaller: {op}?", "Which is lower: {op}?", "Which is less: {op}?", "Which one is tinier, {op}?",
                    "Who is smaller: {op}?"),
            List.of("{a} or {b}", "{a} and {b}", "{a} versus {b}"),
            List.of("Write the smaller of {a} and {b}.", "Of {a} and {b}, which is lower?", "{a} and {b}: which is smaller?",
                    "Is {a} or {b} the smaller number?", "Which weighs less, {a} kg or {b} kg?",
                    "Who is shorter: Ann at {a} m or Bo at {b} m?", "Pick the smaller number: {a}, {b}"));

    /**
     * The thirty-third edition's training templates: the fourth edition's, with a dash between the numbers and the
     * question (after one number, a training dash had always been a minus) and with misspelt comparison words.
     */
    /** The ways the thirty-third edition's dashed comparisons put the two numbers side by side. */
    private static final List<String> DASHED_PAIRS = List.of("{a} or {b}", "{a} versus {b}", "{a} and {b}", "{a}, {b}");
    private static final Phrasings THIRTY_THIRD_LARGER = FOURTH_LARGER.withComposed("dashed", List.of(
                    "{op} - which is larger?", "{op} - which one is bigger?", "{op} - which is greater?",
                    "{op} - the larger one?", "{op} -- which is bigger?"),
            DASHED_PAIRS,
            List.of("Larger - {a} or {b}?", "Which is bigger - {a} or {b}?", "Bigger number - {a} or {b}",
                    "wich is largr, {a} or {b}", "which is grater: {a} or {b}?", "whcih is bigger {a} or {b}",
                    "Between {a} and {b} - which is greater?"));
    private static final Phrasings THIRTY_THIRD_SMALLER = FOURTH_SMALLER.withComposed("dashed", List.of(
                    "{op} - which is smaller?", "{op} - which one is lower?", "{op} - the smaller one?",
                    "{op} -- which is smaller?"),
            DASHED_PAIRS,
            List.of("Smaller - {a} or {b}?", "Which is lower - {a} or {b}?", "wich is smallr, {a} or {b}",
                    "whcih is less {a} or {b}", "Between {a} and {b} - which is smaller?"));

    /** The templates evaluation problems are asked in. */
    private final Phrasings largerPhrasings;
    private final Phrasings smallerPhrasings;
    /** The templates training problems are asked in: the evaluation's, with the thirty-third edition's dashed ones. */
    private final Phrasings trainingLargerPhrasings;
    private final Phrasings trainingSmallerPhrasings;

    /**
     * Whether two whole parts of which one has two digits are compared digit by digit, tens then ones
     * (third edition): a second-edition model called 11 and 16 "equal", comparing only the tens digit.
     */
    private final boolean wholePartsByDigit;

    /**
     * Whether the trace names the side asked for, in its first line and again after the check, so
     * that the answer copies the line before it (fifth edition): a fourth-edition model compared
     * correctly and then answered "**12.52** is smaller." to "Which is more: 12.52 and 12.97?".
     */
    private final boolean namesAskedSide;

    public DecimalComparisonFamily(TeacherEdition edition) {
        this.wholePartsByDigit = edition.atLeast(TeacherEdition.THIRD);
        this.namesAskedSide = edition.atLeast(TeacherEdition.FIFTH);
        boolean fourth = edition.atLeast(TeacherEdition.FOURTH);
        this.largerPhrasings = edition == TeacherEdition.FIRST ? FIRST_LARGER : fourth ? FOURTH_LARGER : SECOND_LARGER;
        this.smallerPhrasings = edition == TeacherEdition.FIRST ? FIRST_SMALLER : fourth ? FOURTH_SMALLER : SECOND_SMALLER;
        boolean dashed = edition.asksWithDashesAndMisspellings();
        this.trainingLargerPhrasings = dashed ? THIRTY_THIRD_LARGER : largerPhrasings;
        this.trainingSmallerPhrasings = dashed ? THIRTY_THIRD_SMALLER : smallerPhrasings;
    }

    @Override
    public List<Phrasing> phrasings() {
        return Teacher.concat(trainingLargerPhrasings.all(), trainingSmallerPhrasings.all());
    }

    private static final List<String> PLACES = List.of("Tenths", "Hundredths", "Thousandths");

    @Override
    public String name() {
        return "decimal-comparison";
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, largerPhrasings, smallerPhrasings);
    }

    /** As {@link #generate}, asked in the training templates ({@link TeacherEdition#asksWithDashesAndMisspellings}). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, trainingLargerPhrasings, trainingSmallerPhrasings);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings largerIn, Phrasings smallerIn) {
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

        String side = askLarger ? "larger" : "smaller";
        Trace trace = new Trace().step("Compare " + a + " and " + b + (namesAskedSide ? ", asked for the " + side : "") + ".");
        String check;
        int wa = va.intValue();
        int wb = vb.intValue();
        if (wa != wb) {
            if (slip) {
                int low = Math.min(wa, wb);
                trace.slip("Whole parts: " + wa + " and " + wb + ", " + low + " is larger.",
                        "Wait, " + Math.max(wa, wb) + " is larger than " + low + ".");
            }
            trace.step("Whole parts: " + wa + " and " + wb + digits(wa, wb) + ", " + Math.max(wa, wb)
                    + " is larger, so " + larger + " is larger.");
            int low = Math.min(wa, wb);
            check = "Check: " + smaller + " < " + (low + 1) + " and " + (low + 1) + " ≤ " + larger + ". Correct.";
        } else {
            trace.step("Whole parts: " + wa + " and " + wb + digits(wa, wb) + ", equal.");
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
        if (namesAskedSide) {
            trace.step("Asked for the " + side + ": " + answer + ".");
        }
        Phrasings.Asked question = (askLarger ? largerIn : smallerIn).ask(rnd, phrasing, Map.of("a", a, "b", b));
        String key = "decimal:" + (va.compareTo(vb) < 0 ? a + "," + b : b + "," + a);
        return trace.toProblem(name(), key, question,
                "**" + answer + "** is " + side + ".", answer);
    }

    /**
     * The digits of two whole parts side by side when either has two ("; tens 1 and 1, ones 1 and 6"),
     * up to the first that differs, in the third edition; empty otherwise.
     */
    private String digits(int wa, int wb) {
        if (!wholePartsByDigit || Math.max(wa, wb) < 10) {
            return "";
        }
        String out = "; tens " + wa / 10 + " and " + wb / 10;
        return wa / 10 != wb / 10 ? out : out + ", ones " + wa % 10 + " and " + wb % 10;
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
