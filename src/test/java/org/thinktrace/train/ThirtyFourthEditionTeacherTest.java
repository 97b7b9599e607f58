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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The thirty-fourth edition of the teacher: the thirty-third edition with other people, things and connectors than the
 * templates name swapped into training questions ({@link OtherWords}).
 */
class ThirtyFourthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher THIRTY_THIRD = Teacher.of(TeacherEdition.THIRTY_THIRD);
    private static final Teacher THIRTY_FOURTH = Teacher.of(TeacherEdition.THIRTY_FOURTH);
    private static final Set<String> SWAPPING_FAMILIES = Set.of("addition", "subtraction", "multiplication",
            "decimal-comparison", "word-problem");
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final OtherWords.Noun ORCHARD = new OtherWords.Noun("orchard", "orchards");
    private static final OtherWords.Noun BARN = new OtherWords.Noun("barn", "barns");
    private static final OtherWords.Noun CAP = new OtherWords.Noun("cap", "caps");
    private static final OtherWords.Noun IGLOO = new OtherWords.Noun("igloo", "igloos");

    @Test
    void theThirtyFourthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "thirty-fourth-edition", TeacherEdition.THIRTY_FOURTH,
                34, 25_000, Set.of("word-problem", "sorting", "list-statistics", "multiplication", "addition", "letter-count",
                        "out-of-scope", "decimal-comparison", "primality"));
        assertEquals("thirty-fourth", TeacherEdition.THIRTY_FOURTH.label());
        assertTrue(TeacherEdition.THIRTY_FOURTH.swapsNounsAndConnectors());
        assertFalse(TeacherEdition.THIRTY_THIRD.swapsNounsAndConnectors());
        assertTrue(TeacherEdition.THIRTY_FOURTH.asksWithDashesAndMisspellings());
        assertTrue(TeacherEdition.THIRTY_FOURTH.asksQuotedTranslations());
        assertTrue(TeacherEdition.THIRTY_FOURTH.asksInMoreKindsOfSentence());
    }

    /** The templates are the thirty-third edition's: the edition changes questions as they are drawn, not templates. */
    @Test
    void noFamilyAddsATemplate() {
        ThirtyFirstEditionTeacherTest.addedTemplates(THIRTY_THIRD, THIRTY_FOURTH)
                .forEach((family, added) -> assertEquals(List.of(), added, family.name()));
    }

    /**
     * No word swapped in is a word of any template, held out or not; every word swapped out is a word of a training
     * template or a word problem's item; and enough of each kind are left once template words are removed.
     */
    @Test
    void swappedInWordsAreNoTemplatesWordsAndSwappedOutOnesAreTrainingWords() {
        Set<String> templateWords = THIRTY_FOURTH.templateWords(p -> true);
        OtherWords other = new OtherWords(templateWords);
        Stream.of(other.otherPeople().stream().flatMap(n -> Stream.of(n.one(), n.many())),
                        other.otherThings().stream().flatMap(n -> Stream.of(n.one(), n.many())), other.connectors().stream())
                .flatMap(s -> s)
                .forEach(w -> assertFalse(templateWords.contains(w), w + " is a template word"));
        assertTrue(other.otherPeople().size() >= 25, other.otherPeople().toString());
        assertTrue(other.otherThings().size() >= 50, other.otherThings().toString());
        assertTrue(other.connectors().size() >= 6, other.connectors().toString());
        assertFalse(other.otherPeople().stream().anyMatch(n -> n.one().equals("baker")), "baker is a template word");

        Set<String> trainingWords = new HashSet<>(THIRTY_FOURTH.templateWords(p -> !p.heldOut()));
        trainingWords.addAll(WordProblemFamily.ITEMS);
        trainingWords.addAll(List.of("pens", "notebooks", "tickets", "erasers"));
        Stream.concat(OtherWords.PEOPLE.stream(), OtherWords.THINGS.stream()).forEach(n -> assertTrue(
                trainingWords.contains(n.one()) || trainingWords.contains(n.many()), n + " is named by no training template"));
    }

    @Test
    void aSwapReplacesWholeWordsSingularAndPluralWithAgreeingArticles() {
        assertEquals("A barn has 4 lines of 9 trees. Barns like this one: a barn, 2 barns.",
                OtherWords.swap("An orchard has 4 lines of 9 trees. Orchards like this one: an orchard, 2 orchards.", ORCHARD, BARN));
        assertEquals("An igloo costs 4 dollars and 3 igloos cost 12; a capital is no igloo.",
                OtherWords.swap("A cap costs 4 dollars and 3 caps cost 12; a capital is no cap.", CAP, IGLOO));
        assertEquals("Pencils and pens", OtherWords.swap("Pencils and pens", new OtherWords.Noun("pen", "pens"),
                new OtherWords.Noun("pen", "pens")));
        assertEquals("5 crayons and 2 pencils", OtherWords.swap("5 pens and 2 pencils", new OtherWords.Noun("pen", "pens"),
                new OtherWords.Noun("crayon", "crayons")));
    }

    /**
     * A training set draws the thirty-third edition's problems, in the same order and with the same answers (the swaps
     * do not advance the random stream); only the five families' questions change, answered as an independent solver
     * answers them, never read as a held-out template, with no word swapped in that only held-out templates use; each of the five has
     * questions with other people or things, and decimal comparisons have other connectors. A word problem's answer
     * names the things its question names.
     */
    @Test
    void trainingQuestionsNameOtherWordsAndKeepTheirProblemsAndAnswers() {
        List<Problem> before = THIRTY_THIRD.trainingSet(6_000, 34);
        List<Problem> after = THIRTY_FOURTH.trainingSet(6_000, 34);
        Set<String> heldOutOnly = ThirtyFirstEditionTeacherTest.heldOutOnlyWords(THIRTY_THIRD);
        Map<String, Predicate<String>> heldOut = ThirtyFirstEditionTeacherTest.heldOutReaders(THIRTY_FOURTH);
        Set<String> otherNouns = new HashSet<>();
        Stream.concat(OtherWords.OTHER_PEOPLE.stream(), OtherWords.OTHER_THINGS.stream())
                .forEach(n -> otherNouns.addAll(List.of(n.one(), n.many())));
        Pattern connector = Pattern.compile("\\d (" + String.join("|", OtherWords.CONNECTORS) + ") \\d");
        Map<String, Integer> withOtherNouns = new HashMap<>();
        int withOtherConnectors = 0;
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            Problem was = before.get(i);
            Problem p = after.get(i);
            assertEquals(was.key(), p.key(), i + ": " + p.question());
            assertEquals(was.answer(), p.answer(), p.question());
            assertEquals(was.turns(), p.turns(), p.question());
            if (was.question().equals(p.question()) || !p.context().isEmpty()) {
                continue;
            }
            assertTrue(SWAPPING_FAMILIES.contains(p.family()), p.family() + ": " + p.question());
            assertFalse(heldOut.get(p.family()).test(p.question()), p.question());
            ThirtyThirdEditionTeacherTest.assertAnsweredAsItsFamily(p);
            Set<String> questionWords = lowercaseWords(p.question());
            Set<String> swappedIn = new HashSet<>(questionWords);
            swappedIn.removeAll(lowercaseWords(was.question()));
            assertFalse(swappedIn.isEmpty(), p.question());
            swappedIn.forEach(w -> assertFalse(heldOutOnly.contains(w), w + " in " + p.question()));
            if (questionWords.stream().anyMatch(otherNouns::contains)) {
                withOtherNouns.merge(p.family(), 1, Integer::sum);
            }
            if (connector.matcher(p.question()).find()) {
                assertEquals("decimal-comparison", p.family(), p.question());
                withOtherConnectors++;
            }
            if (p.family().equals("word-problem")) {
                String answerLine = p.response().substring(p.response().indexOf("</think>"));
                lowercaseWords(answerLine).stream().filter(otherNouns::contains)
                        .forEach(w -> assertTrue(questionWords.contains(w), w + " answered to " + p.question()));
            }
        }
        assertEquals(SWAPPING_FAMILIES, withOtherNouns.keySet(), withOtherNouns.toString());
        withOtherNouns.forEach((family, n) -> assertTrue(n >= (family.equals("word-problem") || family.equals("multiplication")
                ? 30 : 1), n + " " + family + " questions with other nouns"));
        assertTrue(withOtherConnectors >= 20, withOtherConnectors + " comparisons with other connectors");
    }

    /** Evaluation problems and out-of-scope questions are drawn as the eighth edition draws them. */
    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, THIRTY_FOURTH, 8, 1);
    }

    private static Set<String> lowercaseWords(String text) {
        return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(java.util.regex.MatchResult::group)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
