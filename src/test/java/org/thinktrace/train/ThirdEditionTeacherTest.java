package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thinktrace.train.FourthEditionTeacherTest.share;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The third edition of the teacher: training questions varied by {@link SurfaceForms} without
 * touching their numbers or values, held-out templates and held-out openings kept out of training,
 * held-out problems kept out of training, and every varied question still solved by the teacher's
 * own trace.
 */
class ThirdEditionTeacherTest {

    private static final Teacher THIRD = Teacher.of(TeacherEdition.THIRD);
    private static final Teacher SECOND = Teacher.of(TeacherEdition.SECOND);
    private static final List<Problem> TRAINING = THIRD.trainingSet(3000, 11);
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    @Test
    void theThirdEditionRecipeUsesTheThirdEditionAndTheSecondStaysReproducible() {
        assertEquals(TeacherEdition.THIRD, TrainingRecipe.thirdEdition().teacher());
        assertEquals(TeacherEdition.SECOND, TrainingRecipe.byId("second-edition").teacher());
        assertEquals(" --recipe second-edition", TrainingRecipe.secondEdition().trainArguments());
        assertEquals(TeacherEdition.THIRD, TeacherEdition.of(3));
    }

    @Test
    void variationChangesOnlyTemplateWords() {
        SplittableRandom rnd = new SplittableRandom(3);
        SurfaceForms training = SurfaceForms.of(PhrasingSplit.TRAINING);
        int changed = 0;
        for (Problem plain : SECOND.trainingSet(2000, 4)) {
            String varied = training.vary(rnd, plain.question());
            changed += varied.equals(plain.question()) ? 0 : 1;
            assertEquals(numbers(plain.question()), numbers(varied), varied);
            Set<String> kept = words(varied).stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            for (String w : words(plain.question())) {
                String lower = w.toLowerCase(Locale.ROOT);
                boolean mistypable = SurfaceForms.TYPOS.containsKey(lower);
                assertTrue(mistypable || kept.contains(lower), "'" + w + "' lost from \"" + plain.question() + "\" -> \"" + varied + "\"");
                if (!mistypable && (WeekdayFamily.DAYS.contains(w) || LetterCountFamily.WORDS.contains(w))) {
                    assertTrue(words(varied).contains(w), "value '" + w + "' changed in \"" + varied + "\"");
                }
            }
        }
        assertTrue(changed > 700 && changed < 1700, changed + " of 2000 questions varied");
    }

    @Test
    void noMistypedWordIsAValueOrAWordOfAHeldOutTemplate() {
        Set<String> heldOutWords = new HashSet<>();
        allFamilies().forEach(f -> f.phrasings().stream().filter(Phrasing::heldOut)
                .forEach(p -> words(p.pattern()).forEach(w -> heldOutWords.add(w.toLowerCase(Locale.ROOT)))));
        for (String key : SurfaceForms.TYPOS.keySet()) {
            assertFalse(LetterCountFamily.WORDS.contains(key), key + " is a letter-count word");
            assertFalse(WeekdayFamily.DAYS.stream().anyMatch(d -> d.equalsIgnoreCase(key)), key);
        }
        for (String typo : SurfaceForms.typoForms()) {
            assertFalse(heldOutWords.contains(typo), "training typo '" + typo + "' is a word of a held-out template");
        }
    }

    @Test
    void heldOutOpeningsAndClosingsNeverAppearInTraining() {
        Set<String> training = new HashSet<>(SurfaceForms.TRAINING_PREFIXES);
        training.addAll(SurfaceForms.TRAINING_SUFFIXES);
        for (String part : List.of(SurfaceForms.HELD_OUT_PREFIXES, SurfaceForms.HELD_OUT_SUFFIXES).stream()
                .flatMap(List::stream).toList()) {
            assertFalse(training.contains(part), part);
            String core = part.strip().replaceAll("[,.!:]+$", "").toLowerCase(Locale.ROOT);
            Pattern asWords = Pattern.compile("(?<![a-z])" + Pattern.quote(core) + "(?![a-z])");
            for (Problem p : TRAINING) {
                assertFalse(asWords.matcher(p.question().toLowerCase(Locale.ROOT)).find(), "'" + core + "' in training: " + p.question());
            }
        }
        List<Problem> heldOut = THIRD.heldOutPhrasingSet(20, 1);
        long opened = heldOut.stream().filter(p -> SurfaceForms.HELD_OUT_PREFIXES.stream()
                .anyMatch(pre -> p.question().startsWith(pre))).count();
        assertTrue(opened >= 20 && opened <= 70, opened + " of 200 held-out-phrasing questions open with a held-out prefix");
    }

    @Test
    void noTrainingQuestionReadsAsAHeldOutTemplateOrIsAHeldOutProblem() {
        Set<String> heldOutKeys = new HashSet<>();
        THIRD.evaluationSet(40, 1).forEach(p -> heldOutKeys.add(p.key()));
        THIRD.heldOutPhrasingSet(20, 1).forEach(p -> heldOutKeys.add(p.key()));
        Map<String, Map<String, Predicate<String>>> heldOut = new HashMap<>();
        allFamilies().forEach(f -> heldOut.put(f.name(), f.phrasings().stream().filter(Phrasing::heldOut)
                .collect(Collectors.toMap(Phrasing::name, Phrasing::reader))));
        for (Problem turn : TRAINING) {
            if (!turn.context().isEmpty()) {
                continue;
            }
            TaskFamily family = family(turn.family());
            Phrasing own = family.phrasings().stream().filter(t -> t.name().equals(turn.phrasing())).findFirst().orElseThrow();
            heldOut.get(family.name()).forEach((name, reads) -> {
                // A training template that itself reads as a held-out one (a wider second-edition
                // template such as "Can you sort {list} in increasing order?") is not a leak of variation.
                assertFalse(reads.test(turn.question()) && !reads.test(own.pattern()),
                        "\"" + turn.question() + "\" reads as held-out " + name);
            });
            if (family.inScope()) {
                assertEquals(DataSplit.TRAIN, turn.split(), turn.key());
                assertFalse(heldOutKeys.contains(turn.key()), turn.key());
            }
        }
    }

