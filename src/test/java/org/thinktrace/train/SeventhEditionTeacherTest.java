package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/**
 * The seventh edition of the teacher: the sixth edition's problems and shares, long division that says
 * which leading part it starts with, and training typos made as generated one-letter slips that never
 * write a word of a held-out template.
 */
class SeventhEditionTeacherTest {

    private static final Teacher SIXTH = Teacher.of(TeacherEdition.SIXTH);
    private static final Teacher SEVENTH = Teacher.of(TeacherEdition.SEVENTH);
    /** One stated start of a long division: {@code 5 < 7, 53 ≥ 7: start with 53. }. */
    private static final Pattern START = Pattern.compile("(?:\\d+ [<≥] \\d+, )*\\d+ [<≥] \\d+: start with \\d+\\. ");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void theSeventhEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheFourthEditionsShares() {
        TrainingRecipe recipe = TrainingRecipe.byId("seventh-edition");
        assertEquals(TeacherEdition.SEVENTH, recipe.teacher());
        assertEquals(15_500, recipe.settings().steps());
        assertEquals(MklDispatch.CPU_FEATURES, recipe.mklDispatch());
        assertEquals(" --recipe seventh-edition", recipe.trainArguments());
        assertEquals(TeacherEdition.SEVENTH, TeacherEdition.of(7));
        for (int f = 0; f < SIXTH.shares().size(); f++) {
            assertEquals(Teacher.of(TeacherEdition.FOURTH).shares().get(f).share(), SEVENTH.shares().get(f).share());
        }
    }

    @Test
    void problemsAreTheSixthEditionsAndOnlyLongDivisionsGainTheirStatedStart() {
        int started = 0;
        for (int f = 0; f < SIXTH.shares().size(); f++) {
            TaskFamily before = SIXTH.shares().get(f).family();
            TaskFamily after = SEVENTH.shares().get(f).family();
            assertEquals(before.phrasings(), after.phrasings(), before.name());
            for (PhrasingSplit split : PhrasingSplit.values()) {
                SplittableRandom a = new SplittableRandom(f * 31L + split.ordinal());
                SplittableRandom b = new SplittableRandom(f * 31L + split.ordinal());
                for (int i = 0; i < 200; i++) {
                    Problem p = before.generate(a, split);
                    Problem q = after.generate(b, split);
                    assertEquals(p.question(), q.question());
                    assertEquals(p.answer(), q.answer());
                    Matcher starts = START.matcher(q.response());
                    int n = 0;
                    while (starts.find()) {
                        n++;
                    }
                    assertEquals(p.response(), starts.replaceAll(""), q.response());
                    int divisions = q.response().split(", digit by digit\\. ", -1).length - 1;
                    assertEquals(divisions, n, q.response());
                    started += n;
                }
            }
        }
        assertTrue(started > 300, started + " long divisions");
        EvaluationSuite a = SIXTH.evaluationSuite(4, 1);
        EvaluationSuite b = SEVENTH.evaluationSuite(4, 1);
        assertEquals(a.problems().stream().map(Problem::question).toList(), b.problems().stream().map(Problem::question).toList());
        assertEquals(a.heldOutPhrasings().stream().map(Problem::question).toList(),
                b.heldOutPhrasings().stream().map(Problem::question).toList());
    }

    @Test
    void aLongDivisionStartsWithTheShortestLeadingPartThatIsAtLeastTheDivisor() {
        assertEquals("5 < 7, 53 ≥ 7: start with 53.", new Division(53, 7).startDecision());
        assertEquals("1 < 13, 17 ≥ 13: start with 17.", new Division(179, 13).startDecision());
        assertEquals("9 ≥ 8: start with 9.", new Division(96, 8).startDecision());
        assertEquals("5 < 7: start with 5.", new Division(5, 7).startDecision());
        assertEquals("72 ÷ 8, digit by digit. 7 < 8, 72 ≥ 8: start with 72. 72 ÷ 8: 8 × 9 = 72, 72 - 72 = 0."
                + " So 72 ÷ 8 = 9 remainder 0.", new Division(72, 8).longDivision(true));
        for (int dividend = 0; dividend < 2000; dividend++) {
            for (int divisor = 1; divisor <= 19; divisor++) {
                String digits = String.valueOf(dividend);
                int length = 1;
                while (length < digits.length() && Integer.parseInt(digits.substring(0, length)) < divisor) {
                    length++;
                }
                String statement = new Division(dividend, divisor).startDecision();
                assertTrue(statement.endsWith(": start with " + digits.substring(0, length) + "."), statement);
                List<String> comparisons = List.of(statement.substring(0, statement.indexOf(':')).split(", "));
                assertEquals(length, comparisons.size(), statement);
                for (int k = 0; k < length; k++) {
                    int part = Integer.parseInt(digits.substring(0, k + 1));
                    assertEquals(part + (part < divisor ? " < " : " ≥ ") + divisor, comparisons.get(k));
                }
                String longDivision = new Division(dividend, divisor).longDivision(true);
                assertEquals(new Division(dividend, divisor).longDivision(), longDivision.replace(statement + " ", ""));
            }
        }
    }

