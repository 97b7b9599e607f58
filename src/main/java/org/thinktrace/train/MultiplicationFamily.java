package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Multiplication of a number of up to three digits by one of up to two digits: one partial product
 * per digit of the smaller factor (written digit by digit with carries), shifted, then added column
 * by column. The check compares last digits. From the forty-second edition, one training product in five is of two
 * one-digit numbers, worked the same way (one partial product of one digit).
 */
public final class MultiplicationFamily implements TaskFamily {

    private static final Phrasings FIRST = Phrasings.of(
            train("what-is-times-sign", "What is {a} × {b}?"),
            train("what-is-star", "What is {a} * {b}?"),
            train("calculate-times", "Calculate {a} times {b}."),
            train("multiply-by", "Multiply {a} by {b}."),
            train("equation-star", "{a} * {b} = ?"),
            train("whats-the-product-of", "What's the product of {a} and {b}?"),
            train("how-much-x", "How much is {a} x {b}?"));

    private static final Phrasings SECOND = FIRST.plus(
            train("bare-x", "{a}x{b}"),
            train("bare-times-sign", "{a} × {b} ="),
            train("times-lowercase", "what is {a} times {b}"),
            train("work-out-the-product-of", "Work out the product of {a} and {b}."),
            train("please-multiply", "Please multiply {a} and {b}."),
            train("can-you-multiply", "Can you multiply {a} by {b}?"),
            train("typo-mutliply", "mutliply {a} by {b}"),
            train("boxes", "There are {a} boxes with {b} pencils in each. How many pencils are there?"),
            heldOut("compute-the-product", "Compute the product of {a} and {b}."),
            heldOut("bare-star", "{a}*{b}"),
            heldOut("could-you-multiply", "could you multiply {a} and {b} please"),
            heldOut("rows-of-seats", "A hall has {a} rows of {b} seats. How many seats is that?"),
            heldOut("multiplied-by-equals", "{a} multiplied by {b} equals?"),
            heldOut("typo-whats-teh", "whats teh product of {a} and {b}"));

    /** The fourth edition's composed questions: operations in several wordings and orders, word frames with other cue words. */
    private static final Phrasings FOURTH = SECOND.withComposed("composed", ComposedParts.ARITHMETIC_FRAMES, List.of(
                    "{a} times {b}", "{a} × {b}", "{a} x {b}", "{a} * {b}", "{a} multiplied by {b}",
                    "the product of {a} and {b}", "{a} lots of {b}", "{b} groups of {a}"),
            List.of("A garden has {a} rows of {b} plants. How many plants are there?",
                    "{a} rows of {b} chairs. How many chairs?",
                    "{a} boxes go into a van, with {b} cards in each box. How many cards?",
                    "Who can multiply {a} by {b}?",
                    "Write {a} × {b} as one number.",
                    "{a} teams of {b} players. How many players in all?",
                    "Each of {a} buses carries {b} people. How many people is that?",
                    "Multiply {a} and {b} together. What does that make?"));

    /**
     * The thirty-first edition's training templates: the fourth edition's, with products also asked as groups of things,
     * a setup naming how many groups of how many things followed by a question that does not name the operation.
     */
    private static final Phrasings THIRTY_FIRST = FOURTH.withComposed("groups", List.of(
                    "An orchard has {a} lines of {b} trees. {op}",
                    "There are {a} rows with {b} chairs in each in a theatre. {op}",
                    "A crate holds {a} trays of {b} eggs. {op}",
                    "Each of {a} shelves has {b} jars on it. {op}",
                    "A school has {a} classes with {b} pupils in each. {op}",
                    "{a} packs of {b} cards lie on the table. {op}",
                    "A wall is built from {a} layers of {b} bricks. {op}",
                    "A hotel has {a} floors with {b} rooms on every floor. {op}",
                    "{a} vans each carry {b} parcels. {op}",
                    "A sheet of stamps has {a} lines and {b} columns. {op}",
                    "A stadium has {a} blocks of {b} benches. {op}",
                    "A baker fills {a} trays with {b} rolls each. {op}",
                    "There are {b} pages in each of {a} notebooks. {op}",
                    "A farmer plants {a} beds of {b} tulips. {op}"),
            List.of("How many is that?", "How many in all?", "How many in total?", "What number is that in all?",
                    "How many is that in all?", "Work out the total."),
            List.of());

    private final Phrasings phrasings;
    /** The templates training problems are asked in: {@link #phrasings}, with the thirty-first edition's groups. */
    private final Phrasings trainingPhrasings;
    /** Whether column work first names each number's digits by place ({@link ColumnWork#placesLine()}; twelfth edition on). */
    private final boolean namesPlaces;
    /** Whether one training product in {@value #TIMES_TABLE_ONE_IN} is of two one-digit numbers (forty-second edition on). */
    private final boolean asksTimesTable;
    /** The times table's least factor: 2, or 0 in {@link TeacherEdition#asksTheLowerEdges} editions. */
    private final int timesTableFrom;

