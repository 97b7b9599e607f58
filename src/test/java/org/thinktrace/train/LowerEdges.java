package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Questions at the families' lower edges, as people ask them first and the evaluation never does: sums and differences
 * of two one-digit numbers, products by 0 and 1, whether 0 and 1 are prime, and two numbers to sort.
 */
final class LowerEdges {

    /** Two distinct numbers to sort, each pair asked ascending in two ways. */
    private static final int[][] PAIRS = {{5, 2}, {8, 9}, {31, 7}, {40, 12}, {3, 0}, {75, 76}, {100, 99}, {6, 61}};

    private LowerEdges() {
    }

    /** Every question of the set, grouped by the kind of edge (the problems' phrasing label). */
    static List<Evaluator.Question> questions() {
        List<Evaluator.Question> questions = new ArrayList<>();
        for (int a = 0; a <= 9; a++) {
            for (int b = 0; b <= 9; b++) {
                questions.add(QuestionSetRun.question("addition", "addition:" + a + "+" + b, "one-digit sums",
                        "What is " + a + " + " + b + "?", a + " + " + b + " = " + (a + b) + ".", String.valueOf(a + b)));
                questions.add(QuestionSetRun.question("subtraction", "subtraction:" + a + "-" + b,
                        "one-digit differences", "What is " + a + " - " + b + "?", a + " - " + b + " = " + (a - b) + ".",
                        String.valueOf(a - b)));
            }
        }
        for (int a = 0; a <= 9; a++) {
            for (int b = 0; b <= 1; b++) {
                questions.add(QuestionSetRun.question("multiplication", "multiplication:" + b + "*" + a,
                        "products by 0 and 1", "What is " + a + " times " + b + "?", a + " × " + b + " = " + a * b + ".",
                        String.valueOf(a * b)));
            }
        }
        for (int n = 0; n <= 1; n++) {
            for (String asked : List.of("Is " + n + " prime?", "Is " + n + " a prime number?", n + " prime?")) {
                questions.add(QuestionSetRun.question("primality", "prime:" + n, "0 and 1 prime", asked,
                        n + " < 2.", "not prime"));
            }
        }
        for (int[] pair : PAIRS) {
            int low = Math.min(pair[0], pair[1]);
            int high = Math.max(pair[0], pair[1]);
            String sorted = low + ", " + high;
            for (String asked : List.of("Sort " + pair[0] + " " + pair[1],
                    "Put " + pair[0] + ", " + pair[1] + " in ascending order.")) {
                questions.add(QuestionSetRun.question("sorting", "sorting:" + sorted, "two numbers sorted", asked,
                        "Sorted: " + sorted + ".", sorted));
            }
        }
        return List.copyOf(questions);
    }
}
