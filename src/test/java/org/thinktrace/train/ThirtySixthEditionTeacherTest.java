package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The thirty-sixth edition of the teacher: the thirty-fifth edition less the greetings and thanks that are small talk of
 * their own or its words ({@link Courtesies#SMALL_TALK}).
 */
class ThirtySixthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_FOURTH = Teacher.of(TeacherEdition.THIRTY_FOURTH);
    private static final Teacher THIRTY_FIFTH = Teacher.of(TeacherEdition.THIRTY_FIFTH);
    private static final Teacher THIRTY_SIXTH = Teacher.of(TeacherEdition.THIRTY_SIXTH);

    @Test
    void theThirtySixthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-sixth-edition", TeacherEdition.THIRTY_SIXTH,
                36, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-sixth", TeacherEdition.THIRTY_SIXTH.label());
        assertTrue(TeacherEdition.THIRTY_SIXTH.keepsCourtesiesApartFromSmallTalk());
        assertFalse(TeacherEdition.THIRTY_FIFTH.keepsCourtesiesApartFromSmallTalk());
        assertTrue(TeacherEdition.THIRTY_SIXTH.addsCourtesies());
        assertTrue(TeacherEdition.THIRTY_SIXTH.swapsNounsAndConnectors());
    }

    @Test
    void noFamilyAddsATemplate() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_FIFTH, THIRTY_SIXTH)
                .forEach((family, added) -> assertEquals(List.of(), added, family.name()));
    }

    /**
     * The edition's openings and closings are the thirty-fifth edition's less {@link Courtesies#SMALL_TALK}, in the same
     * order; none of them shares two words in a row with a held-out template of any family or a held-out opening or
     * closing, and none contains a phrase that out-of-scope questions ask to translate. The thirty-fifth edition's
     * broke both rules.
     */
    @Test
    void courtesiesShareNoWordPairWithHeldOutQuestionsAndNoTranslatedPhrase() {
        Courtesies fifth = Courtesies.of(TeacherEdition.THIRTY_FIFTH);
        Courtesies sixth = Courtesies.of(TeacherEdition.THIRTY_SIXTH);
        assertEquals(fifth.openings().stream().filter(o -> !Courtesies.SMALL_TALK.contains(o)).toList(), sixth.openings());
        assertEquals(fifth.closings().stream().filter(c -> !Courtesies.SMALL_TALK.contains(c)).toList(), sixth.closings());
        assertEquals(4, fifth.openings().size() + fifth.closings().size() - sixth.openings().size() - sixth.closings().size());

        Set<String> heldOutPairs = heldOutWordPairs(THIRTY_SIXTH);
        assertTrue(heldOutPairs.contains("hey there"), "the held-out small talk 'hey there, how is it going?'");

        assertTrue(breaksARule(fifth, heldOutPairs));
        assertFalse(breaksARule(sixth, heldOutPairs), sixth.openings() + " " + sixth.closings());
    }

    /** The thirty-fifth edition's training set with the edition's courtesies instead, no question with one left out. */
    @Test
    void trainingQuestionsGainOnlyTheEditionsOpeningsAndClosings() {
        ThirtyFifthEditionTeacherTest.assertCourtesiesAround(THIRTY_FOURTH, THIRTY_SIXTH,
                Courtesies.of(TeacherEdition.THIRTY_SIXTH), 0.2, 0.45);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_SIXTH, 8, 1);
    }

    /** Every two words in a row of a held-out template of {@code teacher}'s families or a held-out opening or closing. */
    static Set<String> heldOutWordPairs(Teacher teacher) {
        Set<String> pairs = new HashSet<>();
        teacher.shares().forEach(s -> s.family().phrasings().stream().filter(Phrasing::heldOut)
                .forEach(p -> pairs.addAll(wordPairs(p.pattern()))));
        Stream.concat(SurfaceForms.HELD_OUT_PREFIXES.stream(), SurfaceForms.HELD_OUT_SUFFIXES.stream())
                .forEach(p -> pairs.addAll(wordPairs(p)));
        return pairs;
    }

    static boolean breaksARule(Courtesies courtesies, Set<String> heldOutPairs) {
        return Stream.concat(courtesies.openings().stream(), courtesies.closings().stream()).anyMatch(c ->
                wordPairs(c).stream().anyMatch(heldOutPairs::contains)
                        || OutOfScopeFamily.PHRASES.stream().anyMatch(p -> c.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT))));
    }

    static Set<String> wordPairs(String text) {
        return FourthEditionTeacherTest.runs(text, 2);
    }
}
