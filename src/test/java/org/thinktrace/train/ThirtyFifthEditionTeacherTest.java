package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The thirty-fifth edition of the teacher: the thirty-fourth edition with greetings and thanks around one training
 * question in three ({@link Courtesies}).
 */
class ThirtyFifthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_FOURTH = Teacher.of(TeacherEdition.THIRTY_FOURTH);
    private static final Teacher THIRTY_FIFTH = Teacher.of(TeacherEdition.THIRTY_FIFTH);
    private static final Courtesies COURTESIES = Courtesies.of(TeacherEdition.THIRTY_FIFTH);
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    /** Words that decide a family or the side asked for, which no opening or closing may have. */
    private static final Set<String> CUES = Set.of("more", "less", "most", "least", "small", "smaller", "smallest",
            "big", "bigger", "biggest", "large", "larger", "largest", "high", "higher", "low", "lower", "first", "last",
            "add", "plus", "minus", "times", "left", "each", "total", "sum", "ago", "later", "prime", "sort", "order",
            "count", "letter", "letters", "number", "numbers", "share", "cost", "costs", "day", "days", "week");
    @Test
    void theThirtyFifthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-fifth-edition", TeacherEdition.THIRTY_FIFTH,
                35, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-fifth", TeacherEdition.THIRTY_FIFTH.label());
        assertTrue(TeacherEdition.THIRTY_FIFTH.addsCourtesies());
        assertFalse(TeacherEdition.THIRTY_FOURTH.addsCourtesies());
        assertTrue(TeacherEdition.THIRTY_FIFTH.swapsNounsAndConnectors());
        assertTrue(TeacherEdition.THIRTY_FIFTH.asksWithDashesAndMisspellings());
        assertTrue(TeacherEdition.THIRTY_FIFTH.asksPolitelyAndInOtherUnits());
    }

    /** The templates are the thirty-fourth edition's: the edition changes questions as they are drawn, not templates. */
    @Test
    void noFamilyAddsATemplate() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_FOURTH, THIRTY_FIFTH)
                .forEach((family, added) -> assertEquals(List.of(), added, family.name()));
    }

    /**
     * The openings and closings are new training parts: none is an earlier training part or has a word that cues a
     * family or a side, none is or contains (in any
     * case) an opening or closing kept for the evaluation, and none has a word that only held-out templates or
     * held-out openings and closings use.
     */
    @Test
    void courtesiesAreNewTrainingPartsWithNoHeldOutWords() {
        List<String> courtesies = Stream.concat(COURTESIES.openings().stream(), COURTESIES.closings().stream()).toList();
        assertEquals(courtesies.size(), Set.copyOf(courtesies).size(), "an opening or closing twice");
        List<String> heldOutParts = Stream.concat(SurfaceForms.HELD_OUT_PREFIXES.stream(),
                SurfaceForms.HELD_OUT_SUFFIXES.stream()).map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
        Set<String> trainingWords = new HashSet<>(THIRTY_FIFTH.templateWords(p -> !p.heldOut()));
        Stream.concat(SurfaceForms.TRAINING_PREFIXES.stream(), SurfaceForms.TRAINING_SUFFIXES.stream())
                .forEach(p -> trainingWords.addAll(lowercaseWords(p)));
        Set<String> heldOutOnly = new HashSet<>(THIRTY_FIFTH.templateWords(Phrasing::heldOut));
        heldOutParts.forEach(p -> heldOutOnly.addAll(lowercaseWords(p)));
        heldOutOnly.removeAll(trainingWords);
        assertTrue(heldOutOnly.containsAll(Set.of("dear", "assistant", "cheers", "could")), heldOutOnly.toString());
        for (String c : courtesies) {
            assertFalse(SurfaceForms.TRAINING_PREFIXES.contains(c) || SurfaceForms.TRAINING_SUFFIXES.contains(c), c);
            String lower = c.toLowerCase(Locale.ROOT);
            heldOutParts.forEach(h -> assertFalse(lower.contains(h), c + " contains " + h));
            lowercaseWords(c).forEach(w -> assertFalse(heldOutOnly.contains(w), w + " of '" + c + "' is held out only"));
        }
        for (String c : courtesies) {
            lowercaseWords(c).forEach(w -> assertFalse(CUES.contains(w), w + " of '" + c + "' cues a family or a side"));
        }
        COURTESIES.openings().forEach(o -> assertTrue(o.endsWith(" ") && !o.startsWith(" "), "'" + o + "'"));
        COURTESIES.closings().forEach(c -> assertTrue(c.startsWith(" ") && !c.endsWith(" "), "'" + c + "'"));
    }

    /**
     * About one question in three changes, always the same way; a changed question is the question itself with an
     * opening before it, a closing after it, or both; a question that ends in a training closing gets no second one.
     */
    @Test
    void aQuestionGetsAnOpeningAClosingOrBothAboutOneTimeInThree() {
        int changed = 0;
        int[] kinds = new int[3];
        for (int n = 0; n < 3_000; n++) {
            String question = "Is " + n + " prime?";
            String asked = COURTESIES.around(question);
            assertEquals(asked, COURTESIES.around(question), "drawn from the question's own text");
            if (asked.equals(question)) {
                continue;
            }
            changed++;
            int at = asked.indexOf(question);
            assertTrue(at >= 0, asked);
            String opening = asked.substring(0, at);
            String closing = asked.substring(at + question.length());
            assertTrue(opening.isEmpty() || COURTESIES.openings().contains(opening), asked);
            assertTrue(closing.isEmpty() || COURTESIES.closings().contains(closing), asked);
            kinds[opening.isEmpty() ? 1 : closing.isEmpty() ? 0 : 2]++;
        }
        assertTrue(changed > 850 && changed < 1_150, changed + " of 3000 changed");
        for (int kind : kinds) {
            assertTrue(kind > 230, java.util.Arrays.toString(kinds));
        }
        for (String closing : SurfaceForms.TRAINING_SUFFIXES) {
            for (int n = 0; n < 300; n++) {
                String question = "Is " + n + " prime?" + closing;
                String asked = COURTESIES.around(question);
                assertTrue(asked.endsWith(question), asked);
            }
        }
    }

    /**
     * A training set draws the thirty-fourth edition's problems, in the same order, with the same answers, and a first
     * turn with the same response (the courtesies do not advance the random stream; a later turn's re-check may show
     * another wrong answer, drawn from the earlier question's text); a changed question is the thirty-fourth edition's with an
     * opening, a closing or both, in every family, out-of-scope questions included, never read as a held-out template,
     * and an in-scope one is answered as an independent solver answers it.
     */
    @Test
    void trainingQuestionsGainOpeningsAndClosingsAndKeepTheirProblemsAndResponses() {
        assertCourtesiesAround(THIRTY_FOURTH, THIRTY_FIFTH, COURTESIES, 0.2, 0.45);
    }

    /**
     * {@code later}'s training set is {@code earlier}'s with {@code courtesies} around a share of each family's first
     * turns between {@code low} and {@code high}, as {@link
     * #trainingQuestionsGainOpeningsAndClosingsAndKeepTheirProblemsAndResponses} states; with openings, at least 300
     * questions get an opening and a closing.
     */
    static void assertCourtesiesAround(Teacher earlier, Teacher later, Courtesies courtesies, double low, double high) {
        List<Problem> before = earlier.trainingSet(6_000, 35);
        List<Problem> after = later.trainingSet(6_000, 35);
        Map<String, Predicate<String>> heldOut = ThirtyFirstEditionTeacherTest.heldOutReaders(later);
        Map<String, Integer> changed = new HashMap<>();
        Map<String, Integer> asked = new HashMap<>();
        int both = 0;
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Problem was = before.get(i);
            Problem p = after.get(i);
            assertEquals(was.key(), p.key(), i + ": " + p.question());
            assertEquals(was.answer(), p.answer(), p.question());
            assertEquals(was.turns(), p.turns(), p.question());
            if (!p.context().isEmpty()) {
                continue;
            }
            assertEquals(was.response(), p.response(), p.question());
            asked.merge(p.family(), 1, Integer::sum);
            if (was.question().equals(p.question())) {
                continue;
            }
            changed.merge(p.family(), 1, Integer::sum);
            int at = p.question().indexOf(was.question());
            assertTrue(at >= 0, was.question() + " → " + p.question());
            String opening = p.question().substring(0, at);
            String closing = p.question().substring(at + was.question().length());
            assertTrue(opening.isEmpty() || courtesies.openings().contains(opening), p.question());
            assertTrue(closing.isEmpty() || courtesies.closings().contains(closing), p.question());
            if (!opening.isEmpty() && !closing.isEmpty()) {
                both++;
            }
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            if (!p.family().equals("out-of-scope")) {
                ThirtyThirdEditionTeacherTest.assertAnsweredAsItsFamily(p);
            }
        }
        assertEquals(asked.keySet(), changed.keySet(), changed.toString());
        changed.forEach((family, n) -> {
            double share = n / (double) asked.get(family);
            assertTrue(share > low && share < high, family + ": " + n + " of " + asked.get(family) + " changed");
        });
        if (!courtesies.openings().isEmpty()) {
            assertTrue(both >= 300, both + " questions with an opening and a closing");
        }
    }

    /** Evaluation problems and out-of-scope questions are drawn as the eighth edition draws them. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_FIFTH, 8, 1);
    }

    private static Set<String> lowercaseWords(String text) {
        return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(MatchResult::group)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
