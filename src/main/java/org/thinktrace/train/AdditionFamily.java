package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Addition of two numbers of up to four digits, column by column with carries. */
public final class AdditionFamily implements TaskFamily {

    private static final Phrasings FIRST = Phrasings.of(
            train("what-is-plus-sign", "What is {a} + {b}?"),
            train("calculate-plus-sign", "Calculate {a} + {b}."),
            train("equation", "{a} + {b} = ?"),
            train("whats-the-sum-of", "What's the sum of {a} and {b}?"),
            train("add-and", "Add {a} and {b}."),
            train("how-much-is-plus", "How much is {a} plus {b}?"),
            train("can-you-work-out", "Can you work out {a} + {b}?"));

    private static final Phrasings SECOND = FIRST.plus(
            train("work-out-the-sum-of", "Work out the sum of {a} and {b}."),
            train("the-sum-of-question", "What is the sum of {a} and {b}?"),
            train("bare-sum", "{a}+{b}"),
            train("bare-sum-equals", "{a} + {b} ="),
            train("plus-lowercase", "what is {a} plus {b}"),
            train("add-to", "Add {b} to {a}."),
            train("please-add", "Please add {a} and {b}."),
            train("can-you-add", "Can you add {a} and {b} for me?"),
            train("total-of", "What is the total of {a} and {b}?"),
            train("more-than", "What is {b} more than {a}?"),
            train("typo-waht", "waht is {a} + {b}"),
            train("dollars", "I have {a} dollars and get {b} more dollars. How many dollars do I have?"),
            train("kg", "What is {a} kg + {b} kg in kg?"),
            train("increase-by", "Increase {a} by {b}."),
            heldOut("compute-the-sum-of", "Compute the sum of {a} and {b}."),
            heldOut("find-the-sum-of", "find the sum of {a} and {b}"),
            heldOut("bare-plus-equals", "{a} plus {b} equals?"),
            heldOut("could-you-add", "Could you please add {a} and {b}?"),
            heldOut("added-to", "What do you get when {b} is added to {a}?"),
            heldOut("typo-calcluate", "calcluate {a}+{b}"),
            heldOut("euros", "A book costs {a} euros and a bag costs {b} euros. What do they cost together in euros?"),
            heldOut("add-together", "Add together {a} and {b}"));

    /** The fourth edition's composed questions: operations in several wordings and orders, word frames with other cue words. */
    private static final Phrasings FOURTH = SECOND.withComposed("composed", ComposedParts.ARITHMETIC_FRAMES, List.of(
                    "{a} plus {b}", "{a} + {b}", "{a}+{b}", "{b} plus {a}", "{a} and {b} added together",
                    "{b} added to {a}", "{a} and {b} summed", "{a} increased by {b}"),
            List.of("Sam has {a} points and wins {b} more. How many points does Sam have now?",
                    "Pour {a} ml and then {b} ml into a jug. How many ml are in the jug?",
                    "Write {a} + {b} as one number.",
                    "A shelf holds {a} books and another holds {b} books. How many books in all?",
                    "{a} people came on Monday and {b} on Tuesday. How many came in total?",
                    "Who knows what {a} and {b} make together?",
                    "Put {a} and {b} together. What does that make?",
                    "Adding {b} to {a} gives what?"));

    private final Phrasings phrasings;
    /** Whether column work first names each number's digits by place ({@link ColumnWork#placesLine()}; twelfth edition on). */
    private final boolean namesPlaces;

    public AdditionFamily(TeacherEdition edition) {
        this.namesPlaces = edition.atLeast(TeacherEdition.TWELFTH);
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
    }

    @Override
    public String name() {
        return "addition";
    }

    @Override
    public List<Phrasing> phrasings() {
        return phrasings.all();
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        int a = TaskFamily.withDigits(rnd, rnd.nextInt(2, 5));
        int b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 5));
        if (rnd.nextBoolean()) {
            int swap = a;
            a = b;
            b = swap;
        }
        Solution solution = solve(rnd, a, b);
        return solution.askedAs(phrasings.ask(rnd, phrasing, Map.of("a", String.valueOf(a), "b", String.valueOf(b))));
    }

    /** {@code a + b} column by column, checked by subtracting {@code b} again. */
    Solution solve(RandomGenerator rnd, int a, int b) {
        ColumnWork work = ColumnWork.addition(a, b);
        Trace trace = new Trace().step(a + " + " + b + ", column by column from the right.");
        if (namesPlaces) {
            trace.step(work.placesLine());
        }
        if (TaskFamily.drawSlip(rnd)) {
            trace.stepsWithSlip(work.linesWithSlip(rnd));
        } else {
            trace.steps(work.lines());
        }
        int sum = work.result();
        trace.step("Check: " + sum + " - " + b + " = " + a + ". Correct.");
        return new Solution(name(), "addition:" + Math.min(a, b) + "+" + Math.max(a, b), trace,
                a + " + " + b + " = **" + sum + "**", String.valueOf(sum));
    }
}
