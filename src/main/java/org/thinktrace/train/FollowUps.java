package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.thinktrace.text.R1Response;

/**
 * Writes the later turns of a conversation: the next question after a finished turn and the
 * teacher's response to it, for each {@link FollowUpKind}. A turn that refers to the previous answer
 * starts its thinking by restating what it refers to ("The previous answer was 975, so …"), since
 * the chat template drops earlier thinking and the model sees only earlier questions and answers.
 */
final class FollowUps {

    /** Largest previous answer that arithmetic follow-ups build on. */
    static final int LARGEST_OPERAND = 9999;

    private static final Phrasings SUBTRACT = Phrasings.of(
            train("now-subtract-from-that", "Now subtract {b} from that."),
            train("now-subtract-lowercase", "now subtract {b} from that"),
            train("and-minus", "And minus {b}?"),
            train("what-is-that-minus", "What is that minus {b}?"),
            train("take-away-from-the-answer", "Take {b} away from the answer."),
            train("subtract-from-the-result", "subtract {b} from the result"));
    private static final Phrasings ADD = Phrasings.of(
            train("now-add-to-that", "Now add {b} to that."),
            train("and-plus", "and plus {b}?"),
            train("what-is-that-plus", "What is that plus {b}?"),
            train("add-to-the-result", "Add {b} to the result."));
    private static final Phrasings MULTIPLY = Phrasings.of(
            train("now-multiply-that-by", "Now multiply that by {b}."),
            train("and-times", "and times {b}?"),
            train("what-is-that-times", "What is that times {b}?"));
    private static final Map<ListStatisticsFamily.Statistic, Phrasings> STATISTIC = Map.of(
            ListStatisticsFamily.Statistic.MIN, Phrasings.of(
                    train("and-the-smallest", "And the smallest?"),
                    train("what-about-the-minimum", "what about the minimum?"),
                    train("which-of-them-is-smallest", "Which of them is the smallest?")),
            ListStatisticsFamily.Statistic.MAX, Phrasings.of(
                    train("and-the-largest", "And the largest?"),
                    train("and-the-largest-lowercase", "and the largest?"),
                    train("what-about-the-maximum", "What about the maximum?"),
                    train("which-of-them-is-biggest", "which of them is the biggest")),
            ListStatisticsFamily.Statistic.SUM, Phrasings.of(
                    train("and-the-sum", "And the sum?"),
                    train("add-them-up", "Now add them up."),
                    train("what-is-their-total", "what is their total?")));
    private static final Phrasings DESCENDING = Phrasings.of(
            train("in-descending-order", "In descending order?"),
            train("now-in-descending-order", "now in descending order"),
            train("sort-them-largest-first", "Sort them from largest to smallest."),
            train("and-the-other-way-round", "And from biggest to smallest?"));
    private static final Phrasings ASCENDING = Phrasings.of(
            train("in-ascending-order", "In ascending order?"),
            train("now-in-ascending-order", "now in ascending order"),
            train("sort-them-smallest-first", "Sort them from smallest to largest."),
            train("now-sort-them", "Now sort them."));
    private static final Phrasings ARE_YOU_SURE = Phrasings.of(
            train("are-you-sure", "Are you sure?"),
            train("are-you-sure-lowercase", "are you sure"),
            train("is-that-right", "Is that right?"),
            train("really", "Really?"),
            train("double-check", "Can you double-check that?"),
            train("check-again", "Check that again."),
            train("i-think-thats-wrong", "I think that's wrong."),
            train("is-that-correct", "is that correct?"));

