package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fixed split keeps evaluation problems out of training data, deterministically. */
class DataSplitTest {

    private final Teacher teacher = Teacher.of(TeacherEdition.SECOND);

    @Test
    void evaluationProblemsNeverOccurInTrainingData() {
        List<Problem> train = teacher.trainingSet(20_000, 1);
        List<Problem> eval = teacher.evaluationSet(100, 2);
        Set<String> trainKeys = train.stream().map(Problem::key).collect(Collectors.toSet());
        Set<String> trainQuestions = train.stream().map(Problem::question).collect(Collectors.toSet());
        for (Problem p : eval) {
            assertEquals(DataSplit.EVAL, p.split());
            assertTrue(!trainKeys.contains(p.key()), "evaluation key in training data: " + p.key());
            assertTrue(!trainQuestions.contains(p.question()), "evaluation question in training data: " + p.question());
        }
        // out-of-scope questions have no problem behind them: they are held out by phrasing, not by key
        assertTrue(train.stream().filter(p -> !p.family().equals("out-of-scope")).allMatch(p -> p.split() == DataSplit.TRAIN));
    }

    @Test
    void evaluationSetCoversEveryFamilyWithDistinctProblemsWherePossible() {
        List<Problem> eval = teacher.evaluationSet(100, 3);
        assertEquals(100 * teacher.families().size(), eval.size());
        for (TaskFamily family : teacher.families()) {
            long distinct = eval.stream().filter(p -> p.family().equals(family.name())).map(Problem::key).distinct().count();
            long expectedAtLeast = family.name().equals("primality") ? 10 : 90;
            assertTrue(distinct >= expectedAtLeast, family.name() + ": only " + distinct + " distinct evaluation problems");
        }
    }

    @Test
    void splitIsAFixedFunctionOfTheKeyAndTakesAboutOneKeyInTen() {
        long eval = IntStream.range(0, 20_000).mapToObj(i -> "addition:" + i + "+" + (i * 7 % 1000))
                .filter(k -> DataSplit.of(k) == DataSplit.EVAL).count();
        assertTrue(eval > 1700 && eval < 2300, "evaluation share out of 20000 keys: " + eval);
        for (int i = 0; i < 100; i++) {
            String key = "prime:" + i;
            assertEquals(DataSplit.of(key), DataSplit.of(new String(key.toCharArray())));
        }
    }

    @Test
    void sameSeedGivesTheSameProblems() {
        assertEquals(teacher.trainingSet(500, 9), teacher.trainingSet(500, 9));
        assertEquals(teacher.evaluationSet(5, 9), teacher.evaluationSet(5, 9));
    }
}
