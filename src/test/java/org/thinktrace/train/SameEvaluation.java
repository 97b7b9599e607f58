package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.thinktrace.text.R1Response;

/** Checks that two teachers' evaluation suites ask a model exactly the same. */
final class SameEvaluation {

    private SameEvaluation() {
    }

    /**
     * Asserts that every part of {@code expected}'s and {@code actual}'s evaluation suites ({@code perFamily}, {@code seed})
     * asks the same, in the same order: the same earlier turns as the chat template renders them (their thinking
     * dropped, so a change made only to earlier thinking is allowed), the same question and the same answer.
     */
    static void assertAsksTheSame(Teacher expected, Teacher actual, int perFamily, long seed) {
        EvaluationSuite a = expected.evaluationSuite(perFamily, seed);
        EvaluationSuite b = actual.evaluationSuite(perFamily, seed);
        for (EvaluationPart part : EvaluationPart.values()) {
            assertEquals(a.part(part).stream().map(SameEvaluation::asked).toList(),
                    b.part(part).stream().map(SameEvaluation::asked).toList(), part.toString());
        }
    }

    private static String asked(Problem p) {
        return p.context().stream().map(e -> e.question() + " -> " + R1Response.parse(e.response()).answer()).toList()
                + " | " + p.question() + " | " + p.answer();
    }
}
