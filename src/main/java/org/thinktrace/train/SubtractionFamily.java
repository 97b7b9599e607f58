package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Subtraction of numbers of up to four digits, column by column with borrows. When the second
 * number is larger, the trace subtracts the other way round and negates.
 */
public final class SubtractionFamily implements TaskFamily {

    private static final List<String> PHRASINGS = List.of(
            "What is %d - %d?",
            "Calculate %d - %d.",
            "%d - %d = ?",
            "Subtract %2$d from %1$d.",
            "What's %d minus %d?",
            "How much is %d take away %d?",
            "What is the difference %d - %d?");

    @Override
    public String name() {
        return "subtraction";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        int a = TaskFamily.withDigits(rnd, rnd.nextInt(2, 5));
        int b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 5));
        boolean negative = a < b && rnd.nextInt(3) == 0;
        if (a < b && !negative) {
            int swap = a;
            a = b;
            b = swap;
        }
        int top = Math.max(a, b);
        int bottom = Math.min(a, b);
        ColumnWork work = ColumnWork.subtraction(top, bottom);
        Trace trace = new Trace();
        if (negative) {
            trace.step(b + " is larger than " + a + ", so compute " + top + " - " + bottom + " and make it negative.");
        }
        trace.step(top + " - " + bottom + ", column by column from the right.");
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
        String question = String.format(TaskFamily.pick(rnd, PHRASINGS), a, b);
        return trace.toProblem(name(), "subtraction:" + a + "-" + b, question,
                a + " - " + b + " = **" + difference + "**", String.valueOf(difference));
    }
}
