package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seventeenth edition of the teacher: the fourteenth edition's traces and surface (not the fifteenth's), with the
 * sixteenth edition's word-problem sentences and lists also asked as requests whose frames sorts and statistics share,
 * trained for 25,000 steps; the evaluation unchanged.
 */
class SeventeenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher SEVENTEENTH = Teacher.of(TeacherEdition.SEVENTEENTH);
    private static final Set<String> WITH_NEW_TEMPLATES = Set.of("word-problem", "sorting", "list-statistics");
    /** The values a list question fills its template with ({@code plus} for sums only). */
    private static final Map<String, String> LIST = listWithPlus();

    private static Map<String, String> listWithPlus() {
        Map<String, String> values = new java.util.HashMap<>(SortingFamily.listValues(List.of(31, 7, 58)));
        values.put("plus", "31 + 7 + 58");
        return values;
    }

    @Test
    void theSeventeenthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "seventeenth-edition", TeacherEdition.SEVENTEENTH, 17,
                25_000, WITH_NEW_TEMPLATES);
    }

    /** Primality divides as the fourteenth edition does, and every family asks an evaluation problem as it did. */
    @Test
    void everyFamilyPosesAndSolvesTheFourteenthEditionsProblems() {
        List<Teacher.FamilyShare> fourteenth = Teacher.of(TeacherEdition.FOURTEENTH).shares();
        List<Teacher.FamilyShare> seventeenth = SEVENTEENTH.shares();
        for (int f = 0; f < fourteenth.size(); f++) {
            TaskFamily before = fourteenth.get(f).family();
            TaskFamily after = seventeenth.get(f).family();
            for (long seed = 0; seed < 300; seed++) {
                for (PhrasingSplit split : PhrasingSplit.values()) {
                    if (split == PhrasingSplit.HELD_OUT && !before.inScope()) {
                        continue;
                    }
                    assertEquals(before.generate(new SplittableRandom(seed), split),
                            after.generate(new SplittableRandom(seed), split), after.name() + " seed " + seed);
                }
                if (!WITH_NEW_TEMPLATES.contains(after.name())) {
                    assertEquals(before.generateForTraining(new SplittableRandom(seed), PhrasingSplit.TRAINING),
                            after.generateForTraining(new SplittableRandom(seed), PhrasingSplit.TRAINING), after.name());
                }
            }
        }
        String primality = new PrimalityFamily(TeacherEdition.SEVENTEENTH).generate(new SplittableRandom(3)).response();
        assertFalse(primality.contains("Last, "), primality);
    }

    /** The teacher varies questions and writes conversations as the fourteenth edition does: no quote marks varied. */
    @Test
    void theTeacherVariesQuestionsAsTheFourteenthEditionDoes() {
        Teacher seventeenthFamiliesFourteenthTeacher = Teacher.withShares(TeacherEdition.FOURTEENTH, SEVENTEENTH.shares());
        assertEquals(seventeenthFamiliesFourteenthTeacher.trainingSet(3_000, 17), SEVENTEENTH.trainingSet(3_000, 17));
        assertFalse(TeacherEdition.SEVENTEENTH.countsPrimeDivisionsAndVariesQuotes());
        assertTrue(TeacherEdition.SIXTEENTH.countsPrimeDivisionsAndVariesQuotes());
    }

    @Test
    void wordProblemsAreTrainedInTheSixteenthEditionsSentences() {
        assertEquals(new WordProblemFamily(TeacherEdition.SIXTEENTH).phrasings(),
                new WordProblemFamily(TeacherEdition.SEVENTEENTH).phrasings());
        for (long seed = 0; seed < 100; seed++) {
            assertEquals(new WordProblemFamily(TeacherEdition.SIXTEENTH).generateForTraining(new SplittableRandom(seed), PhrasingSplit.TRAINING),
                    new WordProblemFamily(TeacherEdition.SEVENTEENTH).generateForTraining(new SplittableRandom(seed), PhrasingSplit.TRAINING));
        }
    }

    /**
     * Every request frame is used by all five kinds of list question (ascending and descending sorts, minimums,
     * maximums, sums), so that only the words for what is asked tell them apart; no request reads as a held-out template.
     */
    @Test
    void requestFramesAreSharedByEveryKindOfListQuestionAndNoneReadsAsHeldOut() {
        List<Phrasing> sorting = new SortingFamily(TeacherEdition.SEVENTEENTH).phrasings();
        List<Phrasing> statistics = new ListStatisticsFamily(TeacherEdition.SEVENTEENTH).phrasings();
        for (List<Phrasing> family : List.of(sorting, statistics)) {
            List<Phrasing> earlier = family == sorting ? new SortingFamily(TeacherEdition.FOURTEENTH).phrasings()
                    : new ListStatisticsFamily(TeacherEdition.FOURTEENTH).phrasings();
            assertTrue(family.containsAll(earlier), "every earlier template stays");
            assertEquals(earlier.stream().filter(Phrasing::heldOut).toList(), family.stream().filter(Phrasing::heldOut).toList());
            List<Phrasing> heldOut = family.stream().filter(Phrasing::heldOut).toList();
            for (Phrasing p : family) {
                if (p.name().startsWith("requests-")) {
                    assertFalse(p.heldOut());
                    String filled = p.fill(LIST);
                    assertFalse(filled.contains("{"), "every placeholder is one the family fills: " + p.pattern());
                    assertTrue(heldOut.stream().noneMatch(h -> h.reads(filled)), "reads as a held-out template: " + filled);
                }
            }
        }
        for (int f = 0; f < SortingFamily.REQUEST_FRAMES.size(); f++) {
            String prefix = "requests-" + f + "-";
            assertEquals(2 * 5, sorting.stream().filter(p -> p.name().startsWith(prefix)).count(), "frame " + f);
            assertEquals(3 * 5, statistics.stream().filter(p -> p.name().startsWith(prefix)).count(), "frame " + f);
        }
    }

    @Test
    void trainingListsAreOftenAskedAsRequestsAndAnswerTheirOwnNumbers() {
        int lists = 0;
        int requests = 0;
        for (Problem p : SEVENTEENTH.trainingSet(6_000, 17)) {
            if (!p.family().equals("sorting") && !p.family().equals("list-statistics")) {
                continue;
            }
            lists++;
            requests += p.phrasing().startsWith("requests-") ? 1 : 0;
            assertEquals(expectedAnswer(p.key()), p.answer(), p.key() + ": " + p.question());
        }
        assertTrue(lists > 800, lists + " list questions");
        assertTrue(requests > lists / 5, requests + " of " + lists + " asked as requests");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, SEVENTEENTH, 8, 1);
    }

    /**
     * The answer a list question's key calls for, from the key alone: {@code max:31, 7, 58} is 58, {@code
     * sort:desc:31, 7, 58} is {@code 58, 31, 7}.
     */
    private static String expectedAnswer(String key) {
        String kind = key.startsWith("sort:") ? key.substring(0, key.indexOf(':', 5)) : key.substring(0, key.indexOf(':'));
        List<Integer> numbers = java.util.Arrays.stream(key.substring(kind.length() + 1).split(",\\s*"))
                .map(String::trim).map(Integer::valueOf).toList();
        java.util.Comparator<Integer> descending = java.util.Comparator.reverseOrder();
        return switch (kind) {
            case "sort:asc" -> SortingFamily.join(numbers.stream().sorted().toList());
            case "sort:desc" -> SortingFamily.join(numbers.stream().sorted(descending).toList());
            case "min" -> String.valueOf(numbers.stream().mapToInt(Integer::intValue).min().orElseThrow());
            case "max" -> String.valueOf(numbers.stream().mapToInt(Integer::intValue).max().orElseThrow());
            case "sum" -> String.valueOf(numbers.stream().mapToInt(Integer::intValue).sum());
            default -> throw new IllegalArgumentException("a key this test does not read: " + key);
        };
    }
}