    private final AdditionFamily addition;
    private final SubtractionFamily subtraction;
    private final MultiplicationFamily multiplication;
    private final SortingFamily sorting;
    private final ListStatisticsFamily statistics;
    /** Whether a re-check restates the earlier answer first and compares the two side by side (fourth edition). */
    private final boolean answerFirst;
    /** Whether a re-check quotes the question it checks before solving it again (the ninth edition only). */
    private final boolean quotesQuestion;
    /** Whether a re-check compares its two answers unit by unit before its verdict ({@link AnswerComparison}; nineteenth edition). */
    private final boolean comparesUnitByUnit;
    /**
     * Whether a re-check's verdict line quotes the earlier answer in the first line's words ("My answer was 1752."),
     * from the twenty-first edition, instead of "Before: 1752.".
     */
    private final boolean quotesAnswerAsFirstLine;
    /**
     * Whether a re-check names the parts of its two answers before comparing them part by part ({@link
     * AnswerComparison#forRecheck}: "Hundreds: 1 < 2", "Third: 6 < 8"), from the twenty-second edition, instead of one
     * run of digits along both answers.
     */
    private final boolean comparesNamedParts;
    /**
     * Whether a re-check names the earlier answer's parts on its first line ({@link AnswerComparison#partsThatWere}: "My
     * answer was 3, 5, 8, 6: first was 3, …") and its verdict line only the new answer's, without quoting the earlier
     * answer again ({@link AnswerComparison#againstPartsThatWere}), from the twenty-third edition.
     */
    private final boolean namesEarlierPartsFirst;
    /**
     * Whether a verdict line that compares with the parts named on the first line names them again, in the first line's
     * words, beside the new answer's ({@link AnswerComparison#besidePartsThatWere}), in the twenty-fourth edition only.
     */
    private final boolean repeatsEarlierParts;
    /**
     * Whether a verdict line that compares with the parts named on the first line opens with them, in the first line's
     * words, before the new answer ({@code Before: ones was 5, …. Now: 404: ones is 4, …}), from the twenty-fifth
     * edition; the twenty-fourth names them after the new answer's parts.
     */
    private final boolean opensWithEarlierParts;
    /**
     * Whether each comparison against the parts that were names its two parts again, in the words that named them
     * before ({@link AnswerComparison#wasBesideIs}: {@code tens was 8, tens is 7, 8 > 7}), from the twenty-eighth
     * edition, instead of under one capitalised name ({@code Tens: 7 < 8}).
     */
    private final boolean comparesWasBesideIs;

    FollowUps(TeacherEdition edition) {
        this.answerFirst = edition.atLeast(TeacherEdition.FOURTH);
        this.quotesQuestion = edition == TeacherEdition.NINTH;
        this.comparesUnitByUnit = edition.atLeast(TeacherEdition.NINETEENTH);
        this.quotesAnswerAsFirstLine = edition.atLeast(TeacherEdition.TWENTY_FIRST);
        this.comparesNamedParts = edition.atLeast(TeacherEdition.TWENTY_SECOND);
        this.namesEarlierPartsFirst = edition.atLeast(TeacherEdition.TWENTY_THIRD);
        this.repeatsEarlierParts = edition == TeacherEdition.TWENTY_FOURTH;
        this.opensWithEarlierParts = edition.atLeast(TeacherEdition.TWENTY_FIFTH);
        this.comparesWasBesideIs = edition.atLeast(TeacherEdition.TWENTY_EIGHTH);
        this.addition = new AdditionFamily(edition);
        this.subtraction = new SubtractionFamily(edition);
        this.multiplication = new MultiplicationFamily(edition);
        this.sorting = new SortingFamily(edition);
        this.statistics = new ListStatisticsFamily(edition);
    }

    /** Every follow-up phrasing, for tests and reports. */
    static List<Phrasing> phrasings() {
        List<Phrasing> all = new ArrayList<>();
        for (Phrasings p : List.of(SUBTRACT, ADD, MULTIPLY, DESCENDING, ASCENDING, ARE_YOU_SURE)) {
            all.addAll(p.all());
        }
        Arrays.stream(ListStatisticsFamily.Statistic.values()).filter(STATISTIC::containsKey)
                .forEach(s -> all.addAll(STATISTIC.get(s).all()));
        return all;
    }

