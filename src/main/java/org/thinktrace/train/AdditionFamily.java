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

    /**
     * The thirty-first edition's training templates: the fourth edition's, with sums also asked as two prices or two
     * amounts, a setup naming each followed by a question that does not name the operation.
     */
    private static final Phrasings THIRTY_FIRST = FOURTH.withComposed("prices", List.of(
                    "A pen costs {a} dollars and a cap costs {b} dollars. {op}",
                    "A lamp is {a} dollars and a rug is {b} dollars. {op}",
                    "The show costs {a} dollars and the bus costs {b} dollars. {op}",
                    "The shirt costs ${a} and the shoes cost ${b}. {op}",
                    "A bike costs {a} dollars; a helmet costs {b} dollars. {op}",
                    "Lunch was {a} dollars and dinner was {b} dollars. {op}",
                    "One bill is {a} dollars, another is {b} dollars. {op}",
                    "A sofa is priced at {a} dollars and a table at {b} dollars. {op}"),
            List.of("How much do both cost?", "How much is the price of both?", "How much for the two?",
                    "How much is that in all?", "What do the two come to?", "What do both cost in all?"),
            List.of("A box weighs {a} kg and a crate weighs {b} kg. What do they weigh in all?",
                    "One jug holds {a} ml and another holds {b} ml. How much do the two hold?",
                    "A trip is {a} km by train and then {b} km by bus. How far is it in all?",
                    "Tea is {a} dollars and cake is {b} dollars. What is the bill?"));

    private final Phrasings phrasings;
    /** The templates training problems are asked in: {@link #phrasings}, with the thirty-first edition's prices. */
    private final Phrasings trainingPhrasings;
    /** Whether column work first names each number's digits by place ({@link ColumnWork#placesLine()}; twelfth edition on). */
    private final boolean namesPlaces;
    /** Whether one training addition in {@link TaskFamily#ONE_DIGIT_OPERANDS_ONE_IN} is of two one-digit numbers. */
    private final boolean oneDigitOperands;

    public AdditionFamily(TeacherEdition edition) {
        this.namesPlaces = edition.atLeast(TeacherEdition.TWELFTH);
        this.oneDigitOperands = edition.asksTheLowerEdges();
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
        this.trainingPhrasings = edition.asksInMoreKindsOfSentence() ? THIRTY_FIRST : phrasings;
    }

    @Override
    public String name() {
        return "addition";
    }

    @Override
    public List<Phrasing> phrasings() {
        return trainingPhrasings.all();
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, phrasings);
    }

    /** As {@link #generate}, asked in the training templates ({@link TeacherEdition#asksInMoreKindsOfSentence}). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        if (oneDigitOperands && rnd.nextInt(TaskFamily.ONE_DIGIT_OPERANDS_ONE_IN) == 0) {
            return generate(rnd, phrasing, trainingPhrasings, rnd.nextInt(10), rnd.nextInt(10));
        }
        return generate(rnd, phrasing, trainingPhrasings);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates) {
        return generate(rnd, phrasing, templates, TaskFamily.withDigits(rnd, rnd.nextInt(2, 5)),
                TaskFamily.withDigits(rnd, rnd.nextInt(1, 5)));
    }

    /** {@code a + b} or {@code b + a}, asked in one of {@code templates}. */
    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates, int a, int b) {
        if (rnd.nextBoolean()) {
            int swap = a;
            a = b;
            b = swap;
        }
        Solution solution = solve(rnd, a, b);
        return solution.askedAs(templates.ask(rnd, phrasing, Map.of("a", String.valueOf(a), "b", String.valueOf(b))));
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
