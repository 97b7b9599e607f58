package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thinktrace.text.R1Response;
import org.junit.jupiter.api.Test;

/**
 * The forty-fifth edition of the teacher: the forty-fourth edition, with training list-statistics problems that ask the
 * mean of two to six numbers, and out-of-scope training questions that no longer ask one.
 */
class FortyFifthEditionTeacherTest {

    private static final Teacher EIGHTH = Teacher.of(TeacherEdition.EIGHTH);
    private static final Teacher FORTY_FOURTH = Teacher.of(TeacherEdition.FORTY_FOURTH);
    private static final Teacher FORTY_FIFTH = Teacher.of(TeacherEdition.FORTY_FIFTH);
    private static final Set<String> MEANS_REFUSED_BEFORE = Set.of("rates-average-of", "rates-mean-of");
    private static final Pattern LONG_DIVISION = Pattern.compile("So (\\d+) ÷ (\\d+) = (\\d+) remainder (\\d+)\\.");

    @Test
    void theRecipeTrainsTheFortyFourthEditionsFamiliesAndExportsTheAverageOfItsLastTenth() {
        EditionRecipeCheck.assertRecipeWithTheSharesOf(FORTY_FOURTH, "forty-fifth-edition", TeacherEdition.FORTY_FIFTH,
                45, 25_000, Set.of("list-statistics", "out-of-scope"));
        assertEquals(22_500, TrainingRecipe.fortyFifthEdition().exportedAverageFrom());
        assertEquals("forty-fifth", TeacherEdition.FORTY_FIFTH.label());
        assertTrue(TeacherEdition.FORTY_FIFTH.asksTheMean());
        assertFalse(TeacherEdition.FORTY_FOURTH.asksTheMean());
        assertTrue(TeacherEdition.FORTY_FIFTH.asksRatesAndUnitsOutOfScope());
        assertTrue(TeacherEdition.FORTY_FIFTH.asksTheLowerEdges());
    }

    /**
     * List statistics adds at least 15 training templates, all named {@code mean-}; the out-of-scope family drops the
     * forty-fourth edition's two means and keeps the rest; no other family changes.
     */
    @Test
    void listStatisticsAddsMeansAndTheOutOfScopeFamilyNoLongerRefusesThem() {
        for (int f = 0; f < FORTY_FOURTH.shares().size(); f++) {
            TaskFamily before = FORTY_FOURTH.shares().get(f).family();
            TaskFamily after = FORTY_FIFTH.shares().get(f).family();
            switch (after.name()) {
                case "list-statistics" -> {
                    List<Phrasing> added = ThirtyFirstEditionTeacherTest.addedTemplates(before, after);
                    added.forEach(p -> assertTrue(p.name().startsWith("mean-") && !p.heldOut(), p.toString()));
                    assertTrue(added.size() >= 15, added.toString());
                }
                case "out-of-scope" -> assertEquals(before.phrasings().stream()
                        .filter(p -> !MEANS_REFUSED_BEFORE.contains(p.name())).toList(), after.phrasings());
                default -> assertEquals(before.phrasings(), after.phrasings(), after.name());
            }
        }
    }

    /** The thirty-first edition's rule holds for the added templates. */
    @Test
    void noAddedTemplateSharesFourWordsInARowOrAWordWithOnlyTheHeldOutTemplates() {
        assertEquals(List.of(), ThirtyFirstEditionTeacherTest.heldOutOverlaps(FORTY_FOURTH,
                ThirtyFirstEditionTeacherTest.addedTemplates(new ListStatisticsFamily(TeacherEdition.FORTY_FOURTH),
                        new ListStatisticsFamily(TeacherEdition.FORTY_FIFTH))));
    }

    /**
     * About one training list problem in {@link ListStatisticsFamily#MEAN_ONE_IN} asks a mean (none in the forty-fourth
     * edition) of two to six numbers; each answer is the mean by an independent reference ({@link Means#meanOf}), to two decimal places, said
     * to be "about" it exactly when it was rounded, and its trace divides the list's sum by its count and checks it.
     */
    @Test
    void oneTrainingListProblemInFourAsksAMeanAnsweredToTwoDecimalPlaces() {
        for (TeacherEdition edition : List.of(TeacherEdition.FORTY_FOURTH, TeacherEdition.FORTY_FIFTH)) {
            ListStatisticsFamily family = new ListStatisticsFamily(edition);
            SplittableRandom rnd = new SplittableRandom(45);
            int means = 0;
            int rounded = 0;
            int whole = 0;
            int asked = 4_000;
            for (int n = 0; n < asked; n++) {
                Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
                if (!p.key().startsWith("mean:")) {
                    continue;
                }
                means++;
                List<Integer> numbers = Arrays.stream(p.key().substring("mean:".length()).split(", "))
                        .map(Integer::parseInt).toList();
                assertTrue(numbers.size() >= 2 && numbers.size() <= 6, p.key());
                assertTrue(p.phrasing().startsWith("mean-"), p.phrasing());
                assertEquals(Means.meanOf(numbers), p.answer(), p.key());
                assertTrue(AnswerChecker.isCorrect(p.response(), p.answer()), p.response());
                int total = numbers.stream().mapToInt(Integer::intValue).sum();
                Matcher division = LONG_DIVISION.matcher(p.response());
                assertTrue(division.find(), p.response());
                assertEquals(List.of(total, numbers.size(), total / numbers.size(), total % numbers.size()),
                        List.of(Integer.parseInt(division.group(1)), Integer.parseInt(division.group(2)),
                                Integer.parseInt(division.group(3)), Integer.parseInt(division.group(4))));
                assertTrue(p.response().contains("So the sum is " + total + "."), p.response());
                boolean isRounded = total * 100 % numbers.size() != 0;
                assertEquals(isRounded, p.response().contains("The mean is about **"), p.response());
                rounded += isRounded ? 1 : 0;
                whole += total % numbers.size() == 0 ? 1 : 0;
                String[] thinking = R1Response.parse(p.response()).thinking().strip().split("\n");
                assertTrue(thinking[thinking.length - 1].startsWith("Check: "), p.response());
            }
            if (edition == TeacherEdition.FORTY_FOURTH) {
                assertEquals(0, means);
            } else {
                assertEquals(1.0 / ListStatisticsFamily.MEAN_ONE_IN, means / (double) asked, 0.03, means + " of " + asked);
                assertTrue(rounded > 0 && whole > 0 && rounded + whole < means, rounded + " rounded, " + whole + " whole");
            }
        }
    }

