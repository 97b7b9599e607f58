package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The forty-second edition of the teacher: the fortieth edition (not the forty-first), with one training product in five
 * asked of two one-digit numbers.
 */
class FortySecondEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FORTIETH = Teacher.of(TeacherEdition.FORTIETH);
    private static final Teacher FORTY_SECOND = Teacher.of(TeacherEdition.FORTY_SECOND);
    private static final int EXAMPLES = 6_000;
    private static final long SEED = 20_251_128L;
    private static final Pattern KEY = Pattern.compile("multiplication:(\\d+)\\*(\\d+)");

    @Test
    void theRecipeTrainsTheFortiethEditionsFamiliesAndTemplatesAndExportsTheAverageOfItsLastTenth() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(FORTIETH, "forty-second-edition", TeacherEdition.FORTY_SECOND,
                42, 25_000, Set.of());
        assertEquals("forty-second", TeacherEdition.FORTY_SECOND.label());
        assertEquals(22_500, TrainingRecipe.fortySecondEdition().exportedAverageFrom());
        assertTrue(TeacherEdition.FORTY_SECOND.asksTheTimesTable());
        assertFalse(TeacherEdition.FORTY_FIRST.asksTheTimesTable());
        assertFalse(TeacherEdition.FORTIETH.asksTheTimesTable());
        assertTrue(TeacherEdition.FORTY_SECOND.namesTheCountBeforeTheLetter());
        assertFalse(TeacherEdition.FORTY_SECOND.asksListStatisticsInLaterTurnsMoreOften(),
                "built on the fortieth edition, not the forty-first");
        assertTrue(TeacherEdition.FORTY_FIRST.asksListStatisticsInLaterTurnsMoreOften());
    }

    /**
     * The default recipe is the forty-second-edition recipe (seed 1, its own) under the id {@code shipped}, its card's
     * reproduce line needs no option, and the bundled model records this edition.
     */
    @Test
    void theDefaultRecipeIsTheFortySecondEditionsAndTrainedTheBundledModel() throws IOException {
        TrainingRecipe shipped = TrainingRecipe.shipped();
        TrainingRecipe recipe = TrainingRecipe.fortySecondEdition();
        assertEquals("shipped", shipped.id());
        assertEquals(new TrainingRecipe(recipe.name(), shipped.id(), recipe.teacher(), recipe.problems(),
                recipe.dataSeed(), recipe.vocabSize(), recipe.smokeShape(), recipe.context(), recipe.initStd(),
                recipe.settings(), recipe.mklDispatch(), recipe.averagedTail()), shipped);
        assertEquals(1, shipped.settings().seed());
        assertEquals(" --recipe forty-second-edition", recipe.trainArguments());
        assertEquals("", shipped.trainArguments());
        Path bundled = Path.of("models", "thinktrace-r1-tiny");
        if (Files.isRegularFile(bundled.resolve("config.json"))) {
            assertEquals(TeacherEdition.FORTY_SECOND, TeacherEdition.ofModel(bundled));
        }
    }

    /**
     * The fortieth edition's first-turn products always have a factor of two or three digits; the forty-second's are
     * of two one-digit numbers about one time in five, answered rightly with one partial product of one digit, and
     * over the training set they cover most of the times table from 2 × 2 to 9 × 9.
     */
    @Test
    void oneTrainingProductInFiveIsOfTwoOneDigitNumbersAnsweredRightly() {
        Products before = Products.of(FORTIETH);
        Products after = Products.of(FORTY_SECOND);
        assertEquals(0, before.oneDigit(), before.toString());
        assertTrue(before.all() > 200, before.toString());
        assertEquals(1.0 / MultiplicationFamily.TIMES_TABLE_ONE_IN, after.oneDigit() / (double) after.all(), 0.06,
                after.toString());
        assertTrue(after.facts().size() >= 25, "distinct one-digit facts: " + after.facts());
    }

    /** A one-digit product's trace has one digit product and no column addition, and its check names the product. */
    @Test
    void aOneDigitProductIsWorkedAsOneDigitProduct() {
        Solution s = new MultiplicationFamily(TeacherEdition.FORTY_SECOND)
                .solve(new java.util.SplittableRandom(1), 7, 6, true);
        String trace = s.trace().thinking();
        assertEquals("6 × 7 = **42**", s.finalAnswer());
        assertEquals("42", s.answer());
        assertTrue(trace.contains("7 × 6: 7 × 6 = 42, write 42. So 42."), trace);
        assertFalse(trace.contains("Add "), trace);
        assertTrue(trace.contains("Check: the last digits give 7 × 6 = 42, which ends in 2, and so does 42. Correct."),
                trace);
    }

    /** The evaluation asks exactly what the eighth edition's asks: the change is to training problems only. */
    @Test
    void itsEvaluationIsTheEighthEditions() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTY_SECOND, 8, 1);
    }

    /** The first-turn products of {@code EXAMPLES} training examples: all, those of two one-digit numbers, their facts. */
    private record Products(int all, int oneDigit, Set<String> facts) {

        static Products of(Teacher teacher) {
            int all = 0;
            int oneDigit = 0;
            Set<String> facts = new HashSet<>();
            for (Problem p : teacher.trainingSet(EXAMPLES, SEED)) {
                if (!p.context().isEmpty() || !p.family().equals("multiplication")) continue;
                Matcher m = KEY.matcher(p.key());
                assertTrue(m.matches(), p.key());
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                assertEquals(String.valueOf(a * b), p.answer(), p.key());
                assertTrue(p.response().contains("**" + a * b + "**"), p.response());
                all++;
                if (a < 10 && b < 10) {
                    oneDigit++;
                    facts.add(Math.min(a, b) + "×" + Math.max(a, b));
                }
            }
            return new Products(all, oneDigit, facts);
        }
    }
}
