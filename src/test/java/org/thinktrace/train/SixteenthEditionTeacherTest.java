package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sixteenth edition of the teacher: the fifteenth edition with word problems also asked as a setup and a question,
 * trained for 25,000 steps; every other family, and the evaluation, unchanged.
 */
class SixteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FIFTEENTH = Teacher.of(TeacherEdition.FIFTEENTH);
    private static final Teacher SIXTEENTH = Teacher.of(TeacherEdition.SIXTEENTH);

    @Test
    void theSixteenthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "sixteenth-edition", TeacherEdition.SIXTEENTH, 16, 25_000,
                Set.of("word-problem"));
    }

    @Test
    void wordProblemsGainTrainingTemplatesAndKeepTheirHeldOutOnes() {
        List<Phrasing> before = new WordProblemFamily(TeacherEdition.FIFTEENTH).phrasings();
        List<Phrasing> after = new WordProblemFamily(TeacherEdition.SIXTEENTH).phrasings();
        assertEquals(before.stream().filter(Phrasing::heldOut).toList(), after.stream().filter(Phrasing::heldOut).toList());
        assertTrue(after.containsAll(before), "every earlier template stays");
        List<Phrasing> added = after.stream().filter(p -> !before.contains(p)).toList();
        assertTrue(added.size() >= 5 * 15, added.size() + " new templates");
        assertTrue(added.stream().noneMatch(Phrasing::heldOut));
        List<Phrasing> heldOut = after.stream().filter(Phrasing::heldOut).toList();
        for (Phrasing p : added) {
            String filled = p.pattern().replace("{who}", "Tom").replace("{friend}", "Anna").replace("{items}", "pens")
                    .replace("{one}", "pen").replace("{count}", "7").replace("{price}", "3").replace("{money}", "40")
                    .replace("{had}", "31").replace("{given}", "12").replace("{got}", "12").replace("{total}", "48")
                    .replace("{people}", "4");
            assertFalse(filled.contains("{"), "every placeholder is one the family fills: " + p.pattern());
            assertTrue(heldOut.stream().noneMatch(h -> h.reads(filled)), "reads as a held-out template: " + filled);
        }
    }

    @Test
    void theNewQuestionsAreSharedBetweenKindsSoTheSetupDecides() {
        Map<String, Set<String>> kindsByQuestion = new HashMap<>();
        for (Phrasing p : new WordProblemFamily(TeacherEdition.SIXTEENTH).phrasings()) {
            if (p.name().startsWith("sentences-")) {
                String question = p.pattern().substring(p.pattern().lastIndexOf(". ") + 2);
                kindsByQuestion.computeIfAbsent(question, q -> new HashSet<>()).add(kindOf(p.pattern()));
            }
        }
        Set<String> shared = kindsByQuestion.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals(Set.of("give away", "receive"), kindsByQuestion.get("How many does {who} have now?"));
        assertEquals(Set.of("buy with change", "give away", "receive"), kindsByQuestion.get("What does {who} have now?"));
        assertEquals(5, kindsByQuestion.get("What is the answer?").size());
        assertEquals(3, shared.size(), "shared: " + shared);
    }

    @Test
    void trainingWordProblemsAreOftenAskedInTheNewSentencesAndAnswerTheirOwnNumbers() {
        int wordProblems = 0;
        int sentences = 0;
        for (Problem p : SIXTEENTH.trainingSet(6_000, 16)) {
            if (!p.family().equals("word-problem")) {
                continue;
            }
            wordProblems++;
            sentences += p.phrasing().startsWith("sentences-") ? 1 : 0;
            assertEquals(answerOf(p.key()), p.answer(), p.key() + ": " + p.question());
        }
        assertTrue(wordProblems > 300, wordProblems + " word problems");
        assertTrue(sentences > wordProblems / 5, sentences + " of " + wordProblems + " asked in the new sentences");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, SIXTEENTH, 8, 1);
    }

    /** The answer a word problem's key calls for, computed from the key alone ({@code share:48/4} is 12). */
    private static String answerOf(String key) {
        String kind = key.substring(0, key.indexOf(':'));
        int[] n = java.util.Arrays.stream(key.substring(kind.length() + 1).split("[-+x/:]")).mapToInt(Integer::parseInt).toArray();
        return String.valueOf(switch (kind) {
            case "buy" -> n[0] * n[1];
            case "change" -> n[0] - n[1] * n[2];
            case "give" -> n[0] - n[1];
            case "receive" -> n[0] + n[1];
            case "share" -> n[0] / n[1];
            default -> throw new IllegalArgumentException("a key this test does not read: " + key);
        });
    }

    /** The kind of word problem a template asks, told by the values it names. */
    private static String kindOf(String pattern) {
        if (pattern.contains("{money}")) {
            return "buy with change";
        }
        if (pattern.contains("{count}")) {
            return "buy";
        }
        if (pattern.contains("{given}")) {
            return "give away";
        }
        return pattern.contains("{got}") ? "receive" : "share";
    }
}
