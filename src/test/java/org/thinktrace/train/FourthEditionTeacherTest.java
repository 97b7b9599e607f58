package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;
import org.thinktrace.text.R1Response;

/**
 * The fourth edition of the teacher: every answer right by a computation in this test from the
 * problem's key, every stated calculation true, letter counts decided one letter at a time, held-out
 * templates kept honest by a mechanical rule (no training question shares four words in a row with a
 * held-out template), the re-check that restates the earlier answer, the shares, and what the corpus
 * looks like (composed questions, cue words, shorter refusals).
 */
class FourthEditionTeacherTest {

    private static final Teacher FOURTH = Teacher.of(TeacherEdition.FOURTH);
    private static final Teacher THIRD = Teacher.of(TeacherEdition.THIRD);
    private static final List<Problem> TRAINING = FOURTH.trainingSet(3000, 11);
    private static final List<Problem> THIRD_TRAINING = THIRD.trainingSet(3000, 11);
    private static final Pattern INT = Pattern.compile("\\d+");
    private static final Pattern WORD = Pattern.compile("[a-z']+|\\{[a-z-]+}|\\d+|\\n");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z-]+}");

    @Test
    void theFourthEditionRecipeUsesCpuFeatureKernelsAndTheEarlierOnesStayReproducible() {
        TrainingRecipe fourth = TrainingRecipe.byId("fourth-edition");
        assertEquals(TeacherEdition.FOURTH, fourth.teacher());
        assertEquals(MklDispatch.CPU_FEATURES, fourth.mklDispatch());
        assertEquals(13_000, fourth.settings().steps());
        assertEquals(" --recipe fourth-edition", fourth.trainArguments());
        assertEquals(TeacherEdition.THIRD, TrainingRecipe.byId("third-edition").teacher());
        assertEquals(" --recipe third-edition", TrainingRecipe.thirdEdition().trainArguments());
        assertEquals(19_000, TrainingRecipe.thirdEdition().settings().steps());
        for (TrainingRecipe reproduced : List.of(TrainingRecipe.thirdEdition(), TrainingRecipe.secondEdition(),
                TrainingRecipe.firstEdition())) {
            assertEquals(MklDispatch.MKL_DEFAULT, reproduced.mklDispatch(), reproduced.id());
        }
        assertEquals(TeacherEdition.FOURTH, TeacherEdition.of(4));
    }

    @Test
    void everyAnswerIsTheOneAnIndependentComputationFindsAndEveryStatedCalculationIsTrue() {
        int calculations = 0;
        for (Problem p : TRAINING) {
            assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.question() + "\n" + p.response());
            if (p.family().equals("out-of-scope")) {
                assertTrue(OutOfScopeFamily.isRefusal(p.response()), p.response());
                continue;
            }
            String expected = independentAnswer(p);
            assertTrue(AnswerChecker.sameAnswer(expected, p.answer()), () -> p.key() + " asked as '" + p.question()
                    + "': expected " + expected + ", the teacher said " + p.answer());
            String[] lines = p.response().substring(0, p.response().indexOf("</think>")).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!(i + 1 < lines.length && lines[i + 1].startsWith("Wait,"))) {
                    calculations += TeacherTracesTest.checkCalculations(lines[i], p);
                }
            }
        }
        assertTrue(calculations > 5000, calculations + " calculations checked");
    }

    @Test
    void letterCountsCompareEveryLetterWithTheOneCountedAndCarryTheCount() {
        Pattern item = Pattern.compile("([a-z])([=≠])([a-z]) (\\d+)");
        int checked = 0;
        for (Problem p : TRAINING) {
            if (!p.family().equals("letter-count") || !p.context().isEmpty()) {
                continue;
            }
            String[] key = p.key().split(":");
            char letter = key[1].charAt(0);
            String word = key[2];
            List<String> lines = List.of(R1Response.parse(p.response()).thinking().split("\n"));
            String full = lines.stream().filter(l -> l.endsWith(".") && item.matcher(l).lookingAt()).findFirst().orElseThrow();
            Matcher m = item.matcher(full);
            int at = 0;
            int count = 0;
            while (m.find()) {
                char c = word.charAt(at++);
                count += c == letter ? 1 : 0;
                assertEquals(c + (c == letter ? "=" : "≠") + letter + " " + count, m.group(), p.response());
            }
            assertEquals(word.length(), at, p.response());
            assertEquals(String.valueOf(count), p.answer());
            if (p.selfCorrected()) {
                String slip = lines.get(lines.indexOf(full) - 2);
                assertTrue(slip.endsWith(letter + "≠" + letter + " " + (slip.split(", ").length > 1
                        ? LetterCountFamily.comparisons(word.substring(0, slip.split(", ").length - 1), letter).replaceAll(".* ", "")
                        : "0")), slip);
                assertTrue(word.startsWith(slip.replaceAll("([a-z])[=≠][a-z] \\d+(, )?", "$1")), slip + " / " + word);
            }
            checked++;
        }
        assertTrue(checked > 400, checked + " letter counts");
    }

    /**
     * The rule that keeps held-out templates honest: no template the fourth edition adds, with any
     * training opening and closing, contains four words in a row that stand in a row in a held-out
     * template of any family between two of its slots (ignoring case and punctuation); the templates
     * of earlier editions share exactly the runs listed in {@link #EARLIER_OVERLAPS} and no more; no
     * training question reads as a held-out template of its family filled in. Checked on every
     * training template with every opening and closing, and on drawn training questions.
     */
    @Test
    void noTemplateTheFourthEditionAddsSharesFourWordsInARowWithAHeldOutTemplate() {
        Map<String, String> heldOutRuns = new HashMap<>();
        allFamilies().forEach(f -> f.phrasings().stream().filter(Phrasing::heldOut)
                .forEach(h -> runs(h.pattern()).forEach(run -> heldOutRuns.put(run, h.name()))));
        Set<String> earlier = new HashSet<>();
        THIRD.shares().forEach(s -> s.family().phrasings().forEach(t -> earlier.add(s.family().name() + "/" + t.pattern())));
        List<String> added = new ArrayList<>();
        Set<String> earlierOverlaps = new java.util.TreeSet<>();
        allFamilies().forEach(f -> f.phrasings().stream().filter(t -> !t.heldOut()).forEach(t -> {
            List<String> found = overlaps(t.pattern(), heldOutRuns);
            if (earlier.contains(f.name() + "/" + t.pattern())) {
                earlierOverlaps.addAll(found);
            } else {
                found.forEach(o -> added.add(o + " in \"" + t.pattern() + "\""));
            }
        }));
        FollowUps.phrasings().forEach(t -> earlierOverlaps.addAll(overlaps(t.pattern(), heldOutRuns)));
        assertEquals(List.of(), added);
        assertEquals(EARLIER_OVERLAPS, earlierOverlaps);
        Map<String, List<java.util.function.Predicate<String>>> heldOut = allFamilies().collect(Collectors.toMap(
                TaskFamily::name, f -> f.phrasings().stream().filter(Phrasing::heldOut).map(Phrasing::reader).toList()));
        int composed = 0;
        for (Problem p : TRAINING) {
            if (!p.context().isEmpty()) {
                continue;
            }
            if (p.phrasing().startsWith("composed")) {
                composed++;
                for (String run : runs(p.question())) {
                    assertFalse(heldOutRuns.containsKey(run), "'" + run + "' of " + heldOutRuns.get(run) + " in " + p.question());
                }
            }
            // A first-edition template that itself reads as a held-out one ("min({list}) = ?" as "{plus} =") is no leak.
            Phrasing own = family(p.family()).phrasings().stream().filter(t -> t.name().equals(p.phrasing())).findFirst().orElseThrow();
            assertTrue(heldOut.get(p.family()).stream().noneMatch(h -> h.test(p.question()) && !h.test(own.pattern())), p.question());
        }
        assertTrue(composed > 800, composed + " composed questions checked");
    }

    /**
     * The four-word runs that templates of earlier editions (first-edition templates among them, which
     * stay so that the first edition reproduces) share with held-out templates, with or without a
     * training opening: "Tell me: how many …" against "Could you tell me how many times …", "Sort these
     * numbers from smallest to largest" against "Rank these from smallest to largest - …". The fourth
     * edition keeps them and adds none.
     */
    private static final Set<String> EARLIER_OVERLAPS = new java.util.TreeSet<>(List.of(
            "day will it be | it-is-today-days-from-now",
            "dollars each how much | spends-on-remains",
            "from largest to smallest | order-largest-to-smallest-spaces",
            "from smallest to largest | rank-smallest-first",
            "me how many times | could-you-tell",
            "out the sum of | work-out-the-sum-of-list",
            "tell me how many | could-you-tell",
            "today what day was | it-is-today-days-ago",
            "what day is it | starting-on-count-days",
            "what day was it | it-is-today-days-ago",
            "what day will it | it-is-today-days-from-now",
            "what do you get | added-to",
            "what is the largest | largest-city",
            "what is the total | gets-as-a-gift",
            "which day is it | counting-back",
            "work out the sum | work-out-the-sum-of-list",
            "you work out the | could-you-work-out-ago"));

    /**
     * The four-word runs of {@code template}, with every training opening and closing, found in
     * {@code forbidden}. A run spans an opening and a closing at once only in a template of fewer than
     * three words and slots; other templates are read with each opening and with each closing.
     */
    private static List<String> overlaps(String template, Map<String, String> forbidden) {
        Set<String> out = new java.util.TreeSet<>();
        List<String> forms = new ArrayList<>();
        for (String open : Teacher.concat(List.of(""), SurfaceForms.TRAINING_PREFIXES)) {
            for (String close : Teacher.concat(List.of(""), SurfaceForms.TRAINING_SUFFIXES)) {
                if (open.isEmpty() || close.isEmpty() || WORD.matcher(template).results().count() < 3) {
                    forms.add(open + template + close);
                }
            }
        }
        for (String form : forms) {
            for (String run : runs(form)) {
                if (forbidden.containsKey(run)) {
                    out.add(run + " | " + forbidden.get(run));
                }
            }
        }
        return List.copyOf(out);
    }

    @Test
    void areYouSureRestatesTheEarlierAnswerFirstAndComparesBothSideBySide() {
        int checked = 0;
        for (Problem p : FOURTH.followUpSet(80, 3)) {
            if (!FollowUps.isRecheck(p)) {
                continue;
            }
            String shown = AnswerChecker.extract(p.context().getLast().response()).orElseThrow();
            String now = AnswerChecker.extract(p.response()).orElseThrow();
            String[] lines = R1Response.parse(p.response()).thinking().split("\n");
            assertEquals("My answer was " + shown + ".", lines[0]);
            boolean same = AnswerChecker.sameAnswer(shown, now);
            assertEquals("Now: " + now + ". Before: " + shown + ". "
                    + (same ? "The same, so the answer stands." : "Not the same, so my earlier answer was wrong."),
                    lines[lines.length - 1]);
            assertTrue(R1Response.parse(p.response()).answer().startsWith(same ? "Yes. " : "No, I made a mistake. "));
            checked++;
        }
        assertTrue(checked >= 30, checked + " re-checks");
    }

    @Test
    void sharesRestoreLetterCountingAndPrimality() {
        assertTrue(share(FOURTH, "letter-count") >= 8 / 40.0, String.valueOf(share(FOURTH, "letter-count")));
        assertTrue(share(FOURTH, "primality") >= 3 / 40.0, String.valueOf(share(FOURTH, "primality")));
        long letters = TRAINING.stream().filter(p -> p.family().equals("letter-count") && p.context().isEmpty()).count();
        assertEquals(3000 * 0.8 * share(FOURTH, "letter-count"), letters, 3000 * 0.03);
    }

    @Test
    void halfOfTheQuestionsAreComposedAndCarryOtherFamiliesCueWords() {
        List<Problem> first = TRAINING.stream().filter(p -> p.context().isEmpty() && p.family().indexOf("out-of") != 0).toList();
        double composed = first.stream().filter(p -> p.phrasing().startsWith("composed")).count() / (double) first.size();
        assertTrue(composed > 0.4 && composed < 0.6, composed + " of first questions composed");
        Set<String> cued = new HashSet<>();
        for (Problem p : first) {
            if (Pattern.compile("(?i)\\b(who|write|into|rows of|equals\\?)").matcher(p.question()).find()) {
                cued.add(p.family());
            }
        }
        assertTrue(cued.size() >= 9, "in-scope families asked with out-of-scope cue words: " + cued);
        long thirdTemplates = THIRD_TRAINING.stream().map(p -> p.family() + "/" + p.phrasing()).distinct().count();
        long fourthTemplates = TRAINING.stream().map(p -> p.family() + "/" + p.phrasing()).distinct().count();
        assertTrue(fourthTemplates > 2 * thirdTemplates, fourthTemplates + " templates drawn against " + thirdTemplates);
        assertTrue(TRAINING.stream().anyMatch(p -> p.family().equals("out-of-scope") && INT.matcher(p.question()).find()),
                "no out-of-scope question carries a number");
    }

    @Test
    void refusalsAreShorterAndStillSayWhatTheModelIsCanDoAndWhereToGo() {
        double fourth = meanResponse(TRAINING, "out-of-scope");
        double third = meanResponse(THIRD_TRAINING, "out-of-scope");
        assertTrue(fourth < 0.75 * third, fourth + " against " + third + " characters");
        for (Problem p : TRAINING) {
            if (p.family().equals("out-of-scope") && p.context().isEmpty()) {
                R1Response r = R1Response.parse(p.response());
                assertTrue(r.thinking().contains("not one of the kinds of problem I was trained for"), r.thinking());
                assertTrue(r.answer().contains(OutOfScopeFamily.BRIEF_CAN_DO) && r.answer().contains("DeepSeek-R1"), r.answer());
            }
        }
    }

    /** The answer from the problem's key, after checking that the question names the key's numbers. */
    static String independentAnswer(Problem p) {
        String[] key = p.key().split(":", 2);
        List<Long> n = INT.matcher(key[1]).results().map(m -> Long.parseLong(m.group())).toList();
        if (p.context().isEmpty() && !p.family().equals("letter-count")) {
            for (long v : n) {
                assertTrue(Pattern.compile("(?<![\\d.])" + v + "(?![\\d])").matcher(p.question()).find()
                        || p.family().equals("decimal-comparison"), p.question() + " lacks " + v + " of " + p.key());
            }
        }
        return switch (key[0]) {
            case "addition" -> String.valueOf(n.get(0) + n.get(1));
            case "subtraction" -> String.valueOf((key[1].startsWith("-") ? -1 : 1) * n.get(0) - n.get(1));
            case "multiplication", "buy" -> String.valueOf(n.get(0) * n.get(1));
            case "change" -> String.valueOf(n.get(0) - n.get(1) * n.get(2));
            case "give" -> String.valueOf(n.get(0) - n.get(1));
            case "receive" -> String.valueOf(n.get(0) + n.get(1));
            case "share" -> String.valueOf(n.get(0) / n.get(1));
            case "letter" -> String.valueOf(key[1].substring(2).chars().filter(c -> c == key[1].charAt(0)).count());
            case "prime" -> TeacherTracesTest.naiveIsPrime(n.get(0)) ? "prime" : "not prime";
            case "min" -> String.valueOf(n.stream().min(Long::compare).orElseThrow());
            case "max" -> String.valueOf(n.stream().max(Long::compare).orElseThrow());
            case "sum" -> String.valueOf(n.stream().mapToLong(Long::longValue).sum());
            case "sort" -> n.stream().sorted(key[1].startsWith("desc") ? Comparator.reverseOrder() : Comparator.naturalOrder())
                    .map(String::valueOf).collect(Collectors.joining(", "));
            case "decimal" -> {
                List<BigDecimal> d = Stream.of(key[1].split(",")).map(BigDecimal::new).toList();
                // a re-check asks about the question before it
                String asked = FollowUps.isRecheck(p) ? p.context().getLast().question() : p.question();
                boolean smaller = Pattern.compile("(?i)small|smal|less|lower|tinier|shorter").matcher(asked).find();
                yield (smaller ? d.stream().min(Comparator.naturalOrder()) : d.stream().max(Comparator.naturalOrder()))
                        .orElseThrow().toPlainString();
            }
            case "weekday" -> {
                Matcher m = Pattern.compile("(\\w+)([+-])(\\d+)").matcher(key[1]);
                assertTrue(m.matches(), p.key());
                DayOfWeek start = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
                long days = Long.parseLong(m.group(3));
                String name = (m.group(2).equals("-") ? start.minus(days) : start.plus(days)).name();
                yield name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
            }
            default -> throw new AssertionError("no independent solver for " + p.key());
        };
    }

    /**
     * Every run of four words in a row in {@code text}, lowercase: a slot, a number or a line break ends
     * a run (the words around a slot are not one run), punctuation does not.
     */
    static Set<String> runs(String text) {
        return runs(text, 4);
    }

    /** Every run of {@code length} words in a row in {@code text}, lowercase, ended as {@link #runs(String)} ends one. */
    static Set<String> runs(String text, int length) {
        Set<String> out = new HashSet<>();
        List<String> stretch = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (true) {
            boolean found = m.find();
            String token = found ? m.group() : null;
            if (!found || PLACEHOLDER.matcher(token).matches() || Character.isDigit(token.charAt(0)) || token.equals("\n")) {
                for (int i = 0; i + length <= stretch.size(); i++) {
                    out.add(String.join(" ", stretch.subList(i, i + length)));
                }
                stretch.clear();
                if (!found) {
                    return out;
                }
            } else {
                stretch.add(token);
            }
        }
    }

    private static double meanResponse(List<Problem> problems, String family) {
        return problems.stream().filter(p -> p.family().equals(family) && p.context().isEmpty())
                .mapToInt(p -> p.response().length()).average().orElseThrow();
    }

    /** {@code family}'s share of {@code teacher}'s training problems, from 0 to 1. */
    static double share(Teacher teacher, String family) {
        return teacher.shares().stream().filter(s -> s.family().name().equals(family)).mapToInt(Teacher.FamilyShare::share)
                .sum() / (double) teacher.roundSize();
    }

    private static TaskFamily family(String name) {
        return allFamilies().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Stream<TaskFamily> allFamilies() {
        return FOURTH.shares().stream().map(Teacher.FamilyShare::family);
    }
}