    @Test
    void aHeldOutTemplateIsReadWhateverItsCaseSpacingAndFinalPunctuation() {
        Phrasing held = Phrasing.heldOut("can-you-sort-bare", "Can you sort {list}?");
        assertTrue(held.reads("Can you sort 3, 1, 2?"));
        assertTrue(held.reads("can you  sort 3,1,2"));
        assertFalse(held.reads("Please can you sort 3, 1, 2?"));
        assertFalse(held.reads("Can you sort these: 3, 1, 2?"));
        assertFalse(Phrasing.heldOut("bare-star", "{a}*{b}").reads("2 * 192 = ?"));
    }

    @Test
    void everyVariedQuestionIsSolvedByTheTeachersOwnTrace() {
        int varied = 0;
        for (Problem p : TRAINING) {
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.question() + "\n" + p.response());
            varied += SurfaceForms.TRAINING_PREFIXES.stream().anyMatch(p.question()::startsWith) ? 1 : 0;
        }
        assertTrue(varied > 300, varied + " of 3000 training questions open with a prefix");
    }

    @Test
    void trainingQuestionsTakeManyMoreSurfaceFormsThanTheSecondEditions() {
        List<Problem> second = SECOND.trainingSet(3000, 11);
        long thirdForms = TRAINING.stream().filter(p -> p.context().isEmpty()).map(p -> shape(p.question())).distinct().count();
        long secondForms = second.stream().filter(p -> p.context().isEmpty()).map(p -> shape(p.question())).distinct().count();
        assertTrue(thirdForms > 1.5 * secondForms, thirdForms + " forms against " + secondForms);
    }

    @Test
    void thirdEditionSharesGiveMoreToTheFamiliesThatWereShort() {
        double weekday = share(THIRD, "weekday") / share(SECOND, "weekday");
        double decimal = share(THIRD, "decimal-comparison") / share(SECOND, "decimal-comparison");
        assertTrue(weekday > 1.5 && decimal > 1.2, weekday + " " + decimal);
        long weekdays = TRAINING.stream().filter(p -> p.family().equals("weekday")).count();
        assertEquals(3000 * share(THIRD, "weekday"), weekdays, 3000 * 0.03);
    }

    @Test
    void twoDigitWholePartsAreComparedDigitByDigit() {
        Pattern whole = Pattern.compile("Whole parts: (\\d+) and (\\d+); tens (\\d) and (\\d)(?:, ones (\\d) and (\\d))?, (equal|(\\d+) is larger)");
        SplittableRandom rnd = new SplittableRandom(5);
        TaskFamily decimals = new DecimalComparisonFamily(TeacherEdition.THIRD);
        int checked = 0;
        for (int i = 0; i < 400; i++) {
            Problem p = decimals.generate(rnd);
            String[] ab = p.key().substring("decimal:".length()).split(",");
            int wa = new java.math.BigDecimal(ab[0]).intValue();
            int wb = new java.math.BigDecimal(ab[1]).intValue();
            Matcher m = whole.matcher(p.response());
            if (Math.max(wa, wb) < 10) {
                assertFalse(p.response().contains("; tens"), p.response());
                continue;
            }
            assertTrue(m.find(), p.response());
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            assertEquals(List.of(Math.min(wa, wb), Math.max(wa, wb)), List.of(Math.min(x, y), Math.max(x, y)));
            assertEquals(x / 10 + "" + y / 10, m.group(3) + m.group(4));
            assertEquals(x / 10 == y / 10, m.group(5) != null, p.response());
            assertEquals(x == y ? null : String.valueOf(Math.max(x, y)), m.group(8), p.response());
            checked++;
        }
        assertTrue(checked > 100, checked + " comparisons with a two-digit whole part");
    }

    @Test
    void wholeWeeksStartFromTheDayAsked() {
        SplittableRandom rnd = new SplittableRandom(6);
        TaskFamily weekday = new WeekdayFamily(TeacherEdition.THIRD);
        int checked = 0;
        for (int i = 0; i < 600; i++) {
            Problem p = weekday.generate(rnd);
            Matcher key = Pattern.compile("weekday:(\\w+)([+-])(\\d+)").matcher(p.key());
            assertTrue(key.matches(), p.key());
            if (Integer.parseInt(key.group(3)) % 7 == 0) {
                String day = key.group(1);
                assertTrue(p.response().contains(day + " " + key.group(2) + " 0: whole weeks only, so it is the same day: "
                        + day + "."), p.response());
                assertEquals(day, p.answer());
                checked++;
            }
        }
        assertTrue(checked > 40, checked + " whole-week problems");
    }

    /** The question with every number as '#' and every list of numbers as one '#'. */
    private static String shape(String question) {
        return NUMBER.matcher(question).replaceAll("#").replaceAll("#(?:[ ,\\n]+(?:and )?#)+", "#");
    }

    private static List<String> numbers(String s) {
        return all(NUMBER, s);
    }

    private static List<String> words(String s) {
        return all(WORD, s);
    }

    private static List<String> all(Pattern pattern, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static java.util.stream.Stream<TaskFamily> allFamilies() {
        return THIRD.shares().stream().map(Teacher.FamilyShare::family);
    }

    private static TaskFamily family(String name) {
        return allFamilies().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
