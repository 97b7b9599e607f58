package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.R1Response;

/**
 * The twenty-third edition of the teacher: the twenty-second edition with the earlier answer's parts named on a
 * re-check's first line and only the new answer's named on its verdict line, which no longer quotes the earlier answer
 * when its parts were named; every other line of every problem unchanged.
 */
class TwentyThirdEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_SECOND = Teacher.of(TeacherEdition.TWENTY_SECOND);
    private static final Teacher TWENTY_THIRD = Teacher.of(TeacherEdition.TWENTY_THIRD);
    private static final Pattern FIRST_LINE = Pattern.compile("My answer was (.+)\\.");
    private static final Pattern VERDICT_LINE = TwentySecondEditionTeacherTest.VERDICT_LINE;
    private static final Pattern WHOLE_NUMBER = TwentySecondEditionTeacherTest.WHOLE_NUMBER;
    private static final Pattern LIST = Pattern.compile("\\d+(, \\d+){1,9}");
    private static final List<String> PLACES = TwentySecondEditionTeacherTest.PLACES;
    private static final List<String> POSITIONS = TwentySecondEditionTeacherTest.POSITIONS;

    @Test
    void theTwentyThirdEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-third-edition", TeacherEdition.TWENTY_THIRD, 23,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertFalse(TeacherEdition.TWENTY_THIRD.comparesDivisionDigits());
        assertEquals("twenty-third", TeacherEdition.TWENTY_THIRD.label());
    }

    /**
     * Training problems, earlier turns included, are the twenty-second edition's word for word but for a re-check of a
     * whole number of at most five digits or a list: its first line names the earlier answer's parts, and its verdict
     * line, when the new answer is of the same kind, names the new answer's parts instead of quoting the earlier answer
     * and naming both, with the same comparisons and the same verdict.
     */
    @Test
    void onlyTheFirstAndVerdictLinesOfANumberOrListRecheckDifferFromTheTwentySecondEdition() {
        int[] firstLines = new int[1];
        List<String> verdictLines = new ArrayList<>();
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(TWENTY_SECOND, TWENTY_THIRD, 4_000, 23)) {
            Problem a = pair.before();
            Problem b = pair.after();
            assertEquals(a.context().size(), b.context().size());
            for (int t = 0; t < a.context().size(); t++) {
                assertEquals(a.context().get(t).response().equals(b.context().get(t).response()),
                        !namesEarlierParts(b.context().get(t).response()), b.context().get(t).response());
                assertOnlyFirstAndVerdictLinesDiffer(a.context().get(t).response(), b.context().get(t).response(),
                        firstLines, verdictLines);
            }
            assertEquals(a.response().equals(b.response()), !namesEarlierParts(b.response()), b.response());
            assertOnlyFirstAndVerdictLinesDiffer(a.response(), b.response(), firstLines, verdictLines);
        }
        assertTrue(firstLines[0] > 50, firstLines[0] + " first lines");
        for (String opening : List.of("ones is ", "first is ")) {
            for (String verdict : List.of("stands.", "wrong.")) {
                assertTrue(verdictLines.stream().anyMatch(l -> l.contains(opening) && l.endsWith(verdict)),
                        opening + "… " + verdict);
            }
        }
    }

    /** Whether {@code response} is a re-check whose earlier answer is a whole number of at most five digits or a list. */
    private static boolean namesEarlierParts(String response) {
        if (!response.startsWith(R1Response.THINKING_START + "My answer was ")) return false;
        Matcher m = FIRST_LINE.matcher(R1Response.parse(response).thinking().strip().lines().findFirst().orElseThrow());
        assertTrue(m.matches(), response);
        String said = m.group(1).split(":")[0];
        return WHOLE_NUMBER.matcher(said).matches() || LIST.matcher(said).matches();
    }

    private static void assertOnlyFirstAndVerdictLinesDiffer(String base, String later, int[] firstLines,
                                                             List<String> verdictLines) {
        List<String> a = base.lines().toList();
        List<String> b = later.lines().toList();
        assertEquals(a.size(), b.size(), later);
        String said = null;
        for (int l = 0; l < a.size(); l++) {
            if (a.get(l).equals(b.get(l))) continue;
            Matcher first = FIRST_LINE.matcher(a.get(l));
            Matcher verdict = VERDICT_LINE.matcher(a.get(l));
            if (said == null) {
                assertTrue(first.matches(), b.get(l));
                said = first.group(1);
                assertEquals("My answer was " + said + ": " + AnswerComparison.partsThatWere(said).orElseThrow() + ".",
                        b.get(l));
                firstLines[0]++;
            } else {
                assertTrue(verdict.matches(), a.get(l));
                assertEquals(said, verdict.group(2));
                String now = verdict.group(1);
                AnswerComparison comparison = AnswerComparison.againstPartsThatWere(now, said).orElseThrow();
                assertEquals(AnswerComparison.forRecheck(now, said).steps(), comparison.steps(), b.get(l));
                assertEquals("Now: " + now + ": " + comparison.sentence() + verdict.group(4), b.get(l));
                verdictLines.add(b.get(l));
                said = "";
            }
        }
        if (said != null && !said.isEmpty()) {
            String earlier = said;
            Matcher verdict = a.stream().map(VERDICT_LINE::matcher).filter(Matcher::matches).findFirst().orElseThrow();
            assertEquals(Optional.empty(), AnswerComparison.againstPartsThatWere(verdict.group(1), earlier), later);
        }
    }

    /**
     * In every follow-up re-check the first line quotes the earlier answer and names its parts when it has them, and the
     * verdict line compares as {@link AnswerComparison#againstPartsThatWere} does, or else quotes the earlier answer and
     * compares as {@link AnswerComparison#forRecheck} does; the comparison and the answer's opening decide alike.
     */
    @Test
    void theVerdictLineComparesWithThePartsNamedOnTheFirstLine() {
        assertRecheckLines(TWENTY_THIRD, 23, AnswerComparison::againstPartsThatWere);
    }

    /**
     * Asserts that in every follow-up re-check of {@code teacher} the first line quotes the earlier answer and names its
     * parts when it has them, and the verdict line compares as {@code named} does, or else (when {@code named} is empty)
     * quotes the earlier answer and compares as {@link AnswerComparison#forRecheck} does; that the comparison and the
     * answer's opening decide alike; and that enough of them compare named parts and enough quote.
     */
    static void assertRecheckLines(Teacher teacher, long seed,
                                   BiFunction<String, String, Optional<AnswerComparison>> named) {
        assertRecheckLines(teacher, seed, named, partsThatWere -> "");
    }

    /**
     * As {@link #assertRecheckLines(Teacher, long, BiFunction)}, with a verdict line that compares as {@code named} does
     * opening with {@code opening} applied to the parts that were, as the first line names them.
     */
    static void assertRecheckLines(Teacher teacher, long seed,
                                   BiFunction<String, String, Optional<AnswerComparison>> named,
                                   java.util.function.UnaryOperator<String> opening) {
        int withNamedParts = 0;
        int quoted = 0;
        for (Problem p : teacher.followUpSet(400, seed)) {
            if (!FollowUps.isRecheck(p)) continue;
            String said = AnswerChecker.extract(p.context().get(p.context().size() - 1).response()).orElseThrow();
            boolean right = AnswerChecker.sameAnswer(said, p.answer());
            R1Response parts = R1Response.parse(p.response());
            List<String> lines = parts.thinking().strip().lines().toList();
            Optional<String> partsThatWere = AnswerComparison.partsThatWere(said);
            assertEquals("My answer was " + said + partsThatWere.map(s -> ": " + s).orElse("") + ".", lines.get(0));
            String now = AnswerChecker.extract(p.response()).orElseThrow();
            Optional<AnswerComparison> againstFirstLine = named.apply(now, said);
            String comparison = againstFirstLine.map(c -> ": " + c.sentence())
                    .orElseGet(() -> ". My answer was " + said + ". " + AnswerComparison.forRecheck(now, said).sentence());
            String opened = againstFirstLine.isPresent() ? opening.apply(partsThatWere.orElseThrow()) : "";
            assertEquals(opened + "Now: " + now + comparison + (right ? ", so the answer stands." : ", so my earlier answer was wrong."),
                    lines.get(lines.size() - 1));
            assertEquals(right, againstFirstLine.map(AnswerComparison::same).orElse(right));
            assertEquals(right ? RecheckVerdict.KEPT : RecheckVerdict.CORRECTED, RecheckVerdict.of(parts.answer()).orElseThrow());
            if (againstFirstLine.isPresent()) withNamedParts++;
            else quoted++;
        }
        assertTrue(withNamedParts > 20 && quoted > 5, withNamedParts + " compared with named parts, " + quoted + " quoted again");
    }

    @Test
    void anEarlierNumberOrListHasItsPartsNamedWithWas() {
        assertEquals(Optional.of("ones was 9, tens was 1, hundreds was 2, thousands was 8, ten-thousands was 2"),
                AnswerComparison.partsThatWere("28219"));
        assertEquals(Optional.of("ones was 7"), AnswerComparison.partsThatWere("7"));
        assertEquals(Optional.of("first was 3, second was 5, third was 8, fourth was 6"),
                AnswerComparison.partsThatWere("3, 5, 8, 6"));
        for (String other : List.of("Friday", "prime", "-113", "9.11", "123456", "7 remainder 2", "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11")) {
            assertEquals(Optional.empty(), AnswerComparison.partsThatWere(other), other);
        }
        SplittableRandom rnd = new SplittableRandom(231);
        for (int i = 0; i < 1_000; i++) {
            int n = rnd.nextInt(0, 100_000);
            String reversed = new StringBuilder(String.valueOf(n)).reverse().toString();
            List<String> named = new ArrayList<>();
            for (int d = 0; d < reversed.length(); d++) {
                named.add(PLACES.get(d) + " was " + reversed.charAt(d));
            }
            assertEquals(Optional.of(String.join(", ", named)), AnswerComparison.partsThatWere(String.valueOf(n)));
        }
    }

    @Test
    void theNewAnswerIsNamedWithIsAndComparedByNameWithThePartsThatWere() {
        assertEquals("first is 3, second is 5, third is 6, fourth is 8. First: 3 = 3. Second: 5 = 5. Third: 6 < 8: not"
                        + " the same", AnswerComparison.againstPartsThatWere("3, 5, 6, 8", "3, 5, 8, 6").orElseThrow().sentence());
        assertEquals("ones is 9, tens is 1, hundreds is 1, thousands is 8, ten-thousands is 2. Ones: 9 = 9. Tens: 1 = 1."
                        + " Hundreds: 1 < 2: not the same",
                AnswerComparison.againstPartsThatWere("28119", "28219").orElseThrow().sentence());
        assertEquals("ones is 1, tens is 5, hundreds is 7, thousands is 1. Ones: 1 = 1. Tens: 5 = 5. Hundreds: 7 = 7."
                        + " Thousands: 1 against nothing: not the same",
                AnswerComparison.againstPartsThatWere("1751", "751").orElseThrow().sentence());
        assertEquals("ones is 0. Ones: 0 = 0. Tens: nothing against 1: not the same",
                AnswerComparison.againstPartsThatWere("0", "10").orElseThrow().sentence());
        assertEquals("first is 7, second is 9. First: 7 = 7. Second: 9 = 9: the same",
                AnswerComparison.againstPartsThatWere("7, 9", "7, 9").orElseThrow().sentence());
        for (String[] pair : new String[][] {{"123456", "12345"}, {"42", "4, 2"}, {"4, 2", "42"}, {"Friday", "5"},
                {"-5", "5"}}) {
            assertEquals(Optional.empty(), AnswerComparison.againstPartsThatWere(pair[0], pair[1]), String.join(" vs ", pair));
        }
        SplittableRandom rnd = new SplittableRandom(232);
        for (int i = 0; i < 2_000; i++) {
            List<Integer> a = TwentySecondEditionTeacherTest.numbers(rnd);
            List<Integer> b = rnd.nextBoolean() ? a : TwentySecondEditionTeacherTest.numbers(rnd);
            AnswerComparison c = AnswerComparison.againstPartsThatWere(SortingFamily.join(a), SortingFamily.join(b))
                    .orElseThrow();
            assertEquals(a.equals(b), c.same(), a + " vs " + b);
            List<String> named = new ArrayList<>();
            for (int k = 0; k < a.size(); k++) {
                named.add(POSITIONS.get(k) + " is " + a.get(k));
            }
            assertEquals(String.join(", ", named) + ". ", c.preamble());
            int first = 0;
            while (first < Math.min(a.size(), b.size()) && a.get(first).equals(b.get(first))) {
                first++;
            }
            assertEquals(a.equals(b) ? a.size() : first + 1, c.steps().size(), a + " vs " + b);
            String last = c.steps().get(c.steps().size() - 1);
            String label = POSITIONS.get(c.steps().size() - 1);
            assertTrue(last.startsWith(Character.toUpperCase(label.charAt(0)) + label.substring(1) + ": "), last);
        }
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_THIRD, 8, 1);
    }
}
