package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Means of two to six numbers asked as people type them, in phrasings none of {@link ListStatisticsFamily}'s mean
 * templates uses, each answered to two decimal places; beside them, rates that say "average" and must
 * still be refused, and sums of the same lists, which must not turn into means.
 */
final class Means {

    /** Each question and its list; the expected answer is computed by {@link #meanOf}. */
    private record Asked(String question, List<Integer> numbers) {
    }

    private static final List<Asked> MEANS = List.of(
            new Asked("Please work out the mean: 4, 8 and 9", List.of(4, 8, 9)),
            new Asked("What's the average of 10 and 20?", List.of(10, 20)),
            new Asked("What would the average of 7 and 10 be?", List.of(7, 10)),
            new Asked("What's the arithmetic mean of 12, 15, 30?", List.of(12, 15, 30)),
            new Asked("Compute the average of 40, 42 and 47.", List.of(40, 42, 47)),
            new Asked("mean of 81 and 6?", List.of(81, 6)),
            new Asked("I need the average: 3, 5, 10, 6", List.of(3, 5, 10, 6)),
            new Asked("Tell me the mean of 25 30 35 40 45", List.of(25, 30, 35, 40, 45)),
            new Asked("Find the mean across 2, 9, 14, 33, 50, 71.", List.of(2, 9, 14, 33, 50, 71)),
            new Asked("Work out the mean of 17 and 18.", List.of(17, 18)),
            new Asked("The mean of 60, 61, 62 and 64 is what?", List.of(60, 61, 62, 64)),
            new Asked("Determine the average of 99, 98 and 96.", List.of(99, 98, 96)),
            new Asked("Find me the mean of 5, 6, 7, 8, 9, 10.", List.of(5, 6, 7, 8, 9, 10)),
            new Asked("average 11 13 19", List.of(11, 13, 19)),
            new Asked("What do 20, 30 and 45 average to?", List.of(20, 30, 45)));

    private static final List<String> RATES = List.of(
            "A train travels 220 km in 2 hours. What is its average speed?",
            "What is the average speed of a car that drives 150 km in 3 hours?",
            "A runner covers 12 km in 2 hours. What is her average pace in km per hour?");

    private Means() {
    }

    /**
     * The mean of {@code numbers} to two decimal places, rounded half up, written without trailing zeros: in hundredths
     * by integer arithmetic, independent of the teacher's decimal arithmetic.
     */
    static String meanOf(List<Integer> numbers) {
        int total = numbers.stream().mapToInt(Integer::intValue).sum();
        int hundredths = (total * 200 / numbers.size() + 1) / 2;
        int whole = hundredths / 100;
        int fraction = hundredths % 100;
        return fraction == 0 ? String.valueOf(whole)
                : fraction % 10 == 0 ? whole + "." + fraction / 10
                : whole + "." + String.format("%02d", fraction);
    }

    /** The mean questions alone, for checks on the phrasings. */
    static List<String> meanQuestions() {
        return MEANS.stream().map(Asked::question).toList();
    }

    /** Every question of the set: the means, the rates (refusals expected), then sums of the same lists. */
    static List<Evaluator.Question> questions() {
        List<Evaluator.Question> questions = new ArrayList<>();
        for (Asked asked : MEANS) {
            questions.add(QuestionSetRun.question("list-statistics", "mean:" + asked.question(), "means answered",
                    asked.question(), "", meanOf(asked.numbers())));
        }
        for (String asked : RATES) {
            questions.add(QuestionSetRun.question("out-of-scope", "out-of-scope:" + asked, "average speeds refused",
                    asked, "This asks for mathematics beyond my problems.", OutOfScopeFamily.REFUSAL_MARK));
        }
        for (Asked asked : MEANS.subList(0, 5)) {
            String sum = "What is the sum of " + SortingFamily.join(asked.numbers()) + "?";
            questions.add(QuestionSetRun.question("list-statistics", "sum:" + sum, "sums of the same lists answered",
                    sum, "", String.valueOf(asked.numbers().stream().mapToInt(Integer::intValue).sum())));
        }
        return List.copyOf(questions);
    }
}
