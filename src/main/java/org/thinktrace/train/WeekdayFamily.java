package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Day-of-week arithmetic: which day it is a number of days after or before a given day. The trace
 * drops whole weeks (the remainder by 7 worked out as quotient, product and difference), counts the
 * remaining days one by one, and checks by counting back.
 */
public final class WeekdayFamily implements TaskFamily {

    static final List<String> DAYS = List.of(
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    private static final Phrasings FIRST_LATER = Phrasings.of(
            train("if-today-in-days", "If today is {day}, what day will it be in {n} days?"),
            train("days-after", "What day of the week is it {n} days after {day}?"),
            train("days-from-now", "Today is {day}. Which day is it {n} days from now?"),
            train("its-days-later", "It's {day}. What day will it be {n} days later?"));
    private static final Phrasings FIRST_EARLIER = Phrasings.of(
            train("if-today-days-ago", "If today is {day}, what day was it {n} days ago?"),
            train("days-before", "What day of the week was it {n} days before {day}?"),
            train("today-days-ago", "Today is {day}. Which day was it {n} days ago?"));

    private static final Phrasings SECOND_LATER = FIRST_LATER.plus(
            train("days-from-now-lowercase", "today is {day}, what day is it {n} days from now"),
            train("in-days-it-will-be", "It is {day}. In {n} days it will be which day?"),
            train("can-you-tell-days-after", "Can you tell me what day it will be {n} days after {day}?"),
            train("typo-wat-day", "wat day is {n} days after {day}"),
            train("a-meeting-in", "Today is {day} and my trip starts in {n} days. On what day does it start?"),
            heldOut("it-is-today-days-from-now", "It is {day} today. What day will it be {n} days from now?"),
            heldOut("starting-on-count-days", "Starting on a {day}, what day is it after {n} days?"),
            heldOut("could-you-work-out-days", "Could you work out the weekday {n} days after {day}?"),
            heldOut("typo-tommorow-style", "its {day}, wich day in {n} days"));
    private static final Phrasings SECOND_EARLIER = FIRST_EARLIER.plus(
            train("days-ago-lowercase", "today is {day}, what day was it {n} days ago"),
            train("went-back-days", "It is {day}. Going back {n} days, which day was it?"),
            train("typo-dyas-ago", "{day} today, what day was it {n} dyas ago"),
            heldOut("it-is-today-days-ago", "It is {day} today. What day was it {n} days ago?"),
            heldOut("could-you-work-out-ago", "Could you work out the weekday {n} days before {day}?"),
            heldOut("counting-back", "Count back {n} days from {day}. Which day is it?"));

    /** The fourth edition's composed questions, with other families' cue words ("plus", "minus", "who", "write"). */
    private static final Phrasings FOURTH_LATER = SECOND_LATER.withComposed("composed", List.of(
                    "What day is {op}?", "Which weekday is {op}?", "Who can tell me the day {op}?", "Write the day {op}."),
            List.of("{n} days after {day}", "{n} days from {day}", "{day} plus {n} days"),
            List.of("{day} plus {n} days is which day?", "Today: {day}. In {n} days: which day?",
                    "Count {n} days forward from {day}. Which weekday is that?"));
    private static final Phrasings FOURTH_EARLIER = SECOND_EARLIER.withComposed("composed", List.of(
                    "What day is {op}?", "Which weekday is {op}?", "Who can tell me the day {op}?", "Write the day {op}."),
            List.of("{n} days before {day}", "{day} minus {n} days"),
            List.of("{day} minus {n} days is which day?", "Today: {day}. {n} days ago: which day?",
                    "Go {n} days back from {day}. Which weekday was that?"));

    private final Phrasings laterPhrasings;
    private final Phrasings earlierPhrasings;

    /**
     * Whether a whole number of weeks is written as the other counts are ("Friday + 0: whole weeks
     * only, so the same day: Friday."), in the third edition: a second-edition model answered most
     * such problems with a day the question did not name.
     */
    private final boolean wholeWeeksAsACount;

    /**
     * Whether the trace first restates the start day and the direction ({@link #start}), in the thirteenth edition:
     * the twelfth-edition model's held-out phrasing misses counted the wrong way or from a day the question did not
     * name.
     */
    private final boolean restatesStart;

    public WeekdayFamily(TeacherEdition edition) {
        this.wholeWeeksAsACount = edition.atLeast(TeacherEdition.THIRD);
        this.restatesStart = edition.atLeast(TeacherEdition.THIRTEENTH);
        boolean fourth = edition.atLeast(TeacherEdition.FOURTH);
        this.laterPhrasings = edition == TeacherEdition.FIRST ? FIRST_LATER : fourth ? FOURTH_LATER : SECOND_LATER;
        this.earlierPhrasings = edition == TeacherEdition.FIRST ? FIRST_EARLIER : fourth ? FOURTH_EARLIER : SECOND_EARLIER;
    }

    @Override
    public List<Phrasing> phrasings() {
        return Teacher.concat(laterPhrasings.all(), earlierPhrasings.all());
    }

    @Override
    public String name() {
        return "weekday";
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        int start = rnd.nextInt(7);
        int days = rnd.nextInt(1, 101);
        boolean forward = rnd.nextInt(3) != 0;
        int step = forward ? 1 : -1;
        int rest = days % 7;
        int end = Math.floorMod(start + step * rest, 7);
        String from = DAYS.get(start);
        String to = DAYS.get(end);

        Trace trace = new Trace();
        if (restatesStart) {
            trace.step(start(from, days, forward));
        }
        if (days >= 7) {
            trace.step("Days repeat every 7, so only the remainder matters: " + new Division(days, 7).direct()
                    + ", so " + days + " = " + days / 7 + " × 7 + " + rest + ".");
        }
        String direction = forward ? " + " : " - ";
        if (rest == 0 && wholeWeeksAsACount) {
            trace.step(from + direction + "0: whole weeks only, so it is the same day: " + to + ".");
        } else if (rest == 0) {
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
        Phrasings.Asked question = (forward ? laterPhrasings : earlierPhrasings).ask(rnd, phrasing,
                Map.of("day", from, "n", String.valueOf(days)));
        String finalAnswer = forward ? "It will be **" + to + "**." : "It was **" + to + "**.";
        return trace.toProblem(name(), "weekday:" + from + (forward ? "+" : "-") + days, question, finalAnswer, to);
    }

    /** The question restated: {@code From Wednesday, 18 days later: count forward.} or {@code …earlier: count back.} */
    static String start(String from, int days, boolean forward) {
        return "From " + from + ", " + days + (days == 1 ? " day " : " days ") + (forward ? "later: count forward." : "earlier: count back.");
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
