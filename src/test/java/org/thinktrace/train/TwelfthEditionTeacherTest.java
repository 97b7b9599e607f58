package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The twelfth edition of the teacher: the eleventh edition whose column work first names each number's digits by
 * place and whose sharing divisions compare each multiple as less, equal or larger; everything else, the evaluation
 * included, is the eighth edition's.
 */
class TwelfthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher ELEVENTH = Teacher.of(TeacherEdition.ELEVENTH);
    private static final Teacher TWELFTH = Teacher.of(TeacherEdition.TWELFTH);
    private static final Pattern PLACES_LINE = Pattern.compile("Digits from the right: (\\d+) has ([^;]+); (\\d+) has ([^.]+)\\.\n");
    private static final Pattern NAMED = Pattern.compile("(ones|tens|hundreds|thousands|ten-thousands) (\\d)");
    private static final Pattern COLUMN = Pattern.compile("^(Ones|Tens|Hundreds|Thousands|Ten-thousands): (\\d) [+-] (\\d)\\b");
    /** The rows of a counted division, each with the comma after it: {@code 5 × 9 = 45 = 45, }. */
    private static final Pattern MULTIPLES = Pattern.compile("(\\d+ × \\d+ = \\d+ [≤<=>] \\d+, )+");
    private static final List<String> PLACE_NAMES = List.of("ones", "tens", "hundreds", "thousands", "ten-thousands");

    @Test
    void theTwelfthEditionRecipeTrainsFifteenThousandFiveHundredStepsWithTheEighthEditionsShares() {
        EditionRecipeCheck.assertFifteenThousandFiveHundredStepsWithTheSharesOf(EIGHTH, "twelfth-edition", TeacherEdition.TWELFTH, 12);
    }

    @Test
    void trainingAsksWhatTheEleventhEditionAsksAndOnlyColumnWorkAndSharingTracesChange() {
        Map<String, Integer> named = new HashMap<>();
        int sharing = 0;
        for (EditionRecipeCheck.Pair pair : EditionRecipeCheck.pairsAskingTheSame(ELEVENTH, TWELFTH, 4_000, 12)) {
            Problem a = pair.before();
            Problem b = pair.after();
            if (a.key().startsWith("share:")) {
                sharing++;
                assertEquals(MULTIPLES.matcher(a.response()).replaceAll(""), MULTIPLES.matcher(b.response()).replaceAll(""),
                        "a sharing trace differs from the eleventh edition's only in its rows of multiples: " + b.response());
                continue;
            }
            assertEquals(a.response(), PLACES_LINE.matcher(b.response()).replaceAll(""),
                    "the eleventh edition's trace with places lines: " + b.response());
            if (PLACES_LINE.matcher(b.response()).find()) {
                named.merge(b.family(), 1, Integer::sum);
            }
        }
        assertTrue(sharing > 20, sharing + " sharing problems");
        for (String family : List.of("addition", "subtraction", "multiplication")) {
            assertTrue(named.getOrDefault(family, 0) > 40, family + ": " + named);
        }
        assertTrue(Set.of("addition", "subtraction", "multiplication").containsAll(named.keySet()),
                "only column work names places: " + named);
    }

    @Test
    void aThreeWayStepComparesEveryMultipleAsLessEqualOrLargerAndGetsTheDigitAndRemainderRight() {
        CountedStepCheck.assertEveryStepCountsUp(Division.DigitSearch.COUNTED_THREE_WAY);
    }

    @Test
    void everySharingProblemsResponseIsRightAndComparesEachMultipleThreeWays() {
        CountedStepCheck.assertSharingProblemsCountUp(TeacherEdition.TWELFTH, 12, Division.DigitSearch.COUNTED_THREE_WAY);
    }

    @Test
    void theEvaluationAsksWhatTheEighthEditionsAsks() {
        SameEvaluation.assertAsksTheSame(EIGHTH, TWELFTH, 8, 1);
    }

    @Test
    void thePlacesLineNamesEachNumbersDigitsAndTheColumnsUseThem() {
        SplittableRandom rnd = new SplittableRandom(12);
        AdditionFamily addition = new AdditionFamily(TeacherEdition.TWELFTH);
        SubtractionFamily subtraction = new SubtractionFamily(TeacherEdition.TWELFTH);
        for (int i = 0; i < 400; i++) {
            int a = TaskFamily.withDigits(rnd, rnd.nextInt(1, 5));
            int b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 5));
            for (Solution solution : List.of(addition.solve(rnd, a, b), subtraction.solve(rnd, a, b))) {
                String response = solution.trace().thinking();
                Matcher line = PLACES_LINE.matcher(response);
                assertTrue(line.find(), response);
                int top = Integer.parseInt(line.group(1));
                int bottom = Integer.parseInt(line.group(3));
                assertEquals(List.of(Math.max(a, b), Math.min(a, b)), List.of(Math.max(top, bottom), Math.min(top, bottom)));
                Map<String, Integer> topDigits = digits(line.group(2), top);
                Map<String, Integer> bottomDigits = digits(line.group(4), bottom);
                int columns = 0;
                for (String row : response.substring(line.end()).split("\n")) {
                    Matcher column = COLUMN.matcher(row);
                    if (column.find() && !row.contains("Wait")) {
                        String place = column.group(1).toLowerCase();
                        assertEquals(topDigits.getOrDefault(place, 0), Integer.parseInt(column.group(2)), row);
                        assertEquals(bottomDigits.getOrDefault(place, 0), Integer.parseInt(column.group(3)), row);
                        columns++;
                    }
                }
                assertTrue(columns >= Math.max(String.valueOf(top).length(), String.valueOf(bottom).length()), response);
            }
        }
    }

    /** The digits a places list names, checked to be {@code number}'s from the ones up, one per place in order. */
    private static Map<String, Integer> digits(String list, int number) {
        Map<String, Integer> digits = new HashMap<>();
        Matcher m = NAMED.matcher(list);
        int place = 0;
        int value = 0;
        int scale = 1;
        while (m.find()) {
            assertEquals(PLACE_NAMES.get(place), m.group(1), list);
            int digit = Integer.parseInt(m.group(2));
            digits.put(m.group(1), digit);
            value += digit * scale;
            scale *= 10;
            place++;
        }
        assertEquals(number, value, list);
        assertEquals(String.valueOf(number).length(), place, "one place per digit: " + list);
        return digits;
    }
}
