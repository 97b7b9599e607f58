package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The thirty-eighth edition of the teacher: the thirty-seventh edition with training questions that put a decoy before
 * what is asked (letter counts with another word of the list before the word to count in, word problems in which
 * someone else takes part of the owner's things) and sharing problems that fill containers.
 */
class ThirtyEighthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_SEVENTH = Teacher.of(TeacherEdition.THIRTY_SEVENTH);
    private static final Teacher THIRTY_EIGHTH = Teacher.of(TeacherEdition.THIRTY_EIGHTH);
    /** The prefixes of the added templates' names, by family. */
    private static final Map<String, List<String>> NEW_TEMPLATES = Map.of(
            "letter-count", List.of("decoys-"), "word-problem", List.of("others-take-", "containers-"));

    @Test
    void theThirtyEighthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-eighth-edition", TeacherEdition.THIRTY_EIGHTH,
                38, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-eighth", TeacherEdition.THIRTY_EIGHTH.label());
        assertTrue(TeacherEdition.THIRTY_EIGHTH.asksPastDecoysAndIntoContainers());
        assertFalse(TeacherEdition.THIRTY_SEVENTH.asksPastDecoysAndIntoContainers());
        assertTrue(TeacherEdition.THIRTY_EIGHTH.closesWithThanksOnly());
        assertTrue(TeacherEdition.THIRTY_EIGHTH.swapsNounsAndConnectors());
        assertTrue(TeacherEdition.THIRTY_EIGHTH.asksInMoreKindsOfSentence());
    }

    /**
     * Letter counts and word problems add training templates only, under their prefixes; many letter counts name a
     * decoy word, and every other family keeps its templates.
     */
    @Test
    void twoFamiliesAddTrainingTemplatesOnly() {
        Map<TaskFamily, List<Phrasing>> addedByFamily = ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_SEVENTH,
                THIRTY_EIGHTH);
        addedByFamily.forEach((family, added) -> {
            List<String> prefixes = NEW_TEMPLATES.get(family.name());
            if (prefixes == null) {
                assertEquals(List.of(), added, family.name());
                return;
            }
            assertTrue(added.size() >= 40, added.size() + " templates added to " + family.name());
            added.forEach(p -> assertTrue(prefixes.stream().anyMatch(p.name()::startsWith) && !p.heldOut(), p.toString()));
            prefixes.forEach(prefix -> assertTrue(added.stream().filter(p -> p.name().startsWith(prefix)).count() >= 8,
                    prefix + " in " + family.name()));
        });
        long withDecoy = addedByFamily.entrySet().stream().filter(e -> e.getKey().name().equals("letter-count"))
                .flatMap(e -> e.getValue().stream()).filter(p -> p.pattern().contains("{other}")).count();
        assertTrue(withDecoy >= 20, withDecoy + " letter-count templates name a decoy word");
    }

    /**
     * The thirty-first edition's rule holds for the added templates: no four-word run shared with a held-out template
     * that training templates do not share already, no word that only held-out templates use ("occurrences",
     * "packed"); and none uses "takes", the verb of the held-out word problem whose reading they teach.
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        Set<String> heldOutOnly = ThirtyFirstEditionTeacherTest.heldOutOnlyWords(THIRTY_SEVENTH);
        assertTrue(heldOutOnly.containsAll(Set.of("occurrences", "packed")), heldOutOnly.toString());
        List<Phrasing> added = ThirtyFirstEditionTeacherTest.allAddedTemplates(THIRTY_SEVENTH, THIRTY_EIGHTH);
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(THIRTY_SEVENTH, added));
        added.forEach(p -> assertFalse(p.pattern().toLowerCase(Locale.ROOT).contains("takes"), p.pattern()));
    }

    /** A decoy is another word of the list, the same for the same word and letter, and many words serve as one. */
    @Test
    void aDecoyIsAnotherWordOfTheListChosenByTheWordAndTheLetter() {
        Set<String> decoys = new HashSet<>();
        for (String word : LetterCountFamily.WORDS) {
            for (char letter = 'a'; letter <= 'z'; letter++) {
                String decoy = LetterCountFamily.decoyFor(word, letter);
                assertNotEquals(word, decoy);
                assertTrue(LetterCountFamily.WORDS.contains(decoy), decoy);
                assertEquals(decoy, LetterCountFamily.decoyFor(word, letter));
                decoys.add(decoy);
            }
        }
        assertTrue(decoys.size() > LetterCountFamily.WORDS.size() / 2, decoys.size() + " words serve as decoys");
    }

    /**
     * Training sets ask problems in the added templates, each asking its own problem and answered by an independent
     * solver; a letter count counts in its word, not in the decoy it names, and none reads as a held-out template.
     */
    @Test
    void trainingQuestionsInTheAddedTemplatesAskAndAnswerTheirOwnProblems() {
        Map<String, Predicate<String>> heldOut = ThirtyFirstEditionTeacherTest.heldOutReaders(THIRTY_EIGHTH);
        Map<String, Integer> asked = new HashMap<>();
        int decoysNamed = 0;
        for (Problem p : THIRTY_EIGHTH.trainingSet(4_000, 38)) {
            List<String> prefixes = NEW_TEMPLATES.get(p.family());
            if (!p.context().isEmpty() || prefixes == null) {
                continue;
            }
            String prefix = prefixes.stream().filter(p.phrasing()::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                continue;
            }
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            assertEquals(FourthEditionTeacherTest.independentAnswer(p), p.answer(), p.question());
            ThirtyFirstEditionTeacherTest.assertAsksItsOwnProblem(p);
            asked.merge(prefix, 1, Integer::sum);
            if (p.family().equals("letter-count")) {
                String[] key = p.key().split(":");
                String decoy = LetterCountFamily.decoyFor(key[2], key[1].charAt(0));
                if (p.question().toLowerCase(Locale.ROOT).contains(decoy)) {
                    decoysNamed++;
                    assertTrue(p.response().contains("Go through " + key[2] + " letter by letter"), p.response());
                }
            }
        }
        assertEquals(Set.of("decoys-", "others-take-", "containers-"), asked.keySet(), asked.toString());
        asked.forEach((prefix, n) -> assertTrue(n >= 5, n + " questions in the " + prefix + " templates"));
        assertTrue(decoysNamed >= 10, decoysNamed + " letter counts name a decoy");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_EIGHTH, 8, 1);
    }
}