    @Test
    void aSlipChangesOneLetterAfterTheFirst() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (String word : SurfaceForms.mistypable()) {
            for (int i = 0; i < 20; i++) {
                String slip = SurfaceForms.slipOf(rnd, word);
                assertEquals(word.charAt(0), slip.charAt(0), slip);
                assertTrue(oneSlipApart(word, slip), word + " -> " + slip);
            }
        }
        for (String value : LetterCountFamily.WORDS) {
            assertFalse(SurfaceForms.mistypable().contains(value), value);
        }
    }

    @Test
    void everyWordASlipMayChangeIsAWordOfATrainingTemplate() {
        Set<String> trainingWords = new HashSet<>();
        for (Teacher.FamilyShare share : SEVENTH.shares()) {
            share.family().phrasings().stream().filter(p -> !p.heldOut()).forEach(p -> trainingWords.addAll(words(p.pattern())));
        }
        Set<String> unused = new java.util.TreeSet<>(SurfaceForms.MORE_MISTYPABLE);
        unused.removeAll(trainingWords);
        assertEquals(Set.of(), unused);
    }

    @Test
    void trainingTyposAreManySlipsOfTemplateWordsAndNeverAWordOfAHeldOutTemplate() {
        Set<String> heldOutWords = SEVENTH.heldOutTemplateWords();
        assertTrue(heldOutWords.containsAll(List.of("primme", "cuont", "maxium", "minimun")), heldOutWords.toString());
        SurfaceForms slips = SurfaceForms.withSlips(heldOutWords);
        SplittableRandom rnd = new SplittableRandom(9);
        Set<String> forms = new HashSet<>();
        Set<String> fixedForms = SurfaceForms.typoForms();
        int slipped = 0;
        for (Problem plain : SIXTH.trainingSet(3000, 4)) {
            String varied = slips.vary(rnd, plain.question());
            assertEquals(numbers(plain.question()), numbers(varied), varied);
            Set<String> before = words(plain.question());
            for (String w : words(varied)) {
                if (before.contains(w) || SurfaceForms.allParts().anyMatch(part -> words(part).contains(w))) {
                    continue;
                }
                assertFalse(heldOutWords.contains(w), "slip '" + w + "' is a word of a held-out template: " + varied);
                assertTrue(before.stream().anyMatch(b -> SurfaceForms.mistypable().contains(b) && oneSlipApart(b, w)),
                        "'" + w + "' is no slip of a template word of \"" + plain.question() + "\"");
                forms.add(w);
                slipped++;
            }
        }
        long newForms = forms.stream().filter(w -> !fixedForms.contains(w)).count();
        assertTrue(slipped > 150 && slipped < 700, slipped + " slips in 3000 questions");
        assertTrue(newForms > 100, newForms + " slips that no fixed typo list had: " + forms);
    }

    /** Whether {@code b} is {@code a} with one letter dropped, doubled, swapped with the next or replaced. */
    private static boolean oneSlipApart(String a, String b) {
        if (a.length() == b.length()) {
            List<Integer> diff = java.util.stream.IntStream.range(0, a.length()).filter(i -> a.charAt(i) != b.charAt(i)).boxed().toList();
            return diff.size() == 1 || diff.size() == 2 && diff.get(1) == diff.get(0) + 1
                    && a.charAt(diff.get(0)) == b.charAt(diff.get(1)) && a.charAt(diff.get(1)) == b.charAt(diff.get(0));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> words(String text) {
        return WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static List<String> numbers(String text) {
        return NUMBER.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    }
}
