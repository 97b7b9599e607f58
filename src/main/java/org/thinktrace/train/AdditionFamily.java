package org.thinktrace.train;

import java.util.List;
import java.util.random.RandomGenerator;

/** Addition of two numbers of up to four digits, column by column with carries. */
public final class AdditionFamily implements TaskFamily {

    private static final List<String> PHRASINGS = List.of(
            "What is %d + %d?",
            "Calculate %d + %d.",
            "%d + %d = ?",
            "What's the sum of %d and %d?",
            "Add %d and %d.",
            "How much is %d plus %d?",
            "Can you work out %d + %d?");

    @Override
    public String name() {
        return "addition";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        int a = TaskFamily.withDigits(rnd, rnd.nextInt(2, 5));
        int b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 5));
        if (rnd.nextBoolean()) {
            int swap = a;
            a = b;
            b = swap;
        }
        ColumnWork work = ColumnWork.addition(a, b);
        Trace trace = new Trace().step(a + " + " + b + ", column by column from the right.");
        if (TaskFamily.drawSlip(rnd)) {
            trace.stepsWithSlip(work.linesWithSlip(rnd));
        } else {
            trace.steps(work.lines());
        }
        int sum = work.result();
        trace.step("Check: " + sum + " - " + b + " = " + a + ". Correct.");
        String question = String.format(TaskFamily.pick(rnd, PHRASINGS), a, b);
        return trace.toProblem(name(), "addition:" + Math.min(a, b) + "+" + Math.max(a, b), question,
                a + " + " + b + " = **" + sum + "**", String.valueOf(sum));
    }
}
