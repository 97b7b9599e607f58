package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every family's traces reach the answer that an independent computation in this test finds from the
 * question (or, for letter counts and word problems, from the canonical key), have the R1 layout,
 * end their thinking with a check, and self-correct in a share of traces.
 */
class TeacherTracesTest {

    private static final int SAMPLES = 400;
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");

    static Stream<TaskFamily> families() {
        return Teacher.of(TeacherEdition.SECOND).families().stream();
    }

    private static List<Problem> sample(TaskFamily family, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            out.add(family.generate(rnd, i % 2 == 0 ? PhrasingSplit.TRAINING : PhrasingSplit.HELD_OUT));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("families")
    void answersMatchAnIndependentComputation(TaskFamily family) {
        for (Problem p : sample(family, 11)) {
            String expected = independentAnswer(p);
            assertTrue(AnswerChecker.sameAnswer(expected, p.answer()),
                    () -> p.family() + ": expected " + expected + " for '" + p.question() + "', teacher said " + p.answer());
            assertTrue(AnswerChecker.isCorrect(p.response(), expected),
                    () -> "final answer of the response is not " + expected + ":\n" + p.response());
            assertEquals(family.name(), p.family());
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void responsesHaveTheR1LayoutAndEndTheirThinkingWithACheck(TaskFamily family) {
        for (Problem p : sample(family, 12)) {
            String r = p.response();
            assertTrue(r.startsWith("<think>\n"), r);
            int close = r.indexOf("\n</think>\n\n");
            assertTrue(close > 0 && close == r.lastIndexOf("</think>") - 1, r);
            assertEquals(1, count(r, "<think>"), r);
            String thinking = r.substring("<think>\n".length(), close);
            String[] lines = thinking.split("\n");
            assertTrue(lines[lines.length - 1].startsWith("Check"), () -> "no closing check:\n" + r);
            String answer = r.substring(close + "\n</think>\n\n".length());
            assertFalse(answer.isBlank() || answer.contains("\n"), () -> "answer must be one short line:\n" + r);
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void slipsAreNoticedAndCorrected(TaskFamily family) {
        List<Problem> problems = sample(family, 13);
        List<Problem> slipped = problems.stream().filter(Problem::selfCorrected).toList();
        assertFalse(slipped.isEmpty(), family.name() + " never slips");
        for (Problem p : slipped) {
            assertTrue(thinking(p).contains("\nWait, "), p.response());
            assertTrue(AnswerChecker.isCorrect(p.response(), independentAnswer(p)), p.response());
        }
        for (Problem p : problems) {
            if (!p.selfCorrected()) {
                assertFalse(p.response().contains("Wait"), p.response());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void questionsComeInSeveralPhrasings(TaskFamily family) {
        Set<String> templates = new HashSet<>();
        for (Problem p : sample(family, 14)) {
            templates.add(template(p));
        }
        assertTrue(templates.size() >= 3, family.name() + " has only " + templates + " phrasings");
    }

    /** Every calculation a trace states is true, except the slip lines that a "Wait," line answers. */
    @ParameterizedTest
    @MethodSource("families")
    void everyStatedCalculationIsTrueOutsideTheSlips(TaskFamily family) {
        int checked = 0;
        for (Problem p : sample(family, 16)) {
            String[] lines = thinking(p).split("\n");
            for (int i = 0; i < lines.length; i++) {
                boolean slip = i + 1 < lines.length && lines[i + 1].startsWith("Wait,");
                if (slip) {
                    continue;
                }
                checked += checkCalculations(lines[i], p);
            }
        }
        assertTrue(family.name().equals("decimal-comparison") || family.name().equals("letter-count")
                || family.name().equals("sorting") || checked > SAMPLES / 2, family.name() + ": only " + checked + " calculations");
    }

    private static final Pattern CLAIM = Pattern.compile(
            "(?<!\\d\\.)(?<!\\d)(-?\\d+(?:\\s*[-+×]\\s*-?\\d+)+)\\s*=\\s*(-?\\d+)(?!\\.?\\d)(?!\\s*[-+×÷]\\s*\\d)");
    private static final Pattern REVERSED_CLAIM = Pattern.compile(
            "(?<!\\d\\.)(?<!\\d)(?<![-+×÷] )(-?\\d+)\\s*=\\s*(-?\\d+(?:\\s*[-+×]\\s*-?\\d+)+)(?!\\.?\\d)");
    private static final Pattern DIVISION = Pattern.compile("(\\d+) ÷ (\\d+) = (\\d+)(?: remainder (\\d+))?");

    static int checkCalculations(String line, Problem p) {
        int count = 0;
        Matcher claim = CLAIM.matcher(line);
        while (claim.find()) {
            assertEquals(Long.parseLong(claim.group(2)), evaluate(claim.group(1)),
                    () -> "false claim '" + claim.group() + "' in: " + line + "\n" + p.response());
            count++;
        }
        Matcher reversed = REVERSED_CLAIM.matcher(line);
        while (reversed.find()) {
            assertEquals(Long.parseLong(reversed.group(1)), evaluate(reversed.group(2)),
                    () -> "false claim '" + reversed.group() + "' in: " + line + "\n" + p.response());
            count++;
        }
        Matcher division = DIVISION.matcher(line);
        while (division.find()) {
            long n = Long.parseLong(division.group(1));
            long d = Long.parseLong(division.group(2));
            long q = Long.parseLong(division.group(3));
            long r = division.group(4) == null ? 0 : Long.parseLong(division.group(4));
            assertTrue(q * d + r == n && r < d, () -> "false division '" + division.group() + "' in: " + line);
            count++;
        }
        return count;
    }

    /** Evaluates sums and differences of products, e.g. {@code 2 × 7 + 6}. */
    private static long evaluate(String expression) {
        Matcher term = Pattern.compile("([-+]?)\\s*(-?\\d+(?:\\s*×\\s*-?\\d+)*)").matcher(expression.trim());
        long total = 0;
        while (term.find()) {
            long product = 1;
            for (String factor : term.group(2).split("×")) {
                product *= Long.parseLong(factor.trim());
            }
            total += term.group(1).equals("-") ? -product : product;
        }
        return total;
    }

    @org.junit.jupiter.api.Test
    void aboutOneTraceInSevenSelfCorrects() {
        List<Problem> all = Teacher.of(TeacherEdition.SECOND).trainingSet(3000, 15);
        double share = all.stream().filter(Problem::selfCorrected).count() / (double) all.size();
        assertTrue(share > 0.08 && share < 0.2, "share of self-corrected traces: " + share);
    }

    /** The answer computed from the question text (or the key) without the teacher's code. */
    private static String independentAnswer(Problem p) {
        String q = p.question();
        // questions hold no negative numbers; "594-8" is 594 minus 8
        List<Long> ints = Pattern.compile("\\d+").matcher(q).results().map(m -> Long.parseLong(m.group())).toList();
        return switch (p.family()) {
            case "addition" -> String.valueOf(ints.get(0) + ints.get(1));
            case "subtraction" -> {
                // "subtract B from A", "take B away from A", "B less than A" name the subtrahend first
                String lower = q.toLowerCase(Locale.ROOT);
                boolean subtrahendFirst = !lower.startsWith("from ")
                        && lower.matches("(?s).*(subtract|subract|away from|less than).*");
                yield String.valueOf(subtrahendFirst ? ints.get(1) - ints.get(0) : ints.get(0) - ints.get(1));
            }
            case "multiplication" -> String.valueOf(ints.get(0) * ints.get(1));
            case "decimal-comparison" -> {
                List<BigDecimal> d = DECIMAL.matcher(q).results().map(m -> new BigDecimal(m.group())).toList();
                boolean smaller = q.contains("smaller") || q.contains("less") || q.contains("smaler");
                yield (smaller ? d.stream().min(Comparator.naturalOrder()) : d.stream().max(Comparator.naturalOrder()))
                        .orElseThrow().toPlainString();
            }
            case "letter-count" -> {
                String[] key = p.key().split(":");
                assertTrue(q.contains(key[2]) && q.contains(key[1]), q);
                yield String.valueOf(key[2].chars().filter(c -> c == key[1].charAt(0)).count());
            }
            case "sorting" -> {
                boolean descending = q.matches("(?s).*(largest to|descending|decending|greatest to|biggest to|bigest to"
                        + "|decreasing|high to low|highest first).*");
                yield ints.stream().sorted(descending ? Comparator.reverseOrder() : Comparator.naturalOrder())
                        .map(String::valueOf).collect(Collectors.joining(", "));
            }
            case "list-statistics" -> {
                String lower = q.toLowerCase(Locale.ROOT);
                if (lower.matches("(?s).*(smallest|smalest|minimum|minimun|lowest|min\\().*")) {
                    yield String.valueOf(ints.stream().min(Long::compare).orElseThrow());
                }
                if (lower.matches("(?s).*(largest|largst|biggest|maximum|maxium|highest|max\\().*")) {
                    yield String.valueOf(ints.stream().max(Long::compare).orElseThrow());
                }
                yield String.valueOf(ints.stream().mapToLong(Long::longValue).sum());
            }
            case "primality" -> naiveIsPrime(ints.get(0)) ? "prime" : "not prime";
            case "weekday" -> {
                DayOfWeek start = Stream.of(DayOfWeek.values())
                        .filter(d -> q.toUpperCase(Locale.ROOT).contains(d.name())).findFirst().orElseThrow();
                long days = ints.get(0);
                boolean back = q.contains("ago") || q.contains("before") || q.contains("back");
                String name = (back ? start.minus(days) : start.plus(days)).name();
                yield name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
            }
            case "word-problem" -> wordProblemAnswer(p);
            default -> throw new AssertionError("no independent solver for " + p.family());
        };
    }

    /** Solves a word problem from its key, after checking the question names the key's numbers. */
    private static String wordProblemAnswer(Problem p) {
        String[] kindAndNumbers = p.key().split(":", 2);
        List<Long> numbers = INT.matcher(kindAndNumbers[1].replace('-', ' ')).results()
                .map(m -> Long.parseLong(m.group())).toList();
        for (long n : numbers) {
            assertTrue(Pattern.compile("\\b" + n + "\\b").matcher(p.question()).find(), p.question() + " lacks " + n);
        }
        return String.valueOf(switch (kindAndNumbers[0]) {
            case "buy" -> numbers.get(0) * numbers.get(1);
            case "change" -> numbers.get(0) - numbers.get(1) * numbers.get(2);
            case "give" -> numbers.get(0) - numbers.get(1);
            case "receive" -> numbers.get(0) + numbers.get(1);
            case "share" -> numbers.get(0) / numbers.get(1);
            default -> throw new AssertionError("unknown word problem " + p.key());
        });
    }

    static boolean naiveIsPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d < n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** The question with its numbers and problem-specific words blanked, leaving the phrasing. */
    private static String template(Problem p) {
        String t = p.question().replaceAll("\\d+(\\.\\d+)?", "#");
        List<String> specific = new ArrayList<>(WordProblemFamily.NAMES);
        specific.addAll(WordProblemFamily.ITEMS);
        specific.addAll(List.of("pens", "notebooks", "tickets", "erasers"));
        specific.addAll(WeekdayFamily.DAYS);
        if (p.family().equals("letter-count")) {
            String[] key = p.key().split(":");
            t = t.replace(key[2], "_");
            Matcher letter = Pattern.compile("(?<![a-z])" + key[1] + "(?![a-z])").matcher(t);
            t = letter.replaceAll("_");
        }
        for (String word : specific) {
            t = t.replace(word, "_");
        }
        return t;
    }

    private static String thinking(Problem p) {
        return p.response().substring(0, p.response().indexOf("</think>"));
    }

    private static int count(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }
}
