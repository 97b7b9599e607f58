package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The eighteenth edition of the teacher: the seventeenth edition with words no template uses put into a quarter of the
 * training questions, everything else (answers, traces, the evaluation) unchanged.
 */
class EighteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher SEVENTEENTH = Teacher.of(TeacherEdition.SEVENTEENTH);
    private static final Teacher EIGHTEENTH = Teacher.of(TeacherEdition.EIGHTEENTH);
    private static final FillerWords FILLERS = new FillerWords(EIGHTEENTH.templateWords(p -> true));

    @Test
    void theEighteenthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "eighteenth-edition", TeacherEdition.EIGHTEENTH, 18,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
    }

    /**
     * Each training problem is the seventeenth edition's, asked with a filler put in where its question is varied (not a
     * follow-up's own words); about a quarter of the questions change.
     */
    @Test
    void trainingAsksTheSeventeenthEditionsProblemsWithFillersPutIn() {
        List<Problem> before = SEVENTEENTH.trainingSet(4_000, 18);
        List<Problem> after = EIGHTEENTH.trainingSet(4_000, 18);
        int changed = 0;
        int otherwise = 0;
        for (int i = 0; i < before.size(); i++) {
            Problem a = before.get(i);
            Problem b = after.get(i);
            assertEquals(a.key(), b.key());
            assertEquals(a.response(), b.response());
            assertEquals(a.answer(), b.answer());
            assertEquals(a.context().size(), b.context().size());
            for (int t = 0; t < a.context().size(); t++) {
                String earlier = a.context().get(t).question();
                assertEquals(a.context().get(t).response(), b.context().get(t).response());
                assertTrue(List.of(earlier, FILLERS.into(earlier, false), FILLERS.into(earlier, true)).contains(b.context().get(t).question()),
                        earlier + " -> " + b.context().get(t).question());
            }
            String expected = FILLERS.into(a.question(), a.family().equals("letter-count"));
            // a follow-up's own words ("Now add 7 to that.") are not varied, so they gain no filler; where the seventeenth
            // edition asked plainly because its varied question read as a held-out template, the eighteenth's may not
            boolean asExpected = b.question().equals(expected) || b.question().equals(a.question());
            otherwise += asExpected ? 0 : 1;
            changed += a.question().equals(b.question()) ? 0 : 1;
        }
        assertTrue(otherwise <= before.size() / 200, otherwise + " questions neither the seventeenth's nor filled");
        assertTrue(changed > before.size() / 8 && changed < before.size() / 3, changed + " of " + before.size() + " changed");
    }

    @Test
    void aFillerGoesBeforeACueWordAndANounStandsForNumberButNeverInALetterCount() {
        List<String> plain = List.of("what", "is", "the", "largest", "number");
        int changed = 0;
        int nouns = 0;
        for (int i = 0; i < 400; i++) {
            String question = "What is the largest number in " + i + ", 7, 58?";
            String filled = FILLERS.into(question, false);
            if (filled.equals(question)) {
                continue;
            }
            changed++;
            assertTrue(filled.endsWith(" in " + i + ", 7, 58?"), filled);
            List<String> words = new java.util.ArrayList<>(List.of(filled.substring(0, filled.indexOf(" in "))
                    .toLowerCase(java.util.Locale.ROOT).split(" ")));
            assertEquals(6, words.size(), "one filler: " + filled);
            int at = java.util.stream.IntStream.range(0, 6).filter(w -> FILLERS.fillers().contains(words.get(w))).findFirst().orElseThrow();
            assertTrue(SurfaceForms.mistypable().contains(words.get(at + 1)),
                    "the filler stands before a cue word: " + filled);
            words.remove(at);
            if (!words.get(4).equals("number")) {
                nouns++;
                assertTrue(FILLERS.nouns().stream().anyMatch(pair -> pair.get(0).equals(words.get(4))), filled);
                words.set(4, "number");
            }
            assertEquals(plain, words, filled);
        }
        assertTrue(changed > 60 && changed < 160 && nouns > 20 && nouns < changed, changed + " changed, " + nouns + " nouns swapped");
        int atStart = 0;
        for (int i = 0; i < 400; i++) {
            String filled = FILLERS.into("Sort " + i + ", 3", false);
            if (!filled.equals("Sort " + i + ", 3")) {
                atStart++;
                String first = filled.substring(0, filled.indexOf(' '));
                assertTrue(Character.isUpperCase(first.charAt(0)) && FILLERS.fillers().contains(first.toLowerCase(java.util.Locale.ROOT)), filled);
                assertEquals(first + " sort " + i + ", 3", filled);
            }
            assertTrue(FILLERS.into("How many e's are in number? " + i, true).endsWith(" in number? " + i), "a letter count's word stays");
        }
        assertTrue(atStart > 60, atStart + " fillers at the start");
    }

    @Test
    void noFillerOrNounIsAWordOfAnyTemplate() {
        Set<String> templateWords = EIGHTEENTH.templateWords(p -> true);
        assertTrue(templateWords.contains("value"), "held-out words are template words");
        assertTrue(FILLERS.fillers().stream().noneMatch(templateWords::contains), FILLERS.fillers().toString());
        assertTrue(FILLERS.nouns().stream().flatMap(List::stream).noneMatch(templateWords::contains), FILLERS.nouns().toString());
        assertTrue(FILLERS.fillers().size() >= 20, FILLERS.fillers().toString());
        assertTrue(FILLERS.nouns().size() >= 4, FILLERS.nouns().toString());
        assertNotEquals(FillerWords.FILLERS.size(), FILLERS.fillers().size(), "some listed fillers are template words and left out");
        assertFalse(TeacherEdition.EIGHTEENTH.countsPrimeDivisionsAndVariesQuotes());
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, EIGHTEENTH, 8, 1);
    }
}
