package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Questions outside the families get a short refusal in R1 form that says what the model can do. */
class OutOfScopeFamilyTest {

    private final OutOfScopeFamily family = new OutOfScopeFamily();

    @Test
    void theIssuesQuestionsAreTrainingQuestionsAndGetTheRefusal() {
        List<String> asked = family.phrasings().stream().filter(p -> !p.heldOut()).map(Phrasing::pattern).toList();
        for (String question : List.of("Who are you?", "Write a poem", "What is the capital of {country}?")) {
            assertTrue(asked.contains(question), question);
        }
    }

    @Test
    void everyRefusalIsOneThoughtThenWhatTheModelIsCanDoAndHowToLoadARealModel() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            Problem p = family.generate(rnd, i % 2 == 0 ? PhrasingSplit.TRAINING : PhrasingSplit.HELD_OUT);
            String r = p.response();
            int close = r.indexOf("\n</think>\n\n");
            String thinking = r.substring("<think>\n".length(), close);
            String answer = r.substring(close + "\n</think>\n\n".length());
            assertFalse(thinking.contains("\n"), "one thought: " + thinking);
            assertTrue(thinking.contains("not one of the kinds of problem I was trained for"), thinking);
            assertEquals(1, answer.split("\\*\\*", -1).length / 2, "one bold span: " + answer);
            assertTrue(answer.contains("**" + OutOfScopeFamily.REFUSAL_MARK + "**"), answer);
            assertTrue(answer.contains(OutOfScopeFamily.CAN_DO) && answer.contains("DeepSeek-R1"), answer);
            assertTrue(OutOfScopeFamily.isRefusal(r));
            assertEquals(OutOfScopeFamily.REFUSAL_MARK, p.answer());
            assertFalse(p.question().contains("{"), p.question());
        }
    }

    @Test
    void noInScopeResponseReadsAsARefusal() {
        Teacher teacher = Teacher.of(TeacherEdition.SECOND);
        for (Problem p : Teacher.concat(teacher.evaluationSet(20, 4), teacher.followUpSet(40, 4))) {
            assertFalse(OutOfScopeFamily.isRefusal(p.response()), p.response());
        }
    }

    @Test
    void outOfScopeQuestionsTakeTheirShareOfTraining() {
        Teacher teacher = Teacher.of(TeacherEdition.SECOND);
        long firstTurns = teacher.trainingSet(teacher.roundSize() * 100, 8).stream()
                .filter(p -> p.family().equals("out-of-scope") && p.turns() == 1).count();
        // 2 shares of each round; a fifth of them go on to a later turn of another family
        assertEquals(200 * (1 - Teacher.FOLLOW_UP_RATE), firstTurns, 30);
    }
}
