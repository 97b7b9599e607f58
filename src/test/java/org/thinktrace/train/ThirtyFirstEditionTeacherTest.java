package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The thirty-first edition of the teacher: the thirtieth edition with training questions also asked in more kinds of
 * sentence (products as groups of things, sums as two prices, sharing with the people named first, more letter-count
 * requests), kept apart from the held-out templates by the fourth edition's rule and by their words.
 */
class ThirtyFirstEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTIETH = Teacher.of(TeacherEdition.THIRTIETH);
    private static final Teacher THIRTY_FIRST = Teacher.of(TeacherEdition.THIRTY_FIRST);
    /** The families that gain templates, and the prefix of the new templates' names in each. */
    private static final Map<String, String> NEW_TEMPLATES = Map.of(
            "multiplication", "groups-", "addition", "prices-", "letter-count", "requests-", "word-problem", "people-first-");
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    /** A word as {@link FourthEditionTeacherTest#runs} counts one. */
    private static final Pattern RUN_WORD = Pattern.compile("[a-z']+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void theThirtyFirstEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-first-edition", TeacherEdition.THIRTY_FIRST,
                31, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count"));
        assertEquals("thirty-first", TeacherEdition.THIRTY_FIRST.label());
        assertTrue(TeacherEdition.THIRTY_FIRST.asksInMoreKindsOfSentence());
        assertFalse(TeacherEdition.THIRTIETH.asksInMoreKindsOfSentence());
        assertTrue(TeacherEdition.THIRTY_FIRST.asksPolitelyAndInOtherUnits());
        assertTrue(TeacherEdition.THIRTY_FIRST.showsFarOffWrongAnswers());
        assertTrue(TeacherEdition.THIRTY_FIRST.rechecksWrongAnswersMoreOften());
    }

    /** Every family keeps the thirtieth edition's templates; four families add training templates, none held out. */
    @Test
    void fourFamiliesAddTrainingTemplatesOnly() {
        addedTemplates(THIRTIETH, THIRTY_FIRST).forEach((family, added) -> {
            String prefix = NEW_TEMPLATES.get(family.name());
            if (prefix == null) {
                assertEquals(List.of(), added, family.name());
            } else {
                assertTrue(added.size() >= 30, added.size() + " templates added to " + family.name());
                added.forEach(p -> assertTrue(p.name().startsWith(prefix) && !p.heldOut(), p.toString()));
            }
        });
    }

    /**
     * The rule that keeps held-out templates honest: no added template, with any training opening and closing, shares
     * four words in a row with a held-out template of any family that no thirtieth-edition training template shares
     * already ("tell me how many" after the opening "Tell me:"), and none uses a word that only held-out templates
     * use ("seats", "kids", "fairly", "euros", "appears", "contain", …).
     */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        assertTrue(heldOutOnlyWords(THIRTIETH).containsAll(Set.of("seats", "kids", "fairly", "euros", "appears", "contain")),
                heldOutOnlyWords(THIRTIETH).toString());
        assertEquals(List.of(), heldOutOverlaps(THIRTIETH, allAddedTemplates(THIRTIETH, THIRTY_FIRST)));
    }

    /**
     * The templates each family of {@code later} adds to the same family of {@code earlier}, keyed by {@code later}'s
     * family in the teachers' order; asserts that every family keeps all of its earlier templates.
     */
    static Map<TaskFamily, List<Phrasing>> addedTemplates(Teacher earlier, Teacher later) {
        Map<TaskFamily, List<Phrasing>> out = new LinkedHashMap<>();
        for (int f = 0; f < earlier.shares().size(); f++) {
            TaskFamily after = later.shares().get(f).family();
            out.put(after, addedTemplates(earlier.shares().get(f).family(), after));
        }
        return out;
    }

    /** The templates {@code after} adds to {@code before}'s, in order, asserting that it keeps all of {@code before}'s. */
    static List<Phrasing> addedTemplates(TaskFamily before, TaskFamily after) {
        assertTrue(after.phrasings().containsAll(before.phrasings()), after.name());
        return after.phrasings().stream().filter(p -> !before.phrasings().contains(p)).toList();
    }

    /**
     * Asserts that of the families, only {@code familyName} adds templates from {@code earlier} to {@code later}, each a
     * training template named under one of {@code prefixes}, at least {@code atLeastEach} under every prefix.
     */
    static void assertOnlyAddsTrainingTemplatesUnder(Teacher earlier, Teacher later, String familyName,
                                                     List<String> prefixes, int atLeastEach) {
        addedTemplates(earlier, later).forEach((family, added) -> {
            if (!family.name().equals(familyName)) {
                assertEquals(List.of(), added, family.name());
                return;
            }
            added.forEach(p -> assertTrue(prefixes.stream().anyMatch(p.name()::startsWith) && !p.heldOut(), p.toString()));
            prefixes.forEach(prefix -> assertTrue(added.stream().filter(p -> p.name().startsWith(prefix)).count()
                    >= atLeastEach, prefix));
        });
    }

    /** {@link #addedTemplates}, every family's in one list. */
    static List<Phrasing> allAddedTemplates(Teacher earlier, Teacher later) {
        return addedTemplates(earlier, later).values().stream().flatMap(List::stream).toList();
    }

    /**
     * What of {@code added} the rule forbids against {@code earlier}'s templates: each run of four words that a template
     * of {@code added}, with any training opening and closing, shares with a held-out template of any family and that no
     * training template of {@code earlier} shares already, and each word of it that only held-out templates use; empty
     * when the rule holds.
     */
    static List<String> heldOutOverlaps(Teacher earlier, List<Phrasing> added) {
        Map<String, String> heldOutRuns = new HashMap<>();
        Set<String> alreadyInTraining = new HashSet<>();
        for (Teacher.FamilyShare s : earlier.shares()) {
            for (Phrasing p : s.family().phrasings()) {
                if (p.heldOut()) {
                    FourthEditionTeacherTest.runs(p.pattern()).forEach(run -> heldOutRuns.put(run, p.name()));
                } else {
                    alreadyInTraining.addAll(runsWithOpeningsAndClosings(p.pattern()));
                }
            }
        }
        Set<String> heldOutWords = heldOutOnlyWords(earlier);
        List<String> found = new ArrayList<>();
        for (Phrasing p : added) {
            runsWithOpeningsAndClosings(p.pattern()).stream()
                    .filter(run -> heldOutRuns.containsKey(run) && !alreadyInTraining.contains(run))
                    .forEach(run -> found.add("'" + run + "' of " + heldOutRuns.get(run) + " in " + p.pattern()));
            words(p.pattern()).stream().filter(heldOutWords::contains).forEach(w -> found.add(w + " in " + p.pattern()));
        }
        return found.stream().distinct().toList();
    }

    /**
     * Each family's held-out templates of {@code teacher}, as one reader of any of them ({@link Phrasing#readerOfAny}), by
     * family name.
     */
    static Map<String, java.util.function.Predicate<String>> heldOutReaders(Teacher teacher) {
        return teacher.shares().stream().map(Teacher.FamilyShare::family).collect(Collectors.toMap(TaskFamily::name,
                f -> Phrasing.readerOfAny(f.phrasings().stream().filter(Phrasing::heldOut).toList())));
    }

    /** The words of {@code teacher}'s held-out templates that none of its training templates uses. */
    static Set<String> heldOutOnlyWords(Teacher teacher) {
        Set<String> heldOutWords = new HashSet<>();
        Set<String> trainingWords = new HashSet<>();
        teacher.shares().forEach(s -> s.family().phrasings()
                .forEach(p -> (p.heldOut() ? heldOutWords : trainingWords).addAll(words(p.pattern()))));
        heldOutWords.removeAll(trainingWords);
        return heldOutWords;
    }

    /**
     * Training sets ask problems in the added templates in every family that has them, each asking its own problem
     * (the key's numbers, or its letter and word, in the question) and answered by an independent solver's answer; none
     * reads as a held-out template of its family.
     */
    @Test
    void trainingQuestionsInTheAddedTemplatesAskAndAnswerTheirOwnProblems() {
        List<Problem> training = THIRTY_FIRST.trainingSet(4_000, 31);
        Map<String, Integer> asked = new HashMap<>();
        Map<String, java.util.function.Predicate<String>> heldOut = heldOutReaders(THIRTY_FIRST);
        for (Problem p : training) {
            if (!p.context().isEmpty()) {
                continue;
            }
            String prefix = NEW_TEMPLATES.get(p.family());
            if (prefix == null || !p.phrasing().startsWith(prefix)) {
                continue;
            }
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            asked.merge(p.family(), 1, Integer::sum);
            assertEquals(FourthEditionTeacherTest.independentAnswer(p), p.answer(), p.question());
            assertAsksItsOwnProblem(p);
        }
        assertEquals(NEW_TEMPLATES.keySet(), asked.keySet(), asked.toString());
        asked.forEach((family, n) -> assertTrue(n >= 10, n + " " + family + " questions in the added templates"));
    }

    /** Evaluation problems are asked in the earlier templates: the evaluation is the eighth edition's. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_FIRST, 8, 1);
    }

    /** Asserts that {@code p} asks its own problem: its letter and word, or its key's numbers, stand in the question. */
    static void assertAsksItsOwnProblem(Problem p) {
        String question = p.question().toLowerCase(Locale.ROOT);
        if (p.family().equals("letter-count")) {
            String[] key = p.key().split(":");
            assertTrue(question.contains(key[2]), p.key() + " / " + p.question());
            assertTrue(words(question.replace(key[2], " ")).contains(key[1])
                    || question.contains(key[1] + "'s") || question.contains(" " + key[1] + " "), p.key() + " / " + p.question());
            return;
        }
        List<Integer> inKey = numbers(p.key());
        List<Integer> inQuestion = numbers(question);
        assertEquals(inKey.stream().sorted().toList(), inQuestion.stream().sorted().toList(), p.key() + " / " + p.question());
    }

    /**
     * Every four-word run of {@code template} asked plainly or with any training opening and closing. A run can take
     * words from both an opening and a closing only when all of the template lies between them, two words at most; for
     * longer templates the openings and the closings are tried one side at a time.
     */
    private static Set<String> runsWithOpeningsAndClosings(String template) {
        return RUNS_WITH_OPENINGS_AND_CLOSINGS.computeIfAbsent(template, ThirtyFirstEditionTeacherTest::runsAroundOnce);
    }

    /**
     * {@link #runsWithOpeningsAndClosings} of each template already asked in this test JVM: most templates are every
     * edition's, and {@link #heldOutOverlaps} reads all of an edition's.
     */
    private static final Map<String, Set<String>> RUNS_WITH_OPENINGS_AND_CLOSINGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> runsAroundOnce(String template) {
        List<String> openings = Teacher.concat(List.of(""), SurfaceForms.TRAINING_PREFIXES);
        List<String> closings = Teacher.concat(List.of(""), SurfaceForms.TRAINING_SUFFIXES);
        Set<String> out = new HashSet<>();
        if (RUN_WORD.matcher(template.toLowerCase(Locale.ROOT).replaceAll("\\{[a-z-]+}", " ")).results().count() <= 2) {
            for (String open : openings) {
                for (String close : closings) {
                    out.addAll(FourthEditionTeacherTest.runs(open + template + close));
                }
            }
            return Set.copyOf(out);
        }
        openings.forEach(open -> out.addAll(FourthEditionTeacherTest.runs(open + template)));
        closings.forEach(close -> out.addAll(FourthEditionTeacherTest.runs(template + close)));
        return Set.copyOf(out);
    }

    private static Set<String> words(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replaceAll("\\{[a-z-]+}", " "));
        Set<String> out = new HashSet<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<Integer> numbers(String text) {
        return NUMBER.matcher(text).results().map(r -> Integer.parseInt(r.group())).toList();
    }
}
