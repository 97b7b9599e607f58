package org.thinktrace.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Amounts in other currencies and units (twenty-sixth edition): one in two training additions, subtractions and word
 * problems that count in {@code dollars}, {@code kg}, {@code ml} or {@code liters} count in another currency or unit
 * instead, everywhere the question and its response name it ({@code I have 40 pounds and get 12 more pounds.}; {@code
 * The total is **54** yen.}), so that a model learns that the unit does not decide the operation and copies the one it
 * was asked in. Before it, every sum of money a training question asked was in dollars.
 *
 * <p>Contract: only those words change, each into one of {@link #OTHERS}, and with dollars an amount written {@code
 * $5} becomes {@code 5 pounds}; no replacement is "euros", "m" or "meters", words that only held-out templates use.
 * Whether and how a question changes is drawn from its own text, so a caller's random stream is not advanced.
 */
final class OtherUnits {

    /** What each unit may become. */
    static final Map<String, List<String>> OTHERS = Map.of(
            "dollars", List.of("pounds", "yen", "rupees", "pesos", "francs", "coins"),
            "kg", List.of("g", "lb", "tons"),
            "ml", List.of("liters", "cups"),
            "liters", List.of("ml", "gallons"));

    /** Any unit of {@link #OTHERS} as a whole word, the unit as group 1. */
    private static final Pattern UNIT = Pattern.compile(OTHERS.keySet().stream()
            .map(Pattern::quote).collect(Collectors.joining("|", "\\b(", ")\\b")));
    private static final Pattern DOLLAR_SIGN = Pattern.compile("\\$(\\d+)");
    /** Each unit of {@link #OTHERS} as a whole word. */
    private static final Map<String, Pattern> WHOLE_UNIT = OTHERS.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(u -> u, u -> Pattern.compile("\\b" + u + "\\b")));

    /** One unit put in another: {@code unit} is one of {@link #OTHERS}' keys. */
    record Swap(String unit, String other) {

        Swap {
            if (!OTHERS.containsKey(unit)) {
                throw new IllegalArgumentException("unit '" + unit + "' is none of " + OTHERS.keySet());
            }
        }

        /** {@code text} with every {@link #unit} (and, for dollars, every {@code $} amount) in {@link #other}. */
        String applyTo(String text) {
            String t = WHOLE_UNIT.get(unit).matcher(text).replaceAll(Matcher.quoteReplacement(other));
            return unit.equals("dollars") ? DOLLAR_SIGN.matcher(t).replaceAll("$1 " + other) : t;
        }
    }

    private OtherUnits() {
    }

    /** Whether training problems of {@code family} may count in other units: additions, subtractions, word problems. */
    static boolean countsIn(TaskFamily family) {
        return family instanceof AdditionFamily || family instanceof SubtractionFamily || family instanceof WordProblemFamily;
    }

    /** The swap of {@code question}'s first unit, one time in two when it names one; else empty. */
    static Optional<Swap> chosenFor(String question) {
        Matcher m = UNIT.matcher(question);
        if (!m.find()) {
            return Optional.empty();
        }
        SplittableRandom choice = new SplittableRandom(question.hashCode() * 0x94D049BB133111EBL);
        if (choice.nextInt(2) != 0) {
            return Optional.empty();
        }
        List<String> others = OTHERS.get(m.group(1));
        return Optional.of(new Swap(m.group(1), others.get(choice.nextInt(others.size()))));
    }
}
