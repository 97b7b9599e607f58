package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TeacherSharesTest {

    // The share mechanism is the same in both editions; the first edition's examples are all
    // single-turn, so every example's family is the family its position in the round asked for.
    @Test
    void trainingProblemsFollowTheShares() {
        Teacher teacher = Teacher.of(TeacherEdition.FIRST);
        int round = teacher.roundSize();
        List<Problem> problems = teacher.trainingSet(round * 40, 3);
        Map<String, Long> counts = problems.stream()
                .collect(Collectors.groupingBy(Problem::family, Collectors.counting()));
        for (Teacher.FamilyShare share : teacher.shares()) {
            assertEquals(40L * share.share(), counts.get(share.family().name()), share.family().name());
        }
    }

    @Test
    void sharesAreSpreadOverTheRoundNotBunched() {
        Teacher teacher = Teacher.of(TeacherEdition.FIRST);
        int round = teacher.roundSize();
        List<String> families = teacher.trainingSet(round * 3, 4).stream().map(Problem::family).toList();
        for (int i = 1; i < round; i++) {
            assertNotEquals(families.get(i - 1), families.get(i), "same family twice in a row at " + i);
        }
        Map<String, Integer> shareOf = teacher.shares().stream()
                .collect(Collectors.toMap(s -> s.family().name(), Teacher.FamilyShare::share));
        for (String family : shareOf.keySet()) {
            int last = -1;
            for (int i = 0; i < families.size(); i++) {
                if (families.get(i).equals(family)) {
                    if (last >= 0) {
                        int gap = i - last;
                        int even = (int) Math.ceil(round / (double) shareOf.get(family));
                        assertTrue(gap <= 2 * even, family + ": gap " + gap + " where an even spread gives " + even);
                    }
                    last = i;
                }
            }
        }
    }

    @Test
    void evenTeacherTakesTurns() {
        List<TaskFamily> families = List.of(new AdditionFamily(TeacherEdition.FIRST), new WeekdayFamily(TeacherEdition.FIRST),
                new SortingFamily(TeacherEdition.FIRST));
        List<String> names = Teacher.evenly(TeacherEdition.FIRST, families).trainingSet(9, 5).stream().map(Problem::family).toList();
        assertEquals(List.of("addition", "weekday", "sorting", "addition", "weekday", "sorting",
                "addition", "weekday", "sorting"), names);
    }

    @Test
    void sharesDoNotChangeTheEvaluationSet() {
        List<TaskFamily> families = Teacher.of(TeacherEdition.SECOND).families();
        Function<Problem, String> key = p -> p.family() + "/" + p.key() + "/" + p.question();
        assertEquals(Teacher.evenly(TeacherEdition.SECOND, families).evaluationSet(5, 1).stream().map(key).toList(),
                Teacher.of(TeacherEdition.SECOND).evaluationSet(5, 1).stream().map(key).toList());
    }

    @Test
    void theSecondEditionAddsTheOutOfScopeFamilyAndKeepsItOutOfThePerFamilyRows() {
        Teacher teacher = Teacher.of(TeacherEdition.SECOND);
        assertEquals(11, teacher.shares().size());
        assertEquals(10, teacher.families().size());
        assertTrue(teacher.families().stream().allMatch(TaskFamily::inScope));
        assertEquals(List.of("out-of-scope"), teacher.shares().stream().map(s -> s.family().name())
                .filter(n -> teacher.families().stream().noneMatch(f -> f.name().equals(n))).toList());
    }

    @Test
    void aShareBelowOneIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Teacher.FamilyShare(new PrimalityFamily(TeacherEdition.SECOND), 0));
        assertTrue(e.getMessage().contains("primality"), e.getMessage());
    }
}