    /**
     * A turn that builds on the answer of {@code previous} (the last turn of {@code context}), or empty
     * when its answer is nothing to build on (a day, a decimal, "prime") or the problem built would not
     * belong to {@code split}.
     */
    Optional<Problem> onTheAnswer(RandomGenerator rnd, Problem previous, List<Problem.Exchange> context, DataSplit split) {
        Optional<List<Integer>> list = listOf(previous);
        if (list.isPresent()) {
            return onTheList(rnd, previous, list.get(), context, split);
        }
        Optional<Integer> number = integer(previous.answer());
        if (number.isEmpty() || number.get() < 2 || number.get() > LARGEST_OPERAND) {
            return Optional.empty();
        }
        int n = number.get();
        for (int attempt = 0; attempt < 20; attempt++) {
            int op = rnd.nextInt(n <= 999 ? 3 : 2);
            Solution solution;
            Phrasings phrasings;
            int b;
            if (op == 0) {
                b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 4));
                solution = subtraction.solve(rnd, n, b);
                phrasings = SUBTRACT;
            } else if (op == 1) {
                b = TaskFamily.withDigits(rnd, rnd.nextInt(1, 4));
                solution = addition.solve(rnd, n, b);
                phrasings = ADD;
            } else {
                b = rnd.nextInt(2, 10);
                solution = multiplication.solve(rnd, n, b, false);
                phrasings = MULTIPLY;
            }
            if (DataSplit.of(solution.key()) != split) {
                continue;
            }
            solution.trace().first("The previous answer was " + n + ", so this is " + n + " "
                    + (op == 0 ? "-" : op == 1 ? "+" : "×") + " " + b + ".");
            return Optional.of(solution.askedAs(phrasings.ask(rnd, PhrasingSplit.TRAINING, Map.of("b", String.valueOf(b))))
                    .after(context));
        }
        return Optional.empty();
    }

    private Optional<Problem> onTheList(RandomGenerator rnd, Problem previous, List<Integer> numbers,
                                        List<Problem.Exchange> context, DataSplit split) {
        List<Integer> choices = new ArrayList<>(List.of(0, 1, 2));
        boolean distinct = new HashSet<>(numbers).size() == numbers.size();
        if (distinct) {
            choices.add(3);
        }
        int choice = TaskFamily.pick(rnd, choices);
        Solution solution;
        Phrasings phrasings;
        if (choice < 3) {
            ListStatisticsFamily.Statistic statistic = ListStatisticsFamily.Statistic.values()[choice];
            if (previous.key().startsWith(statistic.name().toLowerCase() + ":")) {
                statistic = ListStatisticsFamily.Statistic.values()[(choice + 1) % 3];
            }
            solution = statistics.solve(rnd, numbers, statistic);
            phrasings = STATISTIC.get(statistic);
        } else {
            boolean ascending = previous.key().startsWith("sort:desc:")
                    || !previous.key().startsWith("sort:asc:") && rnd.nextBoolean();
            solution = sorting.solve(rnd, numbers, ascending);
            phrasings = ascending ? ASCENDING : DESCENDING;
        }
        if (DataSplit.of(solution.key()) != split) {
            return Optional.empty();
        }
        solution.trace().first("The numbers from before: " + SortingFamily.join(numbers) + ".");
        return Optional.of(solution.askedAs(phrasings.ask(rnd, PhrasingSplit.TRAINING, Map.of())).after(context));
    }

    /**
     * "Are you sure?" after {@code previous}, whose answer the user saw as {@code shown} (the teacher's
     * own response, or one with a wrong answer put in): the problem solved again, then kept or corrected.
     */
    Problem areYouSure(RandomGenerator rnd, Problem previous, Problem.Exchange shown, List<Problem.Exchange> context) {
        String said = AnswerChecker.extract(shown.response()).orElseThrow();
        boolean right = AnswerChecker.sameAnswer(said, previous.answer());
        String response = previous.response();
        R1Response parts = R1Response.parse(response);
        String thinking = parts.thinking();
        String finalAnswer = parts.answer();
        String now = AnswerChecker.extract(response).orElseThrow();
        Trace trace = new Trace();
        if (answerFirst) {
            // The earlier answer is copied while it is the last thing the user was shown, and the two
            // answers are compared side by side at the end, so that neither step looks far back.
            Optional<String> partsThatWere = namesEarlierPartsFirst ? AnswerComparison.partsThatWere(said)
                    : Optional.empty();
            trace.step(ANSWER_WAS + said + partsThatWere.map(named -> ": " + named).orElse("") + ".").step(RECHECK);
            if (quotesQuestion) {
                // The question is copied whole right before its solution is written again, so that the
                // solution's first lines copy its numbers and words from one line back, not from the turn before.
                trace.step(QUESTION_WAS + shown.question());
            }
            trace.steps(List.of(thinking.split("\n", -1)));
            if (comparesUnitByUnit) {
                Optional<AnswerComparison> againstFirstLine = partsThatWere.isEmpty() ? Optional.empty()
                        : repeatsEarlierParts ? AnswerComparison.besidePartsThatWere(now, said)
                        : comparesWasBesideIs ? AnswerComparison.wasBesideIs(now, said)
                        : AnswerComparison.againstPartsThatWere(now, said);
                AnswerComparison comparison = againstFirstLine.orElseGet(() -> comparesNamedParts
                        ? AnswerComparison.forRecheck(now, said) : AnswerComparison.of(now, said));
                if (comparison.same() != right) {
                    throw new IllegalStateException("the re-check of \"" + shown.question() + "\" compares " + now
                            + " with " + said + " as " + comparison.sentence() + ", but the answers are "
                            + (right ? "the same" : "not the same"));
                }
                String before = againstFirstLine.isPresent() ? ": "
                        : quotesAnswerAsFirstLine ? ". " + ANSWER_WAS + said + ". " : ". Before: " + said + ". ";
                String opening = againstFirstLine.isPresent() && opensWithEarlierParts
                        ? "Before: " + partsThatWere.orElseThrow() + ". " : "";
                trace.step(opening + "Now: " + now + before + comparison.sentence()
                        + (right ? ", so the answer stands." : ", so my earlier answer was wrong."));
            } else {
                trace.step("Now: " + now + ". Before: " + said + ". "
                        + (right ? "The same, so the answer stands." : "Not the same, so my earlier answer was wrong."));
            }
        } else {
            trace.step(RECHECK);
            trace.steps(List.of(thinking.split("\n", -1)));
            trace.step("Before I said " + said + "; now I get " + now + ". "
                    + (right ? "They agree, so the answer stands." : "They differ, so my earlier answer was wrong."));
        }
        Phrasings.Asked asked = ARE_YOU_SURE.ask(rnd, PhrasingSplit.TRAINING, Map.of());
        return trace.toProblem(previous.family(), previous.key(), asked,
                        (right ? RecheckVerdict.KEPT : RecheckVerdict.CORRECTED).opening() + finalAnswer, previous.answer())
                .after(context);
    }

    /**
     * {@code previous} as the user saw it with a plausible wrong answer in place of the right one (a
     * number off by 1, 10 or 100; two neighbours of a sorted list swapped), or empty when its answer
     * has no such variant.
     */
    static Optional<Problem.Exchange> withWrongAnswer(RandomGenerator rnd, Problem previous) {
        return withWrongAnswer(rnd, previous, false);
    }

    /**
     * As {@link #withWrongAnswer(RandomGenerator, Problem)}, drawing as many numbers from {@code rnd}; when
     * {@code farOff}, one such wrong answer in two is replaced by one that differs in more of its parts
     * ({@link FarOffAnswers}; training re-checks from the twenty-seventh edition on).
     */
    static Optional<Problem.Exchange> withWrongAnswer(RandomGenerator rnd, Problem previous, boolean farOff) {
        String right = AnswerChecker.extract(previous.response()).orElse("");
        String wrong;
        Optional<Integer> number = integer(right);
        if (number.isPresent()) {
            int n = number.get();
            int delta = List.of(1, 10, 100).get(rnd.nextInt(n < 10 ? 1 : n < 100 ? 2 : 3));
            wrong = String.valueOf(n >= delta && rnd.nextBoolean() ? n - delta : n + delta);
        } else if (previous.key().startsWith("sort:")) {
            List<String> items = new ArrayList<>(List.of(right.split(", ")));
            int i = rnd.nextInt(items.size() - 1);
            items.set(i, items.set(i + 1, items.get(i)));
            wrong = String.join(", ", items);
        } else {
            return Optional.empty();
        }
        if (farOff) {
            wrong = FarOffAnswers.chosenFor(previous.question(), right).orElse(wrong);
        }
        String response = previous.response();
        int close = response.lastIndexOf("</think>");
        String shownAnswer = response.substring(close).replace("**" + right + "**", "**" + wrong + "**");
        return Optional.of(new Problem.Exchange(previous.question(), response.substring(0, close) + shownAnswer));
    }

    /** The opening line of every "are you sure?" response (the second line in the fourth edition). */
    private static final String RECHECK = "Solve it again and compare with my answer.";
    /** The opening of a fourth-edition re-check, followed by the earlier answer. */
    private static final String ANSWER_WAS = "My answer was ";
    /** Opens a ninth-edition re-check's quote of the question it checks. */
    static final String QUESTION_WAS = "The question was: ";

    /** Whether {@code p} is a re-check of an earlier answer (which is not checked once more). */
    static boolean isRecheck(Problem p) {
        String r = p.response();
        return r.startsWith(R1Response.THINKING_START + RECHECK)
                || r.startsWith(R1Response.THINKING_START + ANSWER_WAS) && r.contains("\n" + RECHECK + "\n");
    }

    /** The numbers of a sorting or list-statistics problem, from its key. */
    private static Optional<List<Integer>> listOf(Problem p) {
        String key = p.key();
        if (!(p.family().equals("sorting") || p.family().equals("list-statistics"))) {
            return Optional.empty();
        }
        String list = key.substring(key.lastIndexOf(':') + 1);
        return Optional.of(Arrays.stream(list.split(", ")).map(Integer::parseInt).toList());
    }

    private static Optional<Integer> integer(String answer) {
        return answer.matches("\\d{1,6}") ? Optional.of(Integer.parseInt(answer)) : Optional.empty();
    }
}
