package org.thinktrace.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a re-check decides whether its new answer is the one it gave before, written as comparisons that each decide on
 * two small things side by side, ending at the first pair that differs.
 *
 * <p>{@linkplain #of Unit by unit} (the nineteenth edition): the two answers from the left, each digit a unit, each
 * word a unit (spaces, commas and points only separate). Digits are compared as the sorts compare them ({@code 8 <
 * 9}), words as equal or not ({@code prime ≠ not}); an answer that ends first is compared with "nothing". {@code 42}
 * against {@code 42}: {@code "4 = 4, 2 = 2: the same"}; {@code 835} against {@code 935}: {@code "8 < 9: not the
 * same"}; {@code 1230} against {@code 123}: {@code "1 = 1, 2 = 2, 3 = 3, 0 against nothing: not the same"}.
 *
 * <p>{@linkplain #byPlace By place} and {@linkplain #byPosition by position} (the twenty-second edition, for whole
 * numbers and for lists of numbers): each answer's parts are first named, as column work names its digits ({@code
 * Digits from the right: 28119 has ones 9, tens 1, …; 28219 has ones 9, tens 1, hundreds 2, ….}), and each comparison
 * then finds its two parts by that name ({@code Ones: 9 = 9. Tens: 1 = 1. Hundreds: 1 < 2: not the same}), instead of
 * by counting along two answers that begin alike.
 *
 * <p>{@linkplain #againstPartsThatWere Against the parts that were} (the twenty-third edition): the earlier answer's
 * parts are named once, on the re-check's first line ({@link #partsThatWere}: {@code third was 8}), and the verdict
 * line names only the new answer's ({@code third is 6}) before the same comparisons by name, so that each part of the
 * earlier answer is found by words that only the first line has.
 *
 * <p>{@linkplain #wasBesideIs Was beside is} (the twenty-eighth edition): as against the parts that were, with each
 * comparison naming its two parts again in the words that named them before ({@code tens was 8, tens is 7, 8 > 7}).
 *
 * @param preamble  what is written before the comparisons (the parts named; empty unit by unit)
 * @param steps     the comparisons written, in order
 * @param separator what stands between two comparisons
 * @param same      whether every pair matched and both answers ended together
 */
record AnswerComparison(String preamble, List<String> steps, String separator, boolean same) {

    /** Numbers of more digits than this are compared unit by unit ({@link ColumnWork} names five places). */
    static final int LONGEST_NUMBER_BY_PLACE = 5;

    private static final Pattern UNIT = Pattern.compile("\\d|\\p{L}+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1," + LONGEST_NUMBER_BY_PLACE + "}");
    private static final Pattern LIST = Pattern.compile("\\d{1,9}(, \\d{1,9})+");
    private static final List<String> POSITIONS = List.of("First", "Second", "Third", "Fourth", "Fifth", "Sixth",
            "Seventh", "Eighth", "Ninth", "Tenth");

    /** The unit-by-unit comparison of {@code now} with {@code before}. */
    static AnswerComparison of(String now, String before) {
        return walk("", ", ", units(now), units(before), i -> "", AnswerComparison::unitRelation);
    }

    /**
     * The comparison a twenty-second-edition re-check writes: {@link #byPlace} for two whole numbers of at most {@value
     * #LONGEST_NUMBER_BY_PLACE} digits, {@link #byPosition} for two lists of at most ten numbers, {@link #of} for
     * anything else (words, decimals, negative numbers, an answer of one kind against one of another).
     */
    static AnswerComparison forRecheck(String now, String before) {
        return ofSameKind(now, before, AnswerComparison::sideBySide).orElseGet(() -> of(now, before));
    }

    /**
     * Two whole numbers compared place by place from the ones up, after both have had their digits named by place
     * ({@link ColumnWork#places}): {@code Digits from the right: 1751 has ones 1, …; 1752 has ones 2, …. Ones: 1 < 2:
     * not the same}. A place one number lacks is compared with "nothing" ({@code Thousands: 1 against nothing}).
     *
     * @throws IllegalArgumentException if either number is negative or has more than {@value #LONGEST_NUMBER_BY_PLACE}
     *                                  digits
     */
    static AnswerComparison byPlace(int now, int before) {
        return sideBySide(NamedParts.byPlace(now), NamedParts.byPlace(before));
    }

    /**
     * Two lists of numbers compared position by position from the left, after both have had their numbers named by
     * position: {@code Numbers from the left: 3, 5, 6, 8 has first 3, second 5, third 6, fourth 8; 3, 5, 8, 6 has first
     * 3, second 5, third 8, fourth 6. First: 3 = 3. Second: 5 = 5. Third: 6 < 8: not the same}. Numbers are compared
     * whole, as the sorts compare them; a position one list lacks is compared with "nothing".
     *
     * @throws IllegalArgumentException if either list is empty or longer than ten numbers
     */
    static AnswerComparison byPosition(List<Integer> now, List<Integer> before) {
        return sideBySide(NamedParts.byPosition(now), NamedParts.byPosition(before));
    }

    /** Both answers' parts named one after the other ({@code "Digits from the right: 42 has …; 43 has …. "}), then compared. */
    private static AnswerComparison sideBySide(NamedParts now, NamedParts before) {
        String opening = now.byPlace() ? "Digits from the right: " : "Numbers from the left: ";
        return now.comparedWith(before, opening + now.written() + " has " + now.listed(" ") + "; " + before.written()
                + " has " + before.listed(" ") + ". ");
    }

    /**
     * The parts of an earlier answer as a twenty-third-edition re-check's first line names them after the answer: {@code
     * "ones was 9, tens was 1, hundreds was 2"} for a whole number of at most {@value #LONGEST_NUMBER_BY_PLACE} digits,
     * {@code "first was 3, second was 5"} for a list of two to ten numbers; empty for any other answer, which the
     * verdict line quotes again and compares {@linkplain #of unit by unit}.
     */
    static Optional<String> partsThatWere(String before) {
        return NamedParts.of(before).map(parts -> parts.listed(" was "));
    }

    /**
     * The comparison a twenty-third-edition re-check writes after {@code "Now: " + now + ": "} when its first line named
     * {@code before}'s parts ({@link #partsThatWere}): the new answer's parts named with "is", then compared by name with
     * the parts that were, as {@link #byPlace} and {@link #byPosition} compare them ({@code first is 3, second is 5,
     * third is 6, fourth is 8. First: 3 = 3. Second: 5 = 5. Third: 6 < 8: not the same}). Empty when {@code before}'s
     * parts are not named or {@code now} is not an answer of the same kind.
     */
    static Optional<AnswerComparison> againstPartsThatWere(String now, String before) {
        return namedAgainstNamed(now, before, false);
    }

    /**
     * The comparison a twenty-fourth-edition re-check writes after {@code "Now: " + now + ": "}: as {@link
     * #againstPartsThatWere}, with the parts that were named again, in the first line's words, between the new answer's
     * and the comparisons ({@code first is 3, …, fourth is 8. Before: first was 3, …, fourth was 6. First: 3 = 3. …}), so
     * that each comparison finds both its parts named side by side, and each part that was is copied after the words
     * that stand before it on the first line. Empty when {@link #againstPartsThatWere} is.
     */
    static Optional<AnswerComparison> besidePartsThatWere(String now, String before) {
        return namedAgainstNamed(now, before, true);
    }

    /**
     * The comparison a twenty-eighth-edition re-check writes after {@code "Now: " + now + ": "} when its first line named
     * {@code before}'s parts ({@link #partsThatWere}): the new answer's parts named with "is", then each pair written as
     * its two parts named again, the part that was first, in the words that name them on the lines before, and the two
     * compared ({@code ones is 7, tens is 7. ones was 7, ones is 7, 7 = 7; tens was 8, tens is 7, 8 > 7: not the same}),
     * so that each part is copied from right after the same two words, not found by a name written another way. A part
     * one side lacks is "nothing" ({@code thousands was nothing, thousands is 1}). Empty when {@code before}'s parts are
     * not named or {@code now} is not an answer of the same kind.
     */
    static Optional<AnswerComparison> wasBesideIs(String now, String before) {
        return ofSameKind(now, before, (a, b) -> a.pairedWith(b, a.listed(" is ") + ". "));
    }

    private static Optional<AnswerComparison> namedAgainstNamed(String now, String before, boolean repeatsEarlier) {
        return ofSameKind(now, before, (a, b) -> a.comparedWith(b, a.listed(" is ") + ". "
                + (repeatsEarlier ? "Before: " + b.listed(" was ") + ". " : "")));
    }

    /**
     * {@code compare} applied to the named parts of {@code now} and {@code before} when both are whole numbers of at
     * most {@value #LONGEST_NUMBER_BY_PLACE} digits or both lists of two to ten numbers ({@link NamedParts#of}), else
     * empty.
     */
    private static Optional<AnswerComparison> ofSameKind(String now, String before,
                                                         BiFunction<NamedParts, NamedParts, AnswerComparison> compare) {
        Optional<NamedParts> a = NamedParts.of(now);
        Optional<NamedParts> b = NamedParts.of(before);
        if (a.isEmpty() || b.isEmpty() || a.get().byPlace() != b.get().byPlace()) {
            return Optional.empty();
        }
        return Optional.of(compare.apply(a.get(), b.get()));
    }

    /**
     * The walk every comparison is: the parts of {@code a} and {@code b} pair by pair from the first, each pair written
     * by {@code pair} (with {@code null} for a part one side lacks), until a pair differs or a part is missing on one
     * side, or both end together (the same).
     */
    private static AnswerComparison walk(String preamble, String separator, List<String> a, List<String> b,
                                         PairWriter pair) {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : null;
            String y = i < b.size() ? b.get(i) : null;
            steps.add(pair.write(i, x, y));
            if (x == null || y == null || !x.equals(y)) {
                return new AnswerComparison(preamble, steps, separator, false);
            }
        }
        return new AnswerComparison(preamble, steps, separator, true);
    }

    /**
     * The walk with each pair written as its {@code label}, the two parts and their {@code relation} ("=" exactly when
     * the parts are equal), a part one side lacks as "nothing" ({@code "9 against nothing"}).
     */
    private static AnswerComparison walk(String preamble, String separator, List<String> a, List<String> b,
                                         IntFunction<String> label, BinaryOperator<String> relation) {
        return walk(preamble, separator, a, b, (i, x, y) -> label.apply(i) + (y == null ? x + " against nothing"
                : x == null ? "nothing against " + y : x + " " + relation.apply(x, y) + " " + y));
    }

    /** How a walk writes the pair at index {@code i}: {@code now}'s part and {@code before}'s, either {@code null} when absent. */
    @FunctionalInterface
    private interface PairWriter {
        String write(int i, String now, String before);
    }

    /** The parts named, the comparisons and what they show: {@code "4 = 4, 2 = 2: the same"}. */
    String sentence() {
        return preamble + String.join(separator, steps) + (same ? ": the same" : ": not the same");
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

    private static boolean isShortList(String answer) {
        return LIST.matcher(answer).matches() && numbers(answer).size() <= POSITIONS.size();
    }

    private static List<Integer> numbers(String list) {
        return Arrays.stream(list.split(", ")).map(Integer::parseInt).toList();
    }

    /**
     * An answer's parts with the names they are compared by: a whole number's digits from the ones up, named by place
     * ({@code byPlace}), or a list's numbers from the left, named by position; {@code written} is the answer as its
     * parts spell it ({@code 7} for {@code "007"}).
     */
    private record NamedParts(boolean byPlace, String written, List<String> parts) {

        static NamedParts byPlace(int number) {
            if (number < 0 || String.valueOf(number).length() > LONGEST_NUMBER_BY_PLACE) {
                throw new IllegalArgumentException("compared by place: whole numbers of at most "
                        + LONGEST_NUMBER_BY_PLACE + " digits, not " + number);
            }
            return new NamedParts(true, String.valueOf(number), digitsFromTheRight(number));
        }

        static NamedParts byPosition(List<Integer> list) {
            if (list.isEmpty() || list.size() > POSITIONS.size()) {
                throw new IllegalArgumentException("compared by position: lists of 1 to " + POSITIONS.size()
                        + " numbers, not " + list);
            }
            return new NamedParts(false, SortingFamily.join(list), list.stream().map(String::valueOf).toList());
        }

        /** The parts of a whole number of at most five digits or of a list of two to ten numbers, else empty. */
        static Optional<NamedParts> of(String answer) {
            if (WHOLE_NUMBER.matcher(answer).matches()) {
                return Optional.of(byPlace(Integer.parseInt(answer)));
            }
            return isShortList(answer) ? Optional.of(byPosition(numbers(answer))) : Optional.empty();
        }

        /** The name of part {@code i} as a comparison's label: {@code "Ones"}, {@code "Third"}. */
        String name(int i) {
            return byPlace ? ColumnWork.placeName(i) : POSITIONS.get(i);
        }

        /** Each part after its lowercased name, joined by {@code joiner}: {@code "ones 9, tens 1"} for {@code " "}. */
        String listed(String joiner) {
            List<String> named = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                named.add(name(i).toLowerCase(Locale.ROOT) + joiner + parts.get(i));
            }
            return String.join(", ", named);
        }

        /**
         * These parts compared by name with {@code earlier}'s of the same kind: digits as the sorts compare them, a list's
         * numbers whole.
         */
        AnswerComparison comparedWith(NamedParts earlier, String preamble) {
            return walk(preamble, ". ", parts, earlier.parts, i -> name(i) + ": ", this::relation);
        }

        /**
         * These parts paired by name with {@code earlier}'s of the same kind, each pair as {@code "tens was 8, tens is 7, 8
         * > 7"}: the part that was, this part, and the two compared as {@link #comparedWith} compares them.
         */
        AnswerComparison pairedWith(NamedParts earlier, String preamble) {
            return walk(preamble, "; ", parts, earlier.parts, (i, now, before) -> {
                String name = name(i).toLowerCase(Locale.ROOT);
                String named = name + " was " + (before == null ? "nothing" : before) + ", " + name + " is "
                        + (now == null ? "nothing" : now);
                return now == null || before == null ? named : named + ", " + before + " " + relation(before, now) + " " + now;
            });
        }

        /** Two parts compared as this kind compares them: digits as the sorts compare them, a list's numbers whole. */
        String relation(String x, String y) {
            return byPlace ? unitRelation(x, y)
                    : x.equals(y) ? "=" : Integer.parseInt(x) < Integer.parseInt(y) ? "<" : ">";
        }
    }

    /** Two digits compared as the sorts compare them, two words (or a word and a digit) as equal or not. */
    private static String unitRelation(String x, String y) {
        boolean digits = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
        return x.equals(y) ? "=" : digits ? (x.compareTo(y) < 0 ? "<" : ">") : "≠";
    }

    /** The digits of {@code number} from the ones up, one string each. */
    private static List<String> digitsFromTheRight(int number) {
        return new StringBuilder(String.valueOf(number)).reverse().chars().mapToObj(Character::toString).toList();
    }
}