    /** One training product in this many is of two one-digit numbers, in {@link TeacherEdition#asksTheTimesTable} editions. */
    static final int TIMES_TABLE_ONE_IN = 5;

    public MultiplicationFamily(TeacherEdition edition) {
        this.namesPlaces = edition.atLeast(TeacherEdition.TWELFTH);
        this.asksTimesTable = edition.asksTheTimesTable();
        this.timesTableFrom = edition.asksTheLowerEdges() ? 0 : 2;
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
        this.trainingPhrasings = edition.asksInMoreKindsOfSentence() ? THIRTY_FIRST : phrasings;
    }

    @Override
    public String name() {
        return "multiplication";
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
        if (asksTimesTable && rnd.nextInt(TIMES_TABLE_ONE_IN) == 0) {
            int a = rnd.nextInt(timesTableFrom, 10);
            int b = rnd.nextInt(timesTableFrom, 10);
            return generate(rnd, phrasing, trainingPhrasings, Math.max(a, b), Math.min(a, b));
        }
        return generate(rnd, phrasing, trainingPhrasings);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates) {
        int big = TaskFamily.withDigits(rnd, rnd.nextInt(2, 4));
        int small = TaskFamily.withDigits(rnd, rnd.nextInt(1, 3));
        if (small < 2) {
            small = rnd.nextInt(2, 10);
        }
        return generate(rnd, phrasing, templates, big, small);
    }

    /** {@code big × small} asked in one of {@code templates}, either factor first. */
    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates, int big, int small) {
        boolean smallFirst = rnd.nextBoolean();
        int first = smallFirst ? small : big;
        int second = smallFirst ? big : small;
        Solution solution = solve(rnd, big, small, smallFirst);
        return solution.askedAs(templates.ask(rnd, phrasing,
                Map.of("a", String.valueOf(first), "b", String.valueOf(second))));
    }

    /**
     * {@code big × small} ({@code small × big} when {@code smallFirst}), {@code small} of up to two
     * digits: one partial product per digit of {@code small}, checked by the last digits.
     */
    Solution solve(RandomGenerator rnd, int big, int small, boolean smallFirst) {
        int first = smallFirst ? small : big;
        int second = smallFirst ? big : small;
        Trace trace = new Trace();
        if (smallFirst) {
            trace.step(first + " × " + second + " = " + big + " × " + small + ".");
        }
        if (small < 10) {
            trace.step(big + " × " + small + ", digit by digit from the right with carries.");
        } else if (small % 10 == 0) {
            trace.step(big + " × " + small + ": multiply " + big + " by " + small / 10 + ", then shift one place.");
        } else {
            trace.step(big + " × " + small + ": multiply " + big + " by each digit of " + small + ", then add.");
        }
        int ones = small % 10;
        int tens = small / 10;
        boolean slip = TaskFamily.drawSlip(rnd);
        List<Integer> partials = new ArrayList<>();
        if (ones != 0 || small == 0) {
            partials.add(partialProduct(trace, big, ones, 1, slip));
            slip = false;
        }
        if (tens != 0) {
            partials.add(partialProduct(trace, big, tens, 10, slip));
        }
        int product = big * small;
        if (partials.size() == 2) {
            trace.step("Add " + partials.get(0) + " + " + partials.get(1) + ":");
            ColumnWork sum = ColumnWork.addition(partials.get(0), partials.get(1));
            if (namesPlaces) {
                trace.step(sum.placesLine());
            }
            trace.steps(sum.lines());
        }
        trace.step("So " + first + " × " + second + " = " + product + ".");
        int lastDigits = (big % 10) * (small % 10);
        trace.step("Check: the last digits give " + big % 10 + " × " + small % 10 + " = " + lastDigits
                + ", which ends in " + lastDigits % 10 + ", and so does " + product + ". Correct.");
        return new Solution(name(), "multiplication:" + Math.min(big, small) + "*" + Math.max(big, small), trace,
                first + " × " + second + " = **" + product + "**", String.valueOf(product));
    }

    /** Writes {@code big × digit} digit by digit (with an optional slip) and returns it times {@code shift}. */
    private static int partialProduct(Trace trace, int big, int digit, int shift, boolean slip) {
        DigitProduct product = new DigitProduct(big, digit);
        List<String> done = new ArrayList<>();
        for (DigitProduct.Step step : product.steps()) {
            if (slip && step.digit() > 1 && digit > 1) {
                int wrong = (step.digit() + 1) * digit + step.carryIn();
                String before = done.isEmpty() ? "" : String.join("; ", done) + "; ";
                trace.slip(product.head() + before + step.expression() + " = " + wrong + ".",
                        "Wait, " + step.digit() + " × " + digit + " is " + step.digit() * digit + ", not "
                                + (step.digit() + 1) * digit + ". Again:");
                break;
            }
            done.add(step.text());
        }
        int partial = product.result();
        String line = product.line();
        if (shift > 1) {
            line += " Shifted one place: " + partial * shift + ".";
        }
        trace.step(line);
        return partial * shift;
    }
}
