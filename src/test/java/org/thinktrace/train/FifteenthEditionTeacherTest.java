package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fifteenth edition of the teacher: the fourteenth edition whose primality divisions count the divisor's
 * multiples, whose last primality test opens with "Last", and whose training questions vary their quote marks;
 * everything else, the evaluation included, is the eighth edition's.
 */
class FifteenthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FOURTEENTH = Teacher.of(TeacherEdition.FOURTEENTH);
    private static final Teacher FIFTEENTH = Teacher.of(TeacherEdition.FIFTEENTH);
    /**
     * A counted long-division step: {@code 17 ÷ 7: 7 × 1 = 7 < 17, 7 × 2 = 14 < 17, 7 × 3 = 21 > 17, so 2; 17 - 14 = 3}
     * (groups: part, divisor, the rows below the part, the last row's multiplier, its multiple, its relation, the part
     * again, the digit, the part, the subtracted multiple, the remainder).
     */
    private static final Pattern COUNTED_STEP = Pattern.compile("(\\d+) ÷ (\\d+): ((?:\\d+ × \\d+ = \\d+ < \\d+, )*)"
            + "\\d+ × (\\d+) = (\\d+) ([=>]) (\\d+), so (\\d+); (\\d+) - (\\d+) = (\\d+)");
    private static final Pattern COUNTED_ROW = Pattern.compile("(\\d+) × (\\d+) = (\\d+) < (\\d+)");
    private static final Pattern LAST_TEST = Pattern.compile("Last, (\\d+): ");
    private static final Pattern QUOTE_MARK = Pattern.compile("['\"“”]");

    @Test
    void theFifteenthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "fifteenth-edition", TeacherEdition.FIFTEENTH, 15);
    }

    /**
     * Each fifteenth-edition response is the fourteenth's once its counted primality steps are written as the one
     * multiple they find and "Last, p: " is removed; only primality's responses differ, and questions differ in their
     * quote marks alone.
     */
    @Test
    void trainingAsksWhatTheFourteenthEditionAsksAndOnlyPrimalityDividesByCounting() {
        List<Problem> before = FOURTEENTH.trainingSet(4_000, 15);
        List<Problem> after = FIFTEENTH.trainingSet(4_000, 15);
        Map<String, Integer> changed = new HashMap<>();
        int requoted = 0;
        for (int i = 0; i < before.size(); i++) {
            Problem a = before.get(i);
            Problem b = after.get(i);
            assertEquals(unquoted(a.question()), unquoted(b.question()));
            requoted += a.question().equals(b.question()) ? 0 : 1;
            assertEquals(a.answer(), b.answer());
            assertEquals(a.context().size(), b.context().size());
            for (int t = 0; t < a.context().size(); t++) {
                assertEquals(unquoted(a.context().get(t).question()), unquoted(b.context().get(t).question()));
                String earlier = b.context().get(t).response();
                boolean primality = earlier.contains("Test the primes") || earlier.contains("so there is no prime to test");
                assertEquals(a.context().get(t).response(), primality ? asFourteenthWrites(earlier) : earlier);
            }
            String response = b.family().equals("primality") ? asFourteenthWrites(b.response()) : b.response();
            assertEquals(a.response(), response, "the fourteenth edition's trace, divisions counted: " + b.response());
            if (!a.response().equals(b.response())) {
                changed.merge(b.family(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of("primality"), changed.keySet(), "changed: " + changed);
        assertTrue(changed.get("primality") > 150, "changed: " + changed);
        assertTrue(requoted > 20, requoted + " questions requoted");
    }

    @Test
    void everyCountedPrimalityStepCountsEachMultipleRightAndStopsAtTheFirstThatIsNotLess() {
        int steps = 0;
        int withRemainder = 0;
        for (Problem p : FIFTEENTH.trainingSet(3_000, 7)) {
            if (!p.family().equals("primality")) {
                continue;
            }
            Matcher m = COUNTED_STEP.matcher(p.response());
            while (m.find()) {
                int part = Integer.parseInt(m.group(1));
                int divisor = Integer.parseInt(m.group(2));
                Matcher row = COUNTED_ROW.matcher(m.group(3));
                int k = 0;
                while (row.find()) {
                    k++;
                    assertEquals(List.of(divisor, k, divisor * k, part), List.of(Integer.parseInt(row.group(1)),
                            Integer.parseInt(row.group(2)), Integer.parseInt(row.group(3)), Integer.parseInt(row.group(4))), m.group());
                    assertTrue(divisor * k < part, m.group());
                }
                int last = Integer.parseInt(m.group(4));
                assertEquals(k + 1, last, "rows count up from 1 without a gap: " + m.group());
                assertEquals(divisor * last, Integer.parseInt(m.group(5)), m.group());
                assertTrue(divisor * last >= part, "the count stops at the first multiple that is not less: " + m.group());
                assertEquals(divisor * last == part ? "=" : ">", m.group(6), m.group());
                assertEquals(part, Integer.parseInt(m.group(7)), m.group());
                int digit = Integer.parseInt(m.group(8));
                assertEquals(part / divisor, digit, m.group());
                assertEquals(part, Integer.parseInt(m.group(9)), m.group());
                assertEquals(digit * divisor, Integer.parseInt(m.group(10)), m.group());
                assertEquals(part % divisor, Integer.parseInt(m.group(11)), m.group());
                withRemainder += part % divisor == 0 ? 0 : 1;
                steps++;
            }
        }
        assertTrue(steps > 300, steps + " counted steps");
        assertTrue(withRemainder > steps / 3, withRemainder + " of " + steps + " counted steps leave a remainder");
    }

    @Test
    void theLastPrimeToTestOpensWithLastAndNoOtherDoes() {
        int named = 0;
        for (Problem p : FIFTEENTH.trainingSet(3_000, 8)) {
            if (!p.family().equals("primality")) {
                continue;
            }
            int n = Integer.parseInt(p.key().substring("prime:".length()));
            List<Integer> toTest = List.of(2, 3, 5, 7, 11, 13).stream().filter(q -> q * q <= n).toList();
            int firstDivisor = toTest.stream().filter(q -> n % q == 0).findFirst().orElse(0);
            Matcher m = LAST_TEST.matcher(p.response());
            List<Integer> lasts = m.results().map(r -> Integer.parseInt(r.group(1))).toList();
            boolean reachesLast = !toTest.isEmpty() && (firstDivisor == 0 || firstDivisor == toTest.get(toTest.size() - 1));
            assertEquals(reachesLast ? List.of(toTest.get(toTest.size() - 1)) : List.of(), lasts, p.response());
            named += lasts.size();
        }
        assertTrue(named > 40, named + " last tests");
    }

    @Test
    void aQuotedPhraseMayChangeItsMarksButNothingElseChanges() {
        Set<String> forms = new TreeSet<>();
        for (String phrase : List.of("good morning", "thank you very much", "where is the station", "I love you", "cat")) {
            for (String spoken : List.of("French", "Spanish", "German", "Italian", "Japanese", "Dutch")) {
                String q = "Translate '" + phrase + "' into " + spoken + ".";
                String varied = SurfaceForms.requoted(q);
                assertEquals(varied, SurfaceForms.requoted(q), "the same question is requoted the same way");
                assertEquals(unquoted(q), unquoted(varied));
                forms.add(varied.replace(phrase, "P").replace(spoken, "L"));
            }
        }
        assertEquals(Set.of("Translate 'P' into L.", "Translate \"P\" into L.", "Translate “P” into L."), forms);
        String apostrophes = "How many r's are in \"strawberry\"? Don't guess.";
        for (int i = 0; i < 40; i++) {
            String q = apostrophes + " ".repeat(i);
            String varied = SurfaceForms.requoted(q);
            assertTrue(varied.contains("r's") && varied.contains("Don't"), "apostrophes stay: " + varied);
        }
        assertEquals("What is 17 + 4?", SurfaceForms.requoted("What is 17 + 4?"));
    }

    @Test
    void trainingQuestionsQuoteInEveryStyleWhereTheFourteenthOnlyUsedStraightQuotes() {
        Pattern phrase = Pattern.compile("(.)(good morning|thank you very much|where is the station|I love you|see you tomorrow)(.)");
        Set<String> fourteenth = new TreeSet<>();
        Set<String> fifteenth = new TreeSet<>();
        for (Problem p : FOURTEENTH.trainingSet(12_000, 9)) {
            phrase.matcher(p.question()).results().forEach(m -> fourteenth.add(m.group(1) + m.group(3)));
        }
        for (Problem p : FIFTEENTH.trainingSet(12_000, 9)) {
            phrase.matcher(p.question()).results().forEach(m -> fifteenth.add(m.group(1) + m.group(3)));
        }
        assertTrue(fourteenth.contains("''") && !fourteenth.contains("\"\"") && !fourteenth.contains("“”"), "fourteenth: " + fourteenth);
        assertTrue(fifteenth.containsAll(Set.of("''", "\"\"", "“”")), "a translated phrase in every kind of quotes: " + fifteenth);
        assertTrue(FOURTEENTH.trainingSet(3_000, 9).stream().noneMatch(p -> p.question().contains("“")));
        long curly = FIFTEENTH.trainingSet(3_000, 9).stream().filter(p -> p.question().contains("“")).count();
        assertTrue(curly > 10, curly + " questions in curly quotes");
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FIFTEENTH, 8, 1);
    }

    /** {@code response} with each counted step written as the one multiple it finds and "Last, p: " removed. */
    private static String asFourteenthWrites(String response) {
        String oneMultiple = COUNTED_STEP.matcher(response).replaceAll("$1 ÷ $2: $2 × $8 = $10, $9 - $10 = $11");
        return LAST_TEST.matcher(oneMultiple).replaceAll("");
    }

    private static String unquoted(String text) {
        return QUOTE_MARK.matcher(text).replaceAll("\"");
    }
}
