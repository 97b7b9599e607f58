package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The times table from 2 × 2 to 9 × 9 asked of a model: every ordered pair in each of {@link #PHRASINGS}, as people
 * ask it first (the evaluation's multiplication problems all have a factor of two or three digits).
 */
final class TimesTable {

    /** How the products are asked: a question, a bare equation and a request. */
    static final List<String> PHRASINGS = List.of("What is {a} times {b}?", "{a} × {b} =", "Multiply {a} by {b}.");

    private TimesTable() {
    }

    /** Every product of two of 2 to 9 in every phrasing, as greedy questions. */
    static List<Evaluator.Question> questions() {
        List<Evaluator.Question> questions = new ArrayList<>();
        for (String phrasing : PHRASINGS) {
            for (int a = 2; a <= 9; a++) {
                for (int b = 2; b <= 9; b++) {
                    String question = phrasing.replace("{a}", String.valueOf(a)).replace("{b}", String.valueOf(b));
                    questions.add(QuestionSetRun.question("multiplication", "multiplication:" + Math.min(a, b) + "*"
                            + Math.max(a, b), phrasing, question, a + " × " + b + " = " + a * b + ".",
                            String.valueOf(a * b)));
                }
            }
        }
        return List.copyOf(questions);
    }
}
