package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Questions with numbers that no family answers, rates and conversions between units as people type them, none in a
 * training template of {@link OutOfScopeFamily#RATES_AND_UNITS}; beside them, in-scope questions that share their
 * words ("how many … are in", "in … hours", "equally"), which must still be answered, not refused.
 */
final class RatesAndUnits {

    private static final List<String> OUT_OF_SCOPE = List.of(
            "A train travels 220 km in 2 hours. What is its average speed?",
            "How many minutes in 3 hours?",
            "How many seconds in 5 minutes?",
            "how many hours in 2 days",
            "What is 100 km in miles?",
            "Convert 5 miles to kilometres.",
            "Turn 50 degrees Fahrenheit into Celsius.",
            "If a runner covers 12 km in 2 hours, what is her speed?",
            "A tap fills a 300 litre tank at 20 litres a minute. How many minutes does that take?",
            "How long does it take to drive 300 km at 60 km per hour?",
            "What is the mean of 4, 8 and 9?",
            "What's the average of 10 and 20?",
            "How many grams in 3 kg?",
            "How many centimetres in 4 metres?",
            "How many weeks are in 21 days?");

    private RatesAndUnits() {
    }

    /** Every question of the set: the rates and units (refusals expected), then the in-scope questions beside them. */
    static List<Evaluator.Question> questions() {
        List<Evaluator.Question> questions = new ArrayList<>();
        for (String asked : OUT_OF_SCOPE) {
            questions.add(QuestionSetRun.question("out-of-scope", "out-of-scope:" + asked, "rates and units refused",
                    asked, "This asks for mathematics beyond my problems.", OutOfScopeFamily.REFUSAL_MARK));
        }
        questions.add(inScope("letter-count", "How many r's are in strawberry?", "3"));
        questions.add(inScope("letter-count", "How many e's are in sentence?", "3"));
        questions.add(inScope("word-problem", "Anna shares 12 apples equally among 3 friends. How many does each friend get?",
                "4"));
        questions.add(inScope("word-problem", "Tom buys 4 books at 6 dollars each. How much does Tom pay?", "24"));
        questions.add(inScope("multiplication", "What is 60 times 3?", "180"));
        questions.add(inScope("addition", "What is 220 + 2?", "222"));
        questions.add(inScope("weekday", "What day of the week is it 3 days after Monday?", "Thursday"));
        questions.add(inScope("list-statistics", "What is the sum of 4, 8 and 9?", "21"));
        return List.copyOf(questions);
    }

    private static Evaluator.Question inScope(String family, String asked, String answer) {
        return QuestionSetRun.question(family, family + ":" + asked, "in-scope questions beside them answered", asked,
                "", answer);
    }
}
