package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The thirty-third edition of the teacher: the thirty-second edition with training questions that put a dash between
 * the numbers and the question, and that misspell their keywords, in decimal comparisons, primality, sorting and list
 * statistics.
 */
class ThirtyThirdEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_SECOND = Teacher.of(TeacherEdition.THIRTY_SECOND);
    private static final Teacher THIRTY_THIRD = Teacher.of(TeacherEdition.THIRTY_THIRD);
    private static final Set<String> DASHED_FAMILIES = Set.of("decimal-comparison", "primality", "sorting", "list-statistics");
    /** A dash that is not a minus: between a number or word and a word, with spaces. */
    private static final Pattern DASH_BEFORE_WORDS = Pattern.compile(" --? [A-Za-z]");
    /** A word that names the side of a comparison, as the independent solver reads it, or as the larger side. */
    static final Pattern SIDE_WORD = Pattern.compile("(?i)small|smal|less|lower|larg|big|great|grat|more|high");

    @Test
    void theThirtyThirdEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-third-edition", TeacherEdition.THIRTY_THIRD,
                33, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-third", TeacherEdition.THIRTY_THIRD.label());
        assertTrue(TeacherEdition.THIRTY_THIRD.asksWithDashesAndMisspellings());
        assertFalse(TeacherEdition.THIRTY_SECOND.asksWithDashesAndMisspellings());
        assertTrue(TeacherEdition.THIRTY_THIRD.asksQuotedTranslations());
        assertTrue(TeacherEdition.THIRTY_THIRD.asksInMoreKindsOfSentence());
        assertTrue(TeacherEdition.THIRTY_THIRD.rechecksWrongAnswersMoreOften());
    }

    /**
     * Only the four families add templates, all of them training templates named {@code dashed-…}; each family's added
     * templates include some with a dash before words and some without one (the misspelt keywords).
     */
    @Test
    void fourFamiliesAddDashedAndMisspeltTrainingTemplatesOnly() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_SECOND, THIRTY_THIRD).forEach((family, added) -> {
            if (!DASHED_FAMILIES.contains(family.name())) {
                assertEquals(List.of(), added, family.name());
                return;
            }
            assertTrue(added.size() >= 20, added.size() + " templates added to " + family.name());
            added.forEach(p -> assertTrue(p.name().startsWith("dashed-") && !p.heldOut(), p.toString()));
            assertTrue(added.stream().anyMatch(p -> DASH_BEFORE_WORDS.matcher(p.pattern()).find()), family.name());
            assertTrue(added.stream().anyMatch(p -> !p.pattern().contains("-")), family.name());
        });
    }

    /**
     * The thirty-first edition's rule: no added template shares a four-word run with a held-out template that earlier
     * training templates do not share already, or uses a word only held-out templates use ("vs", "minimun", "maxium",
     * "bigest"); and none asks what a held-out template asks after its dash ("which is more", "which is less", "is it
     * prime").
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        assertTrue(ThirtyFirstEditionTeacherTest.heldOutOnlyWords(THIRTY_SECOND).containsAll(Set.of("vs", "minimun", "maxium")),
                ThirtyFirstEditionTeacherTest.heldOutOnlyWords(THIRTY_SECOND).toString());
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(THIRTY_SECOND, THIRTY_THIRD);
        assertFalse(added.isEmpty());
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(THIRTY_SECOND, added));
        for (Phrasing p : added) {
            String lower = p.pattern().toLowerCase(java.util.Locale.ROOT);
            for (String asked : List.of("- which is more", "- which is less", "- is it prime")) {
                assertFalse(lower.contains(asked), p.pattern());
            }
        }
    }

    /**
     * Training sets ask problems in the added templates in all four families, answered by an independent solver's
     * answer (a misspelt minimum is still a minimum, a dash before a question is not a minus), with the problem's own
     * numbers in the question; none reads as a held-out template of its family.
     */
    @Test
    void trainingQuestionsInTheAddedTemplatesAreAnsweredAsTheirFamily() {
        Map<String, Predicate<String>> heldOut = ThirtyFirstEditionTeacherTest.heldOutReaders(THIRTY_THIRD);
        Map<String, Integer> asked = new HashMap<>();
        List<String> dashed = new ArrayList<>();
        for (Problem p : THIRTY_THIRD.trainingSet(6_000, 33)) {
            if (!p.context().isEmpty() || !p.phrasing().startsWith("dashed-")) {
                continue;
            }
            assertTrue(DASHED_FAMILIES.contains(p.family()), p.family() + ": " + p.question());
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            assertAnsweredAsItsFamily(p);
            asked.merge(p.family(), 1, Integer::sum);
            if (DASH_BEFORE_WORDS.matcher(p.question()).find()) {
                dashed.add(p.question());
            }
        }
        assertEquals(DASHED_FAMILIES, asked.keySet(), asked.toString());
        asked.forEach((family, n) -> assertTrue(n >= 10, n + " " + family + " questions in the added templates"));
        assertTrue(dashed.size() >= 20, dashed.size() + " questions with a dash before words: " + dashed);
    }

    /**
     * Asserts that {@code p}'s answer is an independent solver's; for a comparison whose side word a training slip
     * mistyped ("Smakler"), that it is one of the two numbers.
     */
    static void assertAnsweredAsItsFamily(Problem p) {
        if (p.family().equals("decimal-comparison") && !SIDE_WORD.matcher(p.question()).find()) {
            assertTrue(List.of(p.key().substring("decimal:".length()).split(",")).contains(p.answer()), p.question());
        } else {
            assertEquals(FourthEditionTeacherTest.independentAnswer(p), p.answer(), p.question());
        }
    }

    /** Evaluation problems and out-of-scope questions are drawn as the eighth edition draws them. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_THIRD, 8, 1);
    }
}
