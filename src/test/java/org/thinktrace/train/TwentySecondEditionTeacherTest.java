package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twenty-second edition of the teacher: the twenty-first edition with a re-check of a whole number or a list
 * naming each answer's parts (digits by place, numbers by position) before comparing them by name; every other line of
 * every problem unchanged.
 */
class TwentySecondEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher TWENTY_FIRST = Teacher.of(TeacherEdition.TWENTY_FIRST);
    private static final Teacher TWENTY_SECOND = Teacher.of(TeacherEdition.TWENTY_SECOND);
    static final Pattern VERDICT_LINE = Pattern.compile(
            "Now: (.+?)\\. My answer was (.+?)\\. (.+)(, so the answer stands\\.|, so my earlier answer was wrong\\.)");
    static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern LIST = Pattern.compile("\\d+(, \\d+)+");
    static final List<String> PLACES = List.of("ones", "tens", "hundreds", "thousands", "ten-thousands");
    static final List<String> POSITIONS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth");

    @Test
    void theTwentySecondEditionRecipeTrainsTwentyFiveThousandStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(EIGHTH, "twenty-second-edition", TeacherEdition.TWENTY_SECOND, 22,
                25_000, Set.of("word-problem", "sorting", "list-statistics"));
        assertFalse(TeacherEdition.TWENTY_SECOND.comparesDivisionDigits());
        assertEquals("twenty-second", TeacherEdition.TWENTY_SECOND.label());
    }

    /**
     * Training problems, earlier turns included, are the twenty-first edition's word for word but for the verdict line
     * of a re-check of two whole numbers or two lists, which keeps its quotes and its verdict and names the parts
     * before comparing them.
     */
    @Test
    void onlyTheVerdictLineOfANumberOrListRecheckDiffersFromTheTwentyFirstEdition() {
        List<String> changedLines = new ArrayList<>();
        int rechecks = EditionRecipeCheck.responsesDifferingInOneLine(TWENTY_FIRST, TWENTY_SECOND, 4_000, 22,
                TwentySecondEditionTeacherTest::comparesNamedParts, (a, b) -> {
                    Matcher before = VERDICT_LINE.matcher(a);
                    Matcher after = VERDICT_LINE.matcher(b);
                    assertTrue(before.matches(), a);
                    assertTrue(after.matches(), b);
                    for (int group : new int[] {1, 2, 4}) {
                        assertEquals(before.group(group), after.group(group), b);
                    }
                    assertEquals(AnswerComparison.of(before.group(1), before.group(2)).sentence(), before.group(3));
                    assertEquals(AnswerComparison.forRecheck(after.group(1), after.group(2)).sentence(), after.group(3));
                    changedLines.add(b);
                });
        assertTrue(rechecks > 50, rechecks + " re-checks");
        for (String opening : List.of("Digits from the right: ", "Numbers from the left: ")) {
            for (String verdict : List.of("stands.", "wrong.")) {
                assertTrue(changedLines.stream().anyMatch(l -> l.contains(opening) && l.endsWith(verdict)),
                        opening + "… " + verdict);
            }
        }
    }

    /** Whether {@code p} is a re-check of two whole numbers of at most five digits, or of two lists. */
    private static boolean comparesNamedParts(Problem p) {
        if (!FollowUps.isRecheck(p)) return false;
        String said = AnswerChecker.extract(p.context().get(p.context().size() - 1).response()).orElseThrow();
        String now = AnswerChecker.extract(p.response()).orElseThrow();
        return WHOLE_NUMBER.matcher(now).matches() && WHOLE_NUMBER.matcher(said).matches()
                || LIST.matcher(now).matches() && LIST.matcher(said).matches();
    }

    /**
     * In every follow-up re-check the verdict line quotes the earlier answer as the first line does and compares as
     * {@link AnswerComparison#forRecheck} does, and that comparison and the answer's opening decide alike.
     */
    @Test
    void theVerdictLineComparesNamedParts() {
        NineteenthEditionTeacherTest.assertVerdictLines(TWENTY_SECOND, 22, "My answer was ", AnswerComparison::forRecheck);
    }

    @Test
    void wholeNumbersAreComparedByPlaceFromTheOnesUp() {
        assertEquals("Digits from the right: 28119 has ones 9, tens 1, hundreds 1, thousands 8, ten-thousands 2; 28219 has"
                        + " ones 9, tens 1, hundreds 2, thousands 8, ten-thousands 2. Ones: 9 = 9. Tens: 1 = 1. Hundreds: 1 < 2:"
                        + " not the same",
                AnswerComparison.forRecheck("28119", "28219").sentence());
        assertEquals("Digits from the right: 42 has ones 2, tens 4; 42 has ones 2, tens 4. Ones: 2 = 2. Tens: 4 = 4: the same",
                AnswerComparison.forRecheck("42", "42").sentence());
        assertEquals("Digits from the right: 1751 has ones 1, tens 5, hundreds 7, thousands 1; 751 has ones 1, tens 5,"
                        + " hundreds 7. Ones: 1 = 1. Tens: 5 = 5. Hundreds: 7 = 7. Thousands: 1 against nothing: not the same",
                AnswerComparison.forRecheck("1751", "751").sentence());
        assertEquals("Digits from the right: 0 has ones 0; 10 has ones 0, tens 1. Ones: 0 = 0. Tens: nothing against 1:"
                + " not the same", AnswerComparison.forRecheck("0", "10").sentence());
        assertThrows(IllegalArgumentException.class, () -> AnswerComparison.byPlace(123_456, 1));
        assertThrows(IllegalArgumentException.class, () -> AnswerComparison.byPlace(-5, 1));
        SplittableRandom rnd = new SplittableRandom(22);
        for (int i = 0; i < 2_000; i++) {
            int a = rnd.nextInt(0, 100_000);
            int nearby = Math.min(a + List.of(1, 10, 100).get(rnd.nextInt(3)), 99_999);
            int b = rnd.nextBoolean() ? a : rnd.nextBoolean() ? nearby : rnd.nextInt(0, 100_000);
            AnswerComparison c = AnswerComparison.byPlace(a, b);
            assertEquals(a == b, c.same(), a + " vs " + b);
            assertEquals("Digits from the right: " + places(a) + "; " + places(b) + ". ", c.preamble());
            String x = new StringBuilder(String.valueOf(a)).reverse().toString();
            String y = new StringBuilder(String.valueOf(b)).reverse().toString();
            int first = 0;
            while (first < Math.min(x.length(), y.length()) && x.charAt(first) == y.charAt(first)) {
                first++;
            }
            assertEquals(a == b ? x.length() : first + 1, c.steps().size(), a + " vs " + b);
            for (int s = 0; s < c.steps().size(); s++) {
                String name = PLACES.get(s);
                assertTrue(c.steps().get(s).startsWith(Character.toUpperCase(name.charAt(0)) + name.substring(1) + ": "),
                        c.steps().get(s));
            }
        }
    }

    @Test
    void listsAreComparedByPositionFromTheLeft() {
        assertEquals("Numbers from the left: 3, 5, 6, 8 has first 3, second 5, third 6, fourth 8; 3, 5, 8, 6 has first 3,"
                        + " second 5, third 8, fourth 6. First: 3 = 3. Second: 5 = 5. Third: 6 < 8: not the same",
                AnswerComparison.forRecheck("3, 5, 6, 8", "3, 5, 8, 6").sentence());
        assertEquals("Numbers from the left: 532, 452 has first 532, second 452; 532, 452 has first 532, second 452."
                + " First: 532 = 532. Second: 452 = 452: the same", AnswerComparison.forRecheck("532, 452", "532, 452").sentence());
        assertEquals("Numbers from the left: 7, 9 has first 7, second 9; 7 has first 7. First: 7 = 7. Second: 9 against"
                + " nothing: not the same", AnswerComparison.byPosition(List.of(7, 9), List.of(7)).sentence());
        assertThrows(IllegalArgumentException.class, () -> AnswerComparison.byPosition(List.of(), List.of(1)));
        SplittableRandom rnd = new SplittableRandom(23);
        for (int i = 0; i < 2_000; i++) {
            List<Integer> a = numbers(rnd);
            List<Integer> b = rnd.nextBoolean() ? a : numbers(rnd);
            AnswerComparison c = AnswerComparison.forRecheck(SortingFamily.join(a), SortingFamily.join(b));
            assertEquals(a.equals(b), c.same(), a + " vs " + b);
            assertEquals("Numbers from the left: " + positions(a) + "; " + positions(b) + ". ", c.preamble());
            int first = 0;
            while (first < Math.min(a.size(), b.size()) && a.get(first).equals(b.get(first))) {
                first++;
            }
            assertEquals(a.equals(b) ? a.size() : first + 1, c.steps().size(), a + " vs " + b);
        }
    }

    /** Words, decimals, negative numbers, numbers of six digits and mixed kinds keep the unit-by-unit walk. */
    @Test
    void otherAnswersAreComparedUnitByUnit() {
        for (String[] pair : new String[][] {{"prime", "not prime"}, {"-113", "-133"}, {"9.11", "9.9"},
                {"123456", "123457"}, {"Saturday", "Thursday"}, {"42", "4, 2"}}) {
            assertEquals(AnswerComparison.of(pair[0], pair[1]), AnswerComparison.forRecheck(pair[0], pair[1]),
                    String.join(" vs ", pair));
        }
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWENTY_SECOND, 8, 1);
    }

    private static String places(int n) {
        String reversed = new StringBuilder(String.valueOf(n)).reverse().toString();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < reversed.length(); i++) {
            named.add(PLACES.get(i) + " " + reversed.charAt(i));
        }
        return n + " has " + String.join(", ", named);
    }

    private static String positions(List<Integer> list) {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            named.add(POSITIONS.get(i) + " " + list.get(i));
        }
        return SortingFamily.join(list) + " has " + String.join(", ", named);
    }

    /** Two to six numbers below 1,000, repeats allowed. */
    static List<Integer> numbers(SplittableRandom rnd) {
        List<Integer> list = new ArrayList<>();
        int size = rnd.nextInt(2, 7);
        for (int i = 0; i < size; i++) {
            list.add(rnd.nextInt(0, 1_000));
        }
        return list;
    }
}
