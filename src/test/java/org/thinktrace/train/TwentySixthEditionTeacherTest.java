package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twenty-sixth edition of the teacher: the twenty-fifth edition with training questions that open with an order
 * also asked as polite requests, and additions', subtractions' and word problems' amounts also in other units; a
 * response changes only by its unit.
 */
class TwentySixthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_FIFTH = Teacher.of(TeacherEdition.TWENTY_FIFTH);
    private static final Teacher TWENTY_SIXTH = Teacher.of(TeacherEdition.TWENTY_SIXTH);
    private static final Pattern UNIT_WORD = Pattern.compile("\\b(dollars|kg|ml|liters|pounds|yen|rupees|pesos|francs"
            + "|coins|g|lb|tons|cups|gallons)\\b");

    @Test
    void theTwentySixthEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-sixth-edition", TeacherEdition.TWENTY_SIXTH, 26,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertEquals("twenty-sixth", TeacherEdition.TWENTY_SIXTH.label());
        assertTrue(TeacherEdition.TWENTY_SIXTH.asksPolitelyAndInOtherUnits());
        assertFalse(TeacherEdition.TWENTY_FIFTH.asksPolitelyAndInOtherUnits());
    }

    /**
     * Training problems, earlier turns included, are the twenty-fifth edition's word for word but for questions and the
     * units responses name: each question is the twenty-fifth edition's, or that question asked politely, or in another
     * unit, or both, and a response changes only by a unit (a re-check in the unit its conversation began in); a first
     * turn's question and response change exactly as its twenty-fifth-edition question decides; every answer is
     * unchanged.
     */
    @Test
    void onlyTrainingQuestionsChangeAndOnlyAsPoliteRequestsOrInOtherUnits() {
        int wrapped = 0;
        int swapped = 0;
        int responsesInOtherUnits = 0;
        Set<String> wrappers = new HashSet<>();
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAnsweringTheSame(TWENTY_FIFTH, TWENTY_SIXTH, 4_000, 26)) {
            Problem a = pair.before();
            Problem b = pair.after();
            for (int t = 0; t < a.context().size(); t++) {
                Problem.Exchange x = a.context().get(t);
                Problem.Exchange y = b.context().get(t);
                assertTrue(variants(x.question()).contains(y.question()), x.question() + " -> " + y.question());
                assertTrue(variants(x.response()).contains(y.response()), y.response());
            }
            boolean inUnits = Set.of("addition", "subtraction", "word-problem").contains(b.family());
            assertTrue(variants(a.question()).contains(b.question()), a.question() + " -> " + b.question());
            assertTrue(variants(a.response()).contains(b.response()), b.response());
            if (a.context().isEmpty()) {
                assertTrue(askedAs(a.question(), a.response(), inUnits).contains(List.of(b.question(), b.response())),
                        a.question() + " -> " + b.question());
            }
            java.util.Optional<String> wrapper = wrapperOf(b.question());
            if (wrapper.isPresent() && wrapperOf(a.question()).isEmpty()) {
                wrapped++;
                wrappers.add(wrapper.get());
            }
            if (inUnits && OtherUnits.chosenFor(PoliteRequests.wrap(a.question())).isPresent()) {
                swapped++;
                responsesInOtherUnits += a.response().equals(b.response()) ? 0 : 1;
            }
            assertFalse(words(b.question()).contains("could") && !words(a.question()).contains("could"), b.question());
        }
        assertTrue(wrapped > 150, wrapped + " asked politely");
        assertTrue(swapped > 40 && responsesInOtherUnits > 20, swapped + " in other units, " + responsesInOtherUnits
                + " of them answered in them");
        assertEquals(Set.copyOf(PoliteRequests.WRAPPERS), wrappers);
    }

    @Test
    void aOneSentenceOrderIsAskedPolitelyOneTimeInFourAndNothingElseChanges() {
        SplittableRandom rnd = new SplittableRandom(26);
        int wrapped = 0;
        int n = 4_000;
        for (int i = 0; i < n; i++) {
            String order = "Add " + rnd.nextInt(10_000) + " and " + rnd.nextInt(10_000) + ".";
            String q = PoliteRequests.wrap(order);
            if (q.equals(order)) continue;
            wrapped++;
            String wrapper = wrapperOf(q).orElseThrow();
            boolean asks = !wrapper.startsWith("I'd") && !wrapper.startsWith("Kindly");
            assertEquals(wrapper + "add" + order.substring(3, order.length() - 1) + (asks ? "?" : "."), q);
        }
        assertTrue(wrapped > n / 5 && wrapped < n * 3 / 10, wrapped + " of " + n);
        for (String notAnOrder : List.of("What is 5 + 3?", "Which is larger, 2.5 or 2.45?", "12 + 30", "Is 91 prime?",
                "Please add 5 and 3.", "Can you sort 5, 3, 9?")) {
            assertEquals(notAnOrder, PoliteRequests.wrap(notAnOrder));
        }
        for (int i = 0; i < 200; i++) {
            String twoSentences = "Put " + i + " and " + (i + 3) + " together. What does that make?";
            assertEquals(twoSentences, PoliteRequests.wrap(twoSentences));
            String thanked = "Add " + i + " and " + (i + 3) + ". Thanks!";
            assertEquals(thanked, PoliteRequests.wrap(thanked));
        }
        for (String wrapper : PoliteRequests.WRAPPERS) {
            assertFalse(wrapper.toLowerCase(Locale.ROOT).contains("could"), wrapper);
        }
        int lists = 0;
        for (int i = 0; i < 200; i++) {
            String order = "Sort in increasing order:\n" + i + "\n" + (i + 7);
            String q = PoliteRequests.wrap(order);
            if (q.equals(order)) continue;
            lists++;
            String wrapper = wrapperOf(q).orElseThrow();
            assertEquals(wrapper + "sort in increasing order:\n" + i + "\n" + (i + 7), q);
        }
        assertTrue(lists > 20, lists + " lists asked politely");
    }

    @Test
    void anAmountIsCountedInAnotherUnitOneTimeInTwoEverywhereTheQuestionNamesIt() {
        SplittableRandom rnd = new SplittableRandom(27);
        int swapped = 0;
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            String q = "I had " + rnd.nextInt(10_000) + " dollars and spent " + rnd.nextInt(100) + " dollars. How many"
                    + " dollars are left?";
            String other = OtherUnits.chosenFor(q).map(swap -> swap.applyTo(q)).orElse(q);
            if (other.equals(q)) continue;
            swapped++;
            String unit = other.split(" ")[3];
            assertTrue(OtherUnits.OTHERS.get("dollars").contains(unit), other);
            assertEquals(q.replace("dollars", unit), other);
        }
        assertTrue(swapped > n * 2 / 5 && swapped < n * 3 / 5, swapped + " of " + n);
        assertEquals(java.util.Optional.empty(), OtherUnits.chosenFor("What is 5 + 3?"));
        Set<String> heldOutOnly = Set.of("euros", "m", "meters");
        OtherUnits.OTHERS.values().forEach(others -> others.forEach(o -> assertFalse(heldOutOnly.contains(o), o)));
    }

    /** A word problem asked in another currency is answered in it, and additions and subtractions name no unit at all. */
    @Test
    void aProblemAskedInAnotherUnitIsAnsweredInIt() {
        int inOthers = 0;
        int answeredIn = 0;
        for (Problem p : TWENTY_SIXTH.trainingSet(4_000, 27)) {
            if (p.family().equals("addition") || p.family().equals("subtraction")) {
                assertFalse(UNIT_WORD.matcher(p.response()).find(), p.response());
            }
            if (!p.family().equals("word-problem") || !p.context().isEmpty()) continue;
            for (String other : OtherUnits.OTHERS.get("dollars")) {
                if (words(p.question()).contains(other)) {
                    inOthers++;
                    assertFalse(p.response().contains("dollars") || p.question().contains("dollars")
                            || p.question().contains("$"), p.question() + " -> " + p.response());
                    answeredIn += p.response().contains(" " + other) ? 1 : 0;
                }
            }
        }
        assertTrue(inOthers > 20 && answeredIn > inOthers / 2, inOthers + " word problems in another currency, "
                + answeredIn + " answered in it");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_SIXTH, 8, 1);
    }

    /** What the twenty-sixth edition may ask and answer in place of the twenty-fifth edition's question and response. */
    static Set<List<String>> askedAs(String question, String response, boolean inOtherUnits) {
        String polite = PoliteRequests.wrap(question);
        Set<List<String>> asked = new HashSet<>(List.of(List.of(question, response), List.of(polite, response)));
        if (inOtherUnits) {
            OtherUnits.chosenFor(polite).ifPresent(s -> asked.add(List.of(s.applyTo(polite), s.applyTo(response))));
        }
        return asked;
    }

    /** {@code text}, asked politely, and either of those with any one unit put in any other. */
    static Set<String> variants(String text) {
        Set<String> variants = new HashSet<>(List.of(text, PoliteRequests.wrap(text)));
        for (String t : List.copyOf(variants)) {
            OtherUnits.OTHERS.forEach((unit, others) -> others.forEach(o -> variants.add(new OtherUnits.Swap(unit, o).applyTo(t))));
        }
        return variants;
    }

    private static Set<String> words(String s) {
        return new HashSet<>(List.of(s.toLowerCase(Locale.ROOT).split("[^a-z]+")));
    }

    /** The longest wrapper {@code question} opens with, if any. */
    private static java.util.Optional<String> wrapperOf(String question) {
        return PoliteRequests.WRAPPERS.stream().filter(question::startsWith)
                .max(java.util.Comparator.comparingInt(String::length));
    }
}
