package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Day-of-week arithmetic: which day it is a number of days after or before a given day. The trace
 * drops whole weeks (the remainder by 7 worked out as quotient, product and difference), counts the
 * remaining days one by one, and checks by counting back.
 */
public final class WeekdayFamily implements TaskFamily {

    static final List<String> DAYS = List.of(
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    private static final List<String> LATER = List.of(
            "If today is %s, what day will it be in %d days?",
            "What day of the week is it %2$d days after %1$s?",
            "Today is %s. Which day is it %d days from now?",
            "It's %s. What day will it be %d days later?");
    private static final List<String> EARLIER = List.of(
            "If today is %s, what day was it %d days ago?",
            "What day of the week was it %2$d days before %1$s?",
            "Today is %s. Which day was it %d days ago?");

    @Override
    public String name() {
        return "weekday";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        int start = rnd.nextInt(7);
        int days = rnd.nextInt(1, 101);
        boolean forward = rnd.nextInt(3) != 0;
        int step = forward ? 1 : -1;
        int rest = days % 7;
        int end = Math.floorMod(start + step * rest, 7);
        String from = DAYS.get(start);
        String to = DAYS.get(end);

        Trace trace = new Trace();
        if (days >= 7) {
            trace.step("Days repeat every 7, so only the remainder matters: " + new Division(days, 7).direct()
                    + ", so " + days + " = " + days / 7 + " × 7 + " + rest + ".");
        }
        String direction = forward ? " + " : " - ";
        if (rest == 0) {
            trace.step("Whole weeks only, so it is the same day: " + to + ".");
        } else {
            if (TaskFamily.drawSlip(rnd)) {
                trace.slip(from + direction + rest + ": " + count(start, rest, step, 0) + ".",
                        "Wait, the count starts with the day " + (forward ? "after " : "before ") + from
                                + ", not with " + from + " itself.");
            }
            trace.step(from + direction + rest + ": " + count(start, rest, step, step) + ".");
            trace.step("So it is " + to + ".");
        }
        String back = forward ? " - " : " + ";
        trace.step(rest == 0
                ? "Check: " + days + " is a multiple of 7, and a whole week ends on the day it started. Correct."
                : "Check: " + to + back + rest + ": " + count(end, rest, -step, -step) + ". Correct.");
        String question = String.format(TaskFamily.pick(rnd, forward ? LATER : EARLIER), from, days);
        String finalAnswer = forward ? "It will be **" + to + "**." : "It was **" + to + "**.";
        return trace.toProblem(name(), "weekday:" + from + (forward ? "+" : "-") + days, question, finalAnswer, to);
    }

    /** Names {@code n} days one by one with their count, starting {@code offset} days from {@code start}. */
    private static String count(int start, int n, int step, int offset) {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            named.add(DAYS.get(Math.floorMod(start + offset + step * i, 7)) + " (" + (i + 1) + ")");
        }
        return String.join(", ", named);
    }
}
