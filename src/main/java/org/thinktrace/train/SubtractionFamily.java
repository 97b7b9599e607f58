package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Subtraction of numbers of up to four digits, column by column with borrows. When the second
 * number is larger, the trace subtracts the other way round and negates.
 */
public final class SubtractionFamily implements TaskFamily {

    private static final Phrasings FIRST = Phrasings.of(
            train("what-is-minus-sign", "What is {a} - {b}?"),
            train("calculate-minus-sign", "Calculate {a} - {b}."),
            train("equation", "{a} - {b} = ?"),
            train("subtract-from", "Subtract {b} from {a}."),
            train("whats-minus", "What's {a} minus {b}?"),
            train("how-much-take-away", "How much is {a} take away {b}?"),
            train("the-difference-sign", "What is the difference {a} - {b}?"));

    private static final Phrasings SECOND = FIRST.plus(
            train("take-away-from-question", "What do you get if you take {b} away from {a}?"),
            train("less-than", "What is {b} less than {a}?"),
            train("difference-between", "What is the difference between {a} and {b}?"),
            train("unicode-minus", "What is {a} − {b}?"),
            train("bare-difference", "{a}-{b}"),
            train("minus-lowercase", "what is {a} minus {b}"),
            train("please-subtract", "Please subtract {b} from {a}."),
            train("can-you-subtract", "Can you subtract {b} from {a}?"),
            train("typo-subract", "subract {b} from {a}"),
            train("dollars-spent", "I had {a} dollars and spent {b} dollars. How many dollars are left?"),
            train("decrease-by", "Decrease {a} by {b}."),
            train("minus-equals", "{a} minus {b} equals"),
            heldOut("take-away-from", "Take {b} away from {a}."),
            heldOut("how-much-less-than", "how much is {b} less than {a}"),
            heldOut("find-difference-between", "Find the difference between {a} and {b}."),
            heldOut("unicode-minus-bare", "{a} − {b}"),
            heldOut("could-you-subtract", "Could you please subtract {b} from {a}?"),
            heldOut("meters-left", "A rope is {a} m long and {b} m are cut off. How many meters are left?"),
            heldOut("typo-whta", "whta is {a} minus {b}"),
            heldOut("from-subtract", "From {a}, subtract {b}."));

    /** The fourth edition's composed questions: operations in several wordings and orders, word frames with other cue words. */
    private static final Phrasings FOURTH = SECOND.withComposed("composed", ComposedParts.ARITHMETIC_FRAMES, List.of(
                    "{a} minus {b}", "{a} - {b}", "{a}-{b}", "{b} subtracted from {a}", "{a} take away {b}",
                    "{a} less {b}", "the difference of {a} and {b}", "{a} reduced by {b}"),
            List.of("Sam had {a} points and lost {b}. How many points are left?",
                    "A tank holds {a} liters and {b} liters are poured out. How many liters stay in it?",
                    "Write {a} - {b} as one number.",
                    "{a} kg of sand, and {b} kg of it goes into a bag. How many kg are not in the bag?",
                    "Who can take {b} from {a}?",
                    "Start at {a} and go down by {b}. Where do you end up?",
                    "If I remove {b} from {a}, what remains?",
                    "{a} people were on a train and {b} got off on Friday. How many stayed on?"));

    private final Phrasings phrasings;
    /**
     * Whether every subtraction first restates itself and compares its operands side by side
     * ({@code 219 - 3712: 219 < 3712, so compute 3712 - 219 and make it negative.}; {@code 4345 - 4128:
     * 4345 > 4128, column by column from the right.}), fifth edition.
     * Before it, only a negative result opened with a comparison, so the model had to decide from
     * the question alone whether to write one, and mostly did not.
     */
    private final boolean comparesFirst;
    /** Whether column work first names each number's digits by place ({@link ColumnWork#placesLine()}; twelfth edition on). */
    private final boolean namesPlaces;
    /** Whether one training subtraction in {@link TaskFamily#ONE_DIGIT_OPERANDS_ONE_IN} is of two one-digit numbers. */
    private final boolean oneDigitOperands;

    public SubtractionFamily(TeacherEdition edition) {
        this.comparesFirst = edition.atLeast(TeacherEdition.FIFTH);
        this.namesPlaces = edition.atLeast(TeacherEdition.TWELFTH);
        this.oneDigitOperands = edition.asksTheLowerEdges();
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
    }

    @Override
    public String name() {
        return "subtraction";
    }

    @Override
    public List<Phrasing> phrasings() {
        return phrasings.all();
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, TaskFamily.withDigits(rnd, rnd.nextInt(2, 5)),
                TaskFamily.withDigits(rnd, rnd.nextInt(1, 5)));
    }

    /** As {@link #generate}, with one problem in {@link TaskFamily#ONE_DIGIT_OPERANDS_ONE_IN} of two one-digit numbers. */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        if (oneDigitOperands && rnd.nextInt(TaskFamily.ONE_DIGIT_OPERANDS_ONE_IN) == 0) {
            return generate(rnd, phrasing, rnd.nextInt(10), rnd.nextInt(10));
        }
        return generate(rnd, phrasing);
    }

    /** {@code a - b}, the operands swapped two times in three when {@code a} is the smaller. */
    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, int a, int b) {
        boolean negative = a < b && rnd.nextInt(3) == 0;
        if (a < b && !negative) {
            int swap = a;
            a = b;
            b = swap;
        }
        Solution solution = solve(rnd, a, b);
        return solution.askedAs(phrasings.ask(rnd, phrasing, Map.of("a", String.valueOf(a), "b", String.valueOf(b))));
    }

    /** {@code a - b} column by column (the other way round and negated when {@code b} is larger), checked by adding. */
    Solution solve(RandomGenerator rnd, int a, int b) {
        boolean negative = a < b;
        int top = Math.max(a, b);
        int bottom = Math.min(a, b);
        ColumnWork work = ColumnWork.subtraction(top, bottom);
        Trace trace = new Trace();
        String columns = ", column by column from the right.";
        if (comparesFirst && !negative) {
            trace.step(a + " - " + b + ": " + a + (a == b ? " = " : " > ") + b + columns);
        } else {
            if (comparesFirst) {
                trace.step(a + " - " + b + ": " + a + " < " + b + ", so compute " + top + " - " + bottom + " and make it negative.");
            } else if (negative) {
                trace.step(b + " is larger than " + a + ", so compute " + top + " - " + bottom + " and make it negative.");
            }
            trace.step(top + " - " + bottom + columns);
        }
        if (namesPlaces) {
            trace.step(work.placesLine());
        }
        if (TaskFamily.drawSlip(rnd)) {
            trace.stepsWithSlip(work.linesWithSlip(rnd));
        } else {
            trace.steps(work.lines());
        }
        int difference = a - b;
        if (negative) {
            trace.step("So " + a + " - " + b + " = " + difference + ".");
        }
        trace.step("Check: " + work.result() + " + " + bottom + " = " + top + ". Correct.");
        return new Solution(name(), "subtraction:" + a + "-" + b, trace,
                a + " - " + b + " = **" + difference + "**", String.valueOf(difference));
    }
}