    /** A remainder is written as its decimal, and the quotient and that decimal add up to the answer. */
    @Test
    void aRemainderIsWrittenAsADecimalOfTwoPlaces() {
        ListStatisticsFamily family = new ListStatisticsFamily(TeacherEdition.FORTY_FIFTH);
        Problem thirds = family.solve(new SplittableRandom(1), List.of(20, 29), ListStatisticsFamily.Statistic.MEAN)
                .askedAs(new Phrasings.Asked("mean of 20 and 29", "test"));
        assertEquals("24.5", thirds.answer());
        assertTrue(thirds.response().contains("1 ÷ 2 = 0.5. So the mean is 24 + 0.5 = 24.5."), thirds.response());
        assertTrue(thirds.response().contains("Check: 2 × 24 = 48, 48 + 1 = 49. Correct."), thirds.response());
        Problem sixths = family.solve(new SplittableRandom(1), List.of(50, 1, 50), ListStatisticsFamily.Statistic.MEAN)
                .askedAs(new Phrasings.Asked("mean of 50, 1, 50", "test"));
        assertEquals("33.67", sixths.answer());
        assertTrue(sixths.response().contains("2 ÷ 3 = 0.67, rounded. So the mean is 33 + 0.67 = 33.67."),
                sixths.response());
        assertTrue(sixths.response().contains("The mean is about **33.67**."), sixths.response());
    }

    /** The forty-fifth edition's out-of-scope training asks no mean; the forty-fourth edition's does. */
    @Test
    void outOfScopeTrainingNoLongerAsksAMean() {
        for (TeacherEdition edition : List.of(TeacherEdition.FORTY_FOURTH, TeacherEdition.FORTY_FIFTH)) {
            OutOfScopeFamily family = new OutOfScopeFamily(edition);
            SplittableRandom rnd = new SplittableRandom(45);
            int means = 0;
            int speeds = 0;
            for (int n = 0; n < 8_000; n++) {
                Problem p = family.generateForTraining(rnd, PhrasingSplit.TRAINING);
                means += MEANS_REFUSED_BEFORE.contains(p.phrasing()) ? 1 : 0;
                speeds += p.phrasing().equals("rates-bus-average") ? 1 : 0;
            }
            assertTrue(speeds > 0, edition.label());
            assertEquals(edition == TeacherEdition.FORTY_FIFTH, means == 0, edition.label() + ": " + means);
        }
    }

    /**
     * Whole training sets of the edition are written without error, means among them (a re-check of a mean compares
     * decimals), and the conversations that go on after a mean ask of its list what the earlier editions ask.
     */
    @Test
    void aTrainingSetHoldsMeansInConversationsToo() {
        List<Problem> set = FORTY_FIFTH.trainingSet(6_000, 45);
        List<Problem> means = set.stream().filter(p -> p.key().startsWith("mean:")).toList();
        assertTrue(means.size() > 20, means.size() + " means");
        assertTrue(means.stream().anyMatch(p -> !p.context().isEmpty()), "no mean in a later turn");
        List<String> wrong = new ArrayList<>();
        for (Problem p : set) {
            if (p.family().equals("list-statistics") && !AnswerChecker.isCorrect(p.response(), p.answer())) {
                wrong.add(p.question() + " -> " + p.answer());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The probe's means read as none of the mean templates, so that it measures more than recall. */
    @Test
    void theProbesMeansReadAsNoMeanTemplate() {
        List<Phrasing> training = new ListStatisticsFamily(TeacherEdition.FORTY_FIFTH).phrasings().stream()
                .filter(p -> p.name().startsWith("mean-")).toList();
        assertFalse(training.isEmpty());
        List<String> read = new ArrayList<>();
        for (String q : Means.meanQuestions()) {
            training.stream().filter(p -> p.reads(q)).forEach(p -> read.add(q + " reads as " + p.pattern()));
        }
        assertEquals(List.of(), read);
    }

    /** The probe's expected means, checked by hand. */
    @Test
    void theProbesReferenceMeansAreRight() {
        assertEquals("7", Means.meanOf(List.of(4, 8, 9)));
        assertEquals("8.5", Means.meanOf(List.of(7, 10)));
        assertEquals("43", Means.meanOf(List.of(40, 42, 47)));
        assertEquals("97.67", Means.meanOf(List.of(99, 98, 96)));
        assertEquals("14.33", Means.meanOf(List.of(11, 13, 19)));
    }

    /** The evaluation asks exactly what the eighth edition's asks: the change is to training problems only. */
    @Test
    void itsEvaluationIsTheEighthEditions() {
        SameEvaluation.assertAsksTheSame(EIGHTH, FORTY_FIFTH, 8, 1);
    }
}
