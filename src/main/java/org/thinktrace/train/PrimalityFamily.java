package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Whether a number from 2 to 199 is prime, by trial division with the primes up to its square root,
 * 2, 3 and 5 by their divisibility rules (last digit, digit sum), 7, 11 and 13 by long division
 * (see {@link Division}), and the quotient of a prime that divides by long division too.
 * The canonical answers are {@code prime} and {@code not prime}.
 *
 * <p>From the fifteenth edition on, every long division finds its quotient digits by counting the divisor's
 * multiples as a sharing word problem does ({@link Division.DigitSearch#COUNTED_THREE_WAY}), and the test of the
 * last prime to try is introduced as the last ({@code Last, 7: 107 ÷ 7, digit by digit. …}).
 */
public final class PrimalityFamily implements TaskFamily {

    /** Exclusive upper bound of the numbers asked about. */
    static final int LIMIT = 200;
    /** One training question in this many asks about 0 or 1, in {@link TeacherEdition#asksTheLowerEdges} editions. */
    static final int ZERO_OR_ONE_ONE_IN = 25;
    private static final List<Integer> SMALL_PRIMES = List.of(2, 3, 5, 7, 11, 13);

    private static final Phrasings FIRST = Phrasings.of(
            train("is-prime", "Is {n} prime?"),
            train("is-a-prime-number", "Is {n} a prime number?"),
            train("check-whether", "Check whether {n} is prime."),
            train("tell-me-if", "Tell me if {n} is prime or not."),
            train("prime-or-composite", "{n}: prime or composite?"),
            train("is-the-number-prime", "Is the number {n} prime?"));

    private static final Phrasings SECOND = FIRST.plus(
            train("is-prime-lowercase", "is {n} prime"),
            train("can-you-check", "Can you check if {n} is a prime?"),
            train("please-check", "Please check whether {n} is a prime number."),
            train("prime-question-mark", "{n} prime?"),
            train("typo-prmie", "is {n} a prmie number"),
            train("does-have-divisors", "Does {n} have any divisors other than 1 and itself?"),
            heldOut("is-it-prime", "{n} - is it prime?"),
            heldOut("could-you-tell-prime", "Could you tell me whether {n} is prime?"),
            heldOut("determine-if", "Determine if {n} is prime."),
            heldOut("typo-primme", "is {n} primme?"),
            heldOut("prime-or-not", "Prime or not: {n}"));

    /** The fourth edition's composed questions, with other families' cue words. */
    private static final Phrasings FOURTH = SECOND.withComposed("composed", List.of(
                    "{op}?", "Tell me: {op}?", "Who knows: {op}?", "Write whether {op}.", "Find out if {op}."),
            List.of("{n} is prime", "{n} is a prime number", "the number {n} is prime"),
            List.of("Decide whether {n} is prime.", "Is {n} a prime or not?", "Prime check: {n}",
                    "Can {n} be divided by anything but 1 and itself?", "Is {n} divisible only by 1 and itself?",
                    "Write yes or no: is {n} prime?"));

    /**
     * The thirty-third edition's training templates: the fourth edition's, with a dash between the number and the
     * question (after one number, a training dash had always been a minus) and with misspelt "prime".
     */
    private static final Phrasings THIRTY_THIRD = FOURTH.withComposed("dashed", List.of(
                    "{op} - prime?", "{op} - a prime number?", "{op} - prime or composite?", "{op} - check if it is prime",
                    "{op} -- divisible only by 1 and itself?"),
            List.of("{n}", "The number {n}", "Number {n}"),
            List.of("Quick check - is {n} a prime number?", "Primes - is {n} one of them?", "is {n} prme?",
                    "is {n} a primee number", "{n}: prmie or composite?"));

    /** The templates evaluation problems are asked in. */
    private final Phrasings phrasings;
    /** The templates training problems are asked in: {@link #phrasings}, with the thirty-third edition's dashed ones. */
    private final Phrasings trainingPhrasings;
    private final boolean statesDivisionStart;
    /** Whether the digit sum is written as threes and a remainder ({@link #digitSumRule}; thirteenth edition on). */
    private final boolean digitSumByThrees;
    /**
     * How a long division finds each quotient digit: the one multiple it needs, or the multiples counted up as a
     * sharing problem counts them (fifteenth and sixteenth editions).
     */
    private final Division.DigitSearch digitSearch;
    /** Whether the test of the last prime to try starts with {@code Last, p: } (fifteenth and sixteenth editions). */
    private final boolean namesLastTest;
    /** Whether training also asks about 0 and 1 ({@link TeacherEdition#asksTheLowerEdges}). */
    private final boolean asksZeroAndOne;

    public PrimalityFamily(TeacherEdition edition) {
        this.statesDivisionStart = edition.atLeast(TeacherEdition.SEVENTH);
        this.digitSumByThrees = edition.atLeast(TeacherEdition.THIRTEENTH);
        boolean fifteenth = edition.countsPrimeDivisionsAndVariesQuotes();
        this.digitSearch = fifteenth ? Division.DigitSearch.COUNTED_THREE_WAY : Division.DigitSearch.ONE_MULTIPLE;
        this.namesLastTest = fifteenth;
        this.asksZeroAndOne = edition.asksTheLowerEdges();
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
        this.trainingPhrasings = edition.asksWithDashesAndMisspellings() ? THIRTY_THIRD : phrasings;
    }

    @Override
    public List<Phrasing> phrasings() {
        return trainingPhrasings.all();
    }

    @Override
    public String name() {
        return "primality";
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, phrasings);
    }

    /** As {@link #generate}, asked in the training templates ({@link TeacherEdition#asksWithDashesAndMisspellings}). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        if (asksZeroAndOne && rnd.nextInt(ZERO_OR_ONE_ONE_IN) == 0) {
            return zeroOrOne(rnd, phrasing, rnd.nextInt(2));
        }
        return generate(rnd, phrasing, trainingPhrasings);
    }

    /** Whether {@code n} (0 or 1) is prime: neither is, 1 having one divisor and 0 every number as a divisor. */
    private Problem zeroOrOne(RandomGenerator rnd, PhrasingSplit phrasing, int n) {
        Trace trace = new Trace();
        trace.step("A prime has exactly two divisors, 1 and itself.");
        String reason;
        if (n == 1) {
            trace.step("1 has only one divisor, 1 itself, so 1 is not prime.");
            reason = " (1 has only one divisor)";
        } else {
            trace.step("Every number divides 0 (0 = 2 × 0 = 3 × 0), so 0 has more than two divisors and is not prime.");
            reason = " (every number divides 0)";
        }
        trace.step("Check: the smallest prime is 2, and " + n + " < 2. Correct.");
        return answer(rnd, phrasing, trainingPhrasings, trace, n, false, reason);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates) {
        int n = rnd.nextInt(2, LIMIT);
        int root = (int) Math.sqrt(n);
        List<Integer> candidates = SMALL_PRIMES.stream().filter(p -> p <= root).toList();
        Trace trace = new Trace();
        if (candidates.isEmpty()) {
            trace.step(n + " < 4 = 2 × 2, so there is no prime to test: only 1 and " + n + " divide " + n + ".");
            trace.step("Check: " + n + " ÷ 1 = " + n + " and " + n + " ÷ " + n + " = 1, nothing else. Correct.");
            return answer(rnd, phrasing, templates, trace, n, true, "");
        }
        trace.step("Test the primes up to the square root of " + n + ": " + root + " × " + root + " = " + root * root
                + " ≤ " + n + " < " + (root + 1) * (root + 1) + " = " + (root + 1) + " × " + (root + 1)
                + ", so test " + join(candidates) + ".");
        boolean slip = TaskFamily.drawSlip(rnd);
        int slipAt = rnd.nextInt(candidates.size());
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int p = candidates.get(i);
            int quotient = n / p;
            int remainder = n % p;
            if (slip && i == slipAt) {
                slip(trace, n, p, quotient, remainder);
            }
            tested.add(p);
            Division division = new Division(n, p);
            String opening = namesLastTest && i == candidates.size() - 1 ? "Last, " + p + ": " : "";
            if (remainder == 0) {
                trace.step(opening + (p <= 5
                        ? shortcut(n, p, digitSumByThrees) + "so " + p + " divides " + n + ": "
                                + division.longDivision(statesDivisionStart, digitSearch)
                        : division.longDivisionClause(statesDivisionStart, digitSearch) + ", so " + p + " divides " + n + "."));
                trace.step(n + " = " + p + " × " + quotient + ", so it is not prime.");
                trace.step("Check: " + p + " × " + quotient + " = " + n + ". Correct.");
                return answer(rnd, phrasing, templates, trace, n, false, " (" + n + " = " + p + " × " + quotient + ")");
            }
            trace.step(opening + (p <= 5 ? shortcut(n, p, digitSumByThrees) + "so " + p + " does not divide " + n + "."
                    : division.longDivision(statesDivisionStart, digitSearch)));
        }
        trace.step("No prime up to " + root + " divides " + n + ", so it is prime.");
        trace.step("Check: the remainders by " + join(tested) + " are all non-zero. Correct.");
        return answer(rnd, phrasing, templates, trace, n, true, "");
    }

    /**
     * The divisibility rule for 2, 5 (last digit) or 3 (digit sum, see {@link #digitSumRule}), ending in ", " (empty
     * for other primes): {@code 195 ends in 5, which is odd, } or {@code 1 + 9 + 5 = 15, a multiple of 3, }.
     */
    private static String shortcut(int n, int p, boolean digitSumByThrees) {
        int last = n % 10;
        return switch (p) {
            case 2 -> n + " ends in " + last + ", which is " + (last % 2 == 0 ? "even" : "odd") + ", ";
            case 5 -> n + " ends in " + last + (last % 5 == 0 ? ", " : ", not 0 or 5, ");
            case 3 -> digitSumRule(n, digitSumByThrees);
            default -> "";
        };
    }

    /**
     * The rule for 3, ending in ", ": the digit sum and whether it is a multiple of 3, decided by name
     * ({@code 9 + 3 = 12, a multiple of 3, }) or, when {@code byThrees}, written as threes and a remainder first
     * ({@code 9 + 3 = 12 = 3 × 4, a multiple of 3, }; {@code 1 + 3 = 4 = 3 × 1 + 1, not a multiple of 3, }).
     */
    static String digitSumRule(int n, boolean byThrees) {
        List<Integer> digits = String.valueOf(n).chars().map(c -> c - '0').boxed().toList();
        int sum = digits.stream().mapToInt(Integer::intValue).sum();
        String threes = !byThrees ? "" : " = 3 × " + sum / 3 + (sum % 3 == 0 ? "" : " + " + sum % 3);
        return digits.stream().map(String::valueOf).collect(Collectors.joining(" + ")) + " = " + sum + threes
                + (sum % 3 == 0 ? ", a multiple of 3, " : ", not a multiple of 3, ");
    }

    /** A wrong division followed by its correction; the caller then writes the right one. */
    private static void slip(Trace trace, int n, int p, int quotient, int remainder) {
        if (remainder == 0) {
            int wrongQuotient = quotient - 1;
            trace.slip(n + " ÷ " + p + " = " + wrongQuotient + " remainder " + p + ".",
                    "Wait, a remainder must be smaller than " + p + ". " + p + " × " + quotient + " = " + n + ".");
        } else {
            int near = p * quotient;
            trace.slip(n + " ÷ " + p + " = " + quotient + " remainder 0.",
                    "Wait, " + p + " × " + quotient + " = " + near + ", not " + n + ".");
        }
    }

    private Problem answer(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates, Trace trace, int n,
                           boolean prime, String reason) {
        Phrasings.Asked question = templates.ask(rnd, phrasing, Map.of("n", String.valueOf(n)));
        String finalAnswer = prime
                ? "Yes, " + n + " is **prime**."
                : "No, " + n + " is **not prime**" + reason + ".";
        return trace.toProblem(name(), "prime:" + n, question, finalAnswer, prime ? "prime" : "not prime");
    }

    private static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
