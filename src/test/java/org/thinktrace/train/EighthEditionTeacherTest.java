package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/**
 * The eighth edition of the teacher: the seventh edition with half of the out-of-scope training questions
 * composed from a request and a frame, none of them close to a held-out template, and the same evaluation.
 */
class EighthEditionTeacherTest {

    private static final Teacher SEVENTH = Teacher.of(TeacherEdition.SEVENTH);
    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    /** A word of a template: letters, or a placeholder such as {@code {topic}}. */
    private static final Pattern WORD = Pattern.compile("\\{[a-z-]+}|[A-Za-z']+");

    @Test
    void theEighthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheFourthEditionsShares() {
        TrainingRecipe recipe = TrainingRecipe.byId("eighth-edition");
        assertEquals(TeacherEdition.EIGHTH, recipe.teacher());
        assertEquals(15_500, recipe.settings().steps());
        assertEquals(MklDispatch.CPU_FEATURES, recipe.mklDispatch());
        assertEquals(TeacherEdition.EIGHTH, TeacherEdition.of(8));
        for (int f = 0; f < SEVENTH.shares().size(); f++) {
            assertEquals(SEVENTH.shares().get(f).share(), EIGHTH.shares().get(f).share());
        }
    }

    @Test
    void onlyTheOutOfScopeFamilyChangesAndTheEvaluationIsTheSeventhEditions() {
        for (int f = 0; f < SEVENTH.shares().size(); f++) {
            TaskFamily before = SEVENTH.shares().get(f).family();
            TaskFamily after = EIGHTH.shares().get(f).family();
            if (before.inScope()) {
                assertEquals(before.phrasings(), after.phrasings(), before.name());
            } else {
                assertTrue(after.phrasings().containsAll(before.phrasings()));
                assertEquals(before.phrasings().stream().filter(Phrasing::heldOut).toList(),
                        after.phrasings().stream().filter(Phrasing::heldOut).toList());
                assertTrue(after.phrasings().size() - before.phrasings().size() > 500,
                        after.phrasings().size() + " out-of-scope templates");
            }
        }
        EvaluationSuite a = SEVENTH.evaluationSuite(4, 1);
        EvaluationSuite b = EIGHTH.evaluationSuite(4, 1);
        for (EvaluationPart part : EvaluationPart.values()) {
            assertEquals(a.part(part).stream().map(Problem::question).toList(),
                    b.part(part).stream().map(Problem::question).toList(), part.toString());
        }
    }

    @Test
    void noComposedQuestionHasAWordOrThreeWordsInARowThatOnlyHeldOutTemplatesHave() {
        Set<String> trainingWords = new HashSet<>();
        Set<String> heldOutWords = new HashSet<>();
        Set<List<String>> trainingRuns = new HashSet<>();
        Set<List<String>> heldOutRuns = new HashSet<>();
        for (Teacher.FamilyShare share : SEVENTH.shares()) {
            for (Phrasing p : share.family().phrasings()) {
                (p.heldOut() ? heldOutWords : trainingWords).addAll(words(p.pattern()));
                (p.heldOut() ? heldOutRuns : trainingRuns).addAll(runsOfThree(words(p.pattern())));
            }
        }
        heldOutWords.removeAll(trainingWords);
        heldOutRuns.removeAll(trainingRuns);
        List<String> close = new java.util.ArrayList<>();
        for (String request : OutOfScopeFamily.eighthRequests()) {
            for (String frame : OutOfScopeFamily.EIGHTH_FRAMES) {
                String question = frame.replace("{op}", request);
                List<String> composed = words(question);
                composed.stream().filter(heldOutWords::contains)
                        .forEach(w -> close.add("'" + w + "' of \"" + question + "\" is only in held-out templates"));
                runsOfThree(composed).stream().filter(heldOutRuns::contains)
                        .forEach(run -> close.add("\"" + question + "\" has " + run + ", only held-out templates do"));
            }
        }
        assertEquals(List.of(), close);
    }

    @Test
    void aboutHalfOfTheOutOfScopeTrainingQuestionsAreComposedAndAllGetTheRefusal() {
        OutOfScopeFamily family = new OutOfScopeFamily(TeacherEdition.EIGHTH);
        SplittableRandom rnd = new SplittableRandom(8);
        int composed = 0;
        for (int i = 0; i < 2000; i++) {
            Problem p = family.generate(rnd, PhrasingSplit.TRAINING);
            composed += p.phrasing().startsWith("composed") ? 1 : 0;
            assertTrue(OutOfScopeFamily.isRefusal(p.response()), p.response());
            assertFalse(p.question().contains("{"), p.question());
        }
        assertTrue(composed > 850 && composed < 1150, composed + " of 2000 composed");
    }

    /** Every three words in a row of {@code words}. */
    private static List<List<String>> runsOfThree(List<String> words) {
        return java.util.stream.IntStream.rangeClosed(0, words.size() - 3).mapToObj(i -> words.subList(i, i + 3)).toList();
    }

    private static List<String> words(String pattern) {
        return WORD.matcher(pattern).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
    }
}
