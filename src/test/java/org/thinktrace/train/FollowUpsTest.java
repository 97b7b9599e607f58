package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Conversations of two and three turns: how often they occur, that every turn stays in its split,
 * and that each later turn's answer is what the question asks of the conversation, computed here
 * from the question text and the earlier answer alone.
 */
class FollowUpsTest {

    private static final Teacher SECOND = Teacher.of(TeacherEdition.SECOND);
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void aFifthOfTrainingExamplesAreLaterTurnsAThirdOfThemThirdTurns() {
        List<Problem> training = SECOND.trainingSet(10_000, 1);
        long later = training.stream().filter(p -> p.turns() > 1).count();
        long third = training.stream().filter(p -> p.turns() == 3).count();
        assertEquals(Teacher.FOLLOW_UP_RATE * 10_000, later, 150);
        assertEquals(later * Teacher.THREE_TURN_RATE, third, 100);
        assertTrue(training.stream().allMatch(p -> p.turns() <= 3));
    }

    @Test
    void everyTurnOfAConversationStaysInItsSplit() {
        for (Problem p : SECOND.trainingSet(3000, 2)) {
            if (!p.family().equals("out-of-scope")) {
                assertEquals(DataSplit.TRAIN, p.split(), p.key());
            }
        }
        for (Problem p : SECOND.followUpSet(60, 2)) {
            assertEquals(DataSplit.EVAL, p.split(), p.key());
            assertTrue(p.turns() == 2 || p.turns() == 3);
        }
    }

    @Test
    void theEvaluationCyclesThroughTheKindsOfLaterTurn() {
        List<Problem> followUps = SECOND.followUpSet(40, 3);
        for (int i = 0; i < followUps.size(); i++) {
            Problem p = followUps.get(i);
            Problem.Exchange before = p.context().get(p.context().size() - 1);
            String shown = AnswerChecker.extract(before.response()).orElseThrow();
            switch (i % 4) {
                case 0 -> assertTrue(!FollowUps.isRecheck(p) && !p.response().contains("The previous answer was")
                        && !p.response().contains("The numbers from before"), p.question());
                case 1 -> assertTrue(p.response().contains("The previous answer was")
                        || p.response().contains("The numbers from before"), p.response());
                case 2 -> {
                    assertTrue(FollowUps.isRecheck(p));
                    assertTrue(AnswerChecker.sameAnswer(shown, p.answer()), "the answer shown was right");
                    assertTrue(answerText(p).startsWith("Yes. "), p.response());
                }
                default -> {
                    assertTrue(FollowUps.isRecheck(p));
                    assertTrue(!AnswerChecker.sameAnswer(shown, p.answer()), "the answer shown was wrong");
                    assertTrue(answerText(p).startsWith("No, I made a mistake. "), p.response());
                }
            }
            assertEquals(2 + (i / 4) % 2, p.turns());
        }
    }

    /** Independent solver for turns that build on the previous answer, from the words of the question. */
    @Test
    void turnsOnThePreviousAnswerComputeWhatTheyAsk() {
        int checked = 0;
        for (Problem p : SECOND.trainingSet(20_000, 4)) {
            boolean onNumber = p.response().startsWith("<think>\nThe previous answer was");
            if (p.turns() == 1 || !(onNumber || p.response().startsWith("<think>\nThe numbers from before"))) {
                continue;
            }
            Problem.Exchange before = p.context().get(p.context().size() - 1);
            String previous = AnswerChecker.extract(before.response()).orElseThrow();
            String q = p.question().toLowerCase(Locale.ROOT);
            String expected;
            if (onNumber) {
                long n = Long.parseLong(previous);
                long b = Long.parseLong(number(q));
                expected = String.valueOf(q.contains("subtract") || q.contains("minus") || q.contains("away")
                        ? n - b : q.contains("add") || q.contains("plus") ? n + b : n * b);
            } else {
                // the list is in the latest earlier question that has one ("and the largest?" has none)
                List<Long> numbers = p.context().reversed().stream().map(e -> numbersOf(e.question()))
                        .filter(list -> list.size() >= 2).findFirst().orElseThrow();
                boolean sorts = q.matches(".*(order|sort| to ).*");
                expected = sorts ? numbers.stream().sorted(q.matches(".*(descending|largest to|biggest to).*")
                                ? Comparator.reverseOrder() : Comparator.naturalOrder())
                        .map(String::valueOf).collect(Collectors.joining(", "))
                        : q.matches(".*(smallest|minimum).*") ? String.valueOf(numbers.stream().min(Long::compare).orElseThrow())
                        : q.matches(".*(largest|maximum|biggest).*") ? String.valueOf(numbers.stream().max(Long::compare).orElseThrow())
                        : String.valueOf(numbers.stream().mapToLong(Long::longValue).sum());
            }
            assertTrue(AnswerChecker.isCorrect(p.response(), expected),
                    () -> "after \"" + before.question() + "\" → " + previous + ", \"" + p.question() + "\" should give "
                            + expected + ":\n" + p.response());
            checked++;
        }
        assertTrue(checked > 300, "only " + checked + " turns on a previous answer");
    }

    @Test
    void areYouSureSolvesTheProblemAgainAndNamesBothAnswers() {
        for (Problem p : SECOND.followUpSet(40, 5)) {
            if (!FollowUps.isRecheck(p)) {
                continue;
            }
            Problem.Exchange before = p.context().get(p.context().size() - 1);
            String shown = AnswerChecker.extract(before.response()).orElseThrow();
            String right = AnswerChecker.extract(p.response()).orElseThrow();
            assertTrue(p.response().contains("Before I said " + shown + "; now I get " + right + "."), p.response());
            assertTrue(AnswerChecker.sameAnswer(right, p.answer()));
        }
    }

    @Test
    void aWrongAnswerDiffersOnlyInItsBoldPart() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(6);
        for (Problem p : SECOND.evaluationSet(5, 6)) {
            FollowUps.withWrongAnswer(rnd, p).ifPresent(shown -> {
                String wrong = AnswerChecker.extract(shown.response()).orElseThrow();
                assertTrue(!AnswerChecker.sameAnswer(wrong, p.answer()), shown.response());
                assertEquals(p.response().replace("**" + AnswerChecker.extract(p.response()).orElseThrow() + "**", "**" + wrong + "**"),
                        shown.response());
                if (p.family().equals("sorting")) {
                    assertEquals(Arrays.stream(p.answer().split(", ")).sorted().toList(),
                            Arrays.stream(wrong.split(", ")).sorted().toList(), "the same numbers, two swapped");
                }
            });
        }
    }

    private static String answerText(Problem p) {
        return p.response().substring(p.response().indexOf("</think>\n\n") + "</think>\n\n".length());
    }

    private static String number(String text) {
        Matcher m = NUMBER.matcher(text);
        assertTrue(m.find(), text);
        return m.group();
    }

    private static List<Long> numbersOf(String text) {
        return NUMBER.matcher(text).results().map(m -> Long.parseLong(m.group())).toList();
    }
}
