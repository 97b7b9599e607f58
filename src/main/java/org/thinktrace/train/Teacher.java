package org.thinktrace.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Poses problems from every {@link TaskFamily} and returns them with their solutions, drawn from
 * one side of the fixed {@link DataSplit}. Same edition and seed, same problems.
 *
 * <p>Training problems follow each family's {@link FamilyShare#share() share}; evaluation sets
 * always hold the same number of problems per in-scope family. The {@link TeacherEdition#SECOND
 * second edition} also writes conversations of two and three turns ({@link #FOLLOW_UP_RATE} of the
 * training set), asks in training phrasings only (held-out phrasings are for evaluation), and
 * poses out-of-scope questions; the first edition draws exactly what it always drew.
 */
public final class Teacher {

    /**
     * Third-edition shares, in the order addition, subtraction, multiplication, decimal comparison,
     * letter count, sorting, list statistics, primality, word problem, weekday, out of scope.
     */
    static final int[] THIRD_EDITION_SHARES = {3, 4, 3, 6, 8, 4, 4, 3, 5, 4, 3};
    /**
     * Fourth-edition shares, in the same order: letter count back to a fifth of the problems (11 of 53;
     * the second edition's 8 of 40 counted 90 % right), primality back to its second-edition share
     * (4 of 53 against 3 of 40), one more for multiplication and word problems (the held-out phrasings
     * they missed).
     */
    static final int[] FOURTH_EDITION_SHARES = {3, 4, 4, 6, 11, 4, 4, 4, 6, 4, 3};
    /**
     * Fifth-edition shares, in the same order: one more for subtraction, sorting and word problems
     * (82.5 %, 82.5 % and 85 % for the fourth-edition model at 15,500 steps), two fewer for letter
     * counts and one fewer for weekdays (97.5 % and 100 %).
     */
    static final int[] FIFTH_EDITION_SHARES = {3, 5, 4, 6, 9, 5, 4, 4, 7, 3, 3};

    /** Share of second-edition training examples that are conversations of two or three turns. */
    static final double FOLLOW_UP_RATE = 0.2;
    /** Of those conversations, the share with three turns (the rest have two). */
    static final double THREE_TURN_RATE = 1 / 3.0;

    /**
     * A family and how many problems it gets in every round of {@code sum of shares} training problems.
     *
     * @param share at least 1
     */
    public record FamilyShare(TaskFamily family, int share) {
        public FamilyShare {
            if (share < 1) {
                throw new IllegalArgumentException("share of " + family.name() + " must be at least 1, was " + share);
            }
        }
    }

    private final TeacherEdition edition;
    private final List<FamilyShare> shares;
    /** The family of each position in one round of training problems, shares interleaved. */
    private final List<TaskFamily> round;
    private final FollowUps followUps;
    /** Each family's held-out templates compiled for {@link #readsAsHeldOut}, by family name. */
    private final java.util.Map<String, java.util.function.Predicate<String>> heldOutReaders =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Training questions' surface variation: generated slips from the seventh edition on, else fixed typos; quote marks varied in the fifteenth and sixteenth. */
    private final SurfaceForms trainingSurface;
    /** Words no template uses, put into training questions from the eighteenth edition on; null before. */
    private final FillerWords fillers;
    /** Other nouns and connectors, put into training questions from the thirty-fourth edition on; null before. */
    private final OtherWords otherWords;
    /** Greetings and thanks around training questions from the thirty-fifth edition on; null before. */
    private final Courtesies courtesies;

    private Teacher(TeacherEdition edition, List<FamilyShare> shares) {
        if (shares.stream().noneMatch(s -> s.family().inScope())) {
            throw new IllegalArgumentException("a teacher needs at least one in-scope task family");
        }
        this.edition = edition;
        this.shares = List.copyOf(shares);
        this.round = interleave(this.shares);
        this.followUps = new FollowUps(edition);
        SurfaceForms surface = edition.atLeast(TeacherEdition.SEVENTH)
                ? SurfaceForms.withSlips(heldOutTemplateWords()) : SurfaceForms.of(PhrasingSplit.TRAINING);
        this.trainingSurface = edition.countsPrimeDivisionsAndVariesQuotes() ? surface.withQuoteStyles() : surface;
        this.fillers = edition == TeacherEdition.EIGHTEENTH ? new FillerWords(templateWords(p -> true)) : null;
        this.otherWords = edition.swapsNounsAndConnectors() ? new OtherWords(templateWords(p -> true)) : null;
        this.courtesies = edition.addsCourtesies() ? Courtesies.of(edition) : null;
    }

    /** Every word (letters only) of every family's held-out templates: the words no training slip may make. */
    java.util.Set<String> heldOutTemplateWords() {
        return templateWords(Phrasing::heldOut);
    }

    /** Every word (letters only, lowercase) of every family's templates that pass {@code which}. */
    java.util.Set<String> templateWords(java.util.function.Predicate<Phrasing> which) {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[A-Za-z]+");
        return shares.stream().flatMap(s -> s.family().phrasings().stream()).filter(which)
                .flatMap(p -> word.matcher(p.pattern()).results().map(java.util.regex.MatchResult::group))
                .map(w -> w.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** A teacher whose training problems come from the families in proportion to their shares. */
    public static Teacher withShares(TeacherEdition edition, List<FamilyShare> shares) {
        return new Teacher(edition, shares);
    }

    /** A teacher whose families have equal shares of the training problems. */
    public static Teacher evenly(TeacherEdition edition, List<TaskFamily> families) {
        return withShares(edition, families.stream().map(f -> new FamilyShare(f, 1)).toList());
    }

    /**
     * The teacher of {@code edition} with every family a bundled model is trained on. Families the
     * model learns slowly (spelling, comparing numbers, copying long numbers) get larger shares of the
     * training problems: a family's accuracy follows its share ({@code docs/training.md}). The second
     * edition gives addition, subtraction and sorting one share more (the families with the most new
     * phrasings and the follow-ups that build on them) and adds the out-of-scope family. The third
     * edition gives more again to the families the second-edition model missed its floors in: weekday
     * and decimal comparison (held-out problems), subtraction and word problems (held-out phrasings),
     * and the out-of-scope family (questions recognised, in-scope ones not refused).
     */
    public static Teacher of(TeacherEdition edition) {
        int[] s = switch (edition) {
            // addition, subtraction, multiplication, decimal, letter count, sorting, statistics, primality,
            // word problem, weekday, out of scope
            case FIRST -> new int[] {2, 2, 3, 4, 8, 3, 4, 3, 4, 2, 0};
            case SECOND -> new int[] {3, 3, 3, 4, 8, 4, 4, 3, 4, 2, 2};
            case THIRD -> THIRD_EDITION_SHARES;
            case FOURTH -> FOURTH_EDITION_SHARES;
            case FIFTH -> FIFTH_EDITION_SHARES;
            case SIXTH, SEVENTH, EIGHTH, NINTH, TENTH, ELEVENTH, TWELFTH, THIRTEENTH, FOURTEENTH, FIFTEENTH, SIXTEENTH,
                 SEVENTEENTH, EIGHTEENTH, NINETEENTH, TWENTIETH, TWENTY_FIRST,
                 TWENTY_SECOND, TWENTY_THIRD, TWENTY_FOURTH, TWENTY_FIFTH, TWENTY_SIXTH, TWENTY_SEVENTH,
                 TWENTY_EIGHTH, TWENTY_NINTH, THIRTIETH, THIRTY_FIRST, THIRTY_SECOND, THIRTY_THIRD,
                 THIRTY_FOURTH, THIRTY_FIFTH, THIRTY_SIXTH, THIRTY_SEVENTH,
                 THIRTY_EIGHTH, THIRTY_NINTH, FORTIETH, FORTY_FIRST, FORTY_SECOND,
                 FORTY_THIRD, FORTY_FOURTH, FORTY_FIFTH -> FOURTH_EDITION_SHARES;
        };
        List<FamilyShare> shares = new ArrayList<>(List.of(
                new FamilyShare(new AdditionFamily(edition), s[0]),
                new FamilyShare(new SubtractionFamily(edition), s[1]),
                new FamilyShare(new MultiplicationFamily(edition), s[2]),
                new FamilyShare(new DecimalComparisonFamily(edition), s[3]),
                new FamilyShare(new LetterCountFamily(edition), s[4]),
                new FamilyShare(new SortingFamily(edition), s[5]),
                new FamilyShare(new ListStatisticsFamily(edition), s[6]),
                new FamilyShare(new PrimalityFamily(edition), s[7]),
                new FamilyShare(new WordProblemFamily(edition), s[8]),
                new FamilyShare(new WeekdayFamily(edition), s[9])));
        if (edition.conversational()) {
            shares.add(new FamilyShare(new OutOfScopeFamily(edition), s[10]));
        }
        return withShares(edition, shares);
    }

    public TeacherEdition edition() {
        return edition;
    }

    /** The in-scope families, in share order: the rows of the per-family evaluation. */
    public List<TaskFamily> families() {
        return shares.stream().map(FamilyShare::family).filter(TaskFamily::inScope).toList();
    }

    /** The family of a list's minimum, maximum or sum, as this teacher asks it. */
    private TaskFamily listStatistics() {
        return families().stream().filter(f -> f instanceof ListStatisticsFamily).findFirst()
                .orElseThrow(() -> new IllegalStateException("the " + edition.label() + " edition has no list statistics"));
    }

    /** Every family's share of the training problems, the out-of-scope family included. */
    public List<FamilyShare> shares() {
        return shares;
    }

    /** Training problems per round: the sum of the shares. */
    public int roundSize() {
        return round.size();
    }

    /**
     * {@code count} training examples, the families taking turns in proportion to their shares; in
     * the second edition {@link #FOLLOW_UP_RATE} of them go on for one or two more turns, and the
     * example is the conversation's last turn (the loss is taken on its response only).
     */
    public List<Problem> trainingSet(int count, long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Problem p = draw(round.get(i % round.size()), rnd, DataSplit.TRAIN, PhrasingSplit.TRAINING);
            if (edition.conversational() && rnd.nextDouble() < FOLLOW_UP_RATE) {
                p = conversation(rnd, p, rnd.nextDouble() < THREE_TURN_RATE ? 3 : 2, null, false, DataSplit.TRAIN)
                        .orElseThrow();
            }
            out.add(p);
        }
        return out;
    }

    /**
     * {@code perFamily} evaluation problems of each in-scope family, asked in training phrasings. Keys
     * are distinct within a family while the family's evaluation share has unused keys; a family with
     * a small problem space (primality below 200) repeats keys, with other phrasings, once they are
     * used up.
     */
    public List<Problem> evaluationSet(int perFamily, long seed) {
        return perFamily(perFamily, new SplittableRandom(seed), PhrasingSplit.TRAINING);
    }

    /**
     * {@code perFamily} evaluation problems of each in-scope family asked in held-out phrasings, which
     * no training set contains (second edition only).
     */
    public List<Problem> heldOutPhrasingSet(int perFamily, long seed) {
        requireSecondEdition("held-out phrasings");
        return perFamily(perFamily, new SplittableRandom(seed * 31 + 1), PhrasingSplit.HELD_OUT);
    }

    /**
     * {@code count} conversations of two and three turns whose every problem is an evaluation problem;
     * the last turn is the one to answer, its kinds taking turns (a new problem, one built on the
     * previous answer, "are you sure?" after a right answer and after a wrong one). Second edition only.
     */
    public List<Problem> followUpSet(int count, long seed) {
        requireSecondEdition("follow-ups");
        RandomGenerator rnd = new SplittableRandom(seed * 31 + 2);
        List<TaskFamily> inScope = families();
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FollowUpKind kind = FollowUpKind.values()[Math.min(i % 4, 2)];
            boolean wrongShown = i % 4 == 3;
            int turns = 2 + (i / 4) % 2;
            Optional<Problem> conversation = Optional.empty();
            for (int attempt = 0; attempt < 1000 && conversation.isEmpty(); attempt++) {
                TaskFamily first = inScope.get((i + attempt) % inScope.size());
                Problem opening = draw(first, rnd, DataSplit.EVAL, PhrasingSplit.TRAINING);
                conversation = conversation(rnd, opening, turns, kind, wrongShown, DataSplit.EVAL);
            }
            out.add(conversation.orElseThrow(() -> new IllegalStateException("no " + kind + " follow-up in 1000 draws")));
        }
        return out;
    }

    /** {@code count} out-of-scope questions in held-out phrasings, distinct while there are unused ones (second edition only). */
    public List<Problem> outOfScopeSet(int count, long seed) {
        requireSecondEdition("out-of-scope questions");
        RandomGenerator rnd = new SplittableRandom(seed * 31 + 3);
        TaskFamily family = shares.stream().map(FamilyShare::family).filter(f -> !f.inScope()).findFirst()
                .orElseThrow(() -> new IllegalStateException("this teacher has no out-of-scope family"));
        Set<String> seen = new HashSet<>();
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Problem p = family.generate(rnd, PhrasingSplit.HELD_OUT);
            for (int attempt = 0; attempt < 50 && !seen.add(p.question()); attempt++) {
                p = family.generate(rnd, PhrasingSplit.HELD_OUT);
            }
            out.add(varied(family, p, rnd, PhrasingSplit.HELD_OUT));
        }
        return out;
    }

    /**
     * Every part of the evaluation of a model trained by this teacher: {@code perFamily} held-out
     * problems per family; for the second edition also half as many per family in held-out phrasings,
     * a quarter as many follow-up conversations as problems, and {@code max(20, perFamily)}
     * out-of-scope questions.
     */
    public EvaluationSuite evaluationSuite(int perFamily, long seed) {
        List<Problem> problems = evaluationSet(perFamily, seed);
        if (edition == TeacherEdition.FIRST) {
            return new EvaluationSuite(problems, List.of(), List.of(), List.of());
        }
        return new EvaluationSuite(problems, heldOutPhrasingSet(Math.max(1, perFamily / 2), seed),
                followUpSet(Math.max(4, problems.size() / 4), seed), outOfScopeSet(Math.max(20, perFamily), seed));
    }

    private void requireSecondEdition(String what) {
        if (!edition.conversational()) {
            throw new IllegalStateException("the " + edition + " teacher has no " + what);
        }
    }

    private List<Problem> perFamily(int perFamily, RandomGenerator rnd, PhrasingSplit phrasing) {
        List<Problem> out = new ArrayList<>();
        for (TaskFamily family : families()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < perFamily; i++) {
                Problem p = draw(family, rnd, DataSplit.EVAL, phrasing);
                for (int attempt = 0; attempt < 50 && !seen.add(p.key()); attempt++) {
                    p = draw(family, rnd, DataSplit.EVAL, phrasing);
                }
                out.add(p);
            }
        }
        return out;
    }

    /**
     * {@code first} continued to {@code turns} turns, every problem in {@code split}. Middle turns
     * are of a random kind; the last is of {@code lastKind} (random when null), shown after a wrong
     * answer when {@code wrongShown}. Empty when the last turn cannot be of {@code lastKind}.
     */
    private Optional<Problem> conversation(RandomGenerator rnd, Problem first, int turns, FollowUpKind lastKind,
                                           boolean wrongShown, DataSplit split) {
        List<Problem.Exchange> context = new ArrayList<>();
        Problem current = first;
        for (int t = 1; t < turns; t++) {
            boolean last = t == turns - 1;
            FollowUpKind kind = last && lastKind != null ? lastKind : drawKind(rnd, split);
            boolean wrong = last && lastKind != null ? wrongShown
                    : kind == FollowUpKind.ARE_YOU_SURE && drawWrongShown(rnd, split);
            Optional<Problem> next = followUp(rnd, current, context, kind, wrong, split);
            if (next.isEmpty() && last && lastKind != null) {
                return Optional.empty();
            }
            if (next.isEmpty()) {
                next = followUp(rnd, current, context, FollowUpKind.NEW_PROBLEM, false, split);
            }
            current = next.orElseThrow();
            context = new ArrayList<>(current.context());
        }
        return Optional.of(current);
    }

    /**
     * New problems 40 %, on the answer 35 %, "are you sure?" 25 %; in training conversations of an edition that {@linkplain
     * TeacherEdition#rechecksWrongAnswersMoreOften re-checks wrong answers more often}, 30 %, 30 % and 40 %. One draw
     * of {@code rnd} either way.
     */
    private FollowUpKind drawKind(RandomGenerator rnd, DataSplit split) {
        int r = rnd.nextInt(20);
        boolean moreRechecks = rechecksMoreOften(split);
        int newProblems = moreRechecks ? 6 : 8;
        int onTheAnswer = moreRechecks ? 12 : 15;
        return r < newProblems ? FollowUpKind.NEW_PROBLEM : r < onTheAnswer ? FollowUpKind.ON_THE_ANSWER
                : FollowUpKind.ARE_YOU_SURE;
    }

    /**
     * Whether a re-check whose kind was drawn (a middle turn, or a training conversation's last) is shown a wrong answer:
     * one time in two; three in four in training conversations of an edition that re-checks wrong answers more often.
     * One draw of {@code rnd} either way.
     */
    private boolean drawWrongShown(RandomGenerator rnd, DataSplit split) {
        return rechecksMoreOften(split) ? rnd.nextInt(4) != 0 : rnd.nextBoolean();
    }

    /** Whether conversations of {@code split} take the thirtieth edition's mix of later turns: training ones of that edition on. */
    private boolean rechecksMoreOften(DataSplit split) {
        return split == DataSplit.TRAIN && edition.rechecksWrongAnswersMoreOften();
    }

    private Optional<Problem> followUp(RandomGenerator rnd, Problem previous, List<Problem.Exchange> context,
                                      FollowUpKind kind, boolean wrongShown, DataSplit split) {
        boolean answerable = !previous.family().equals("out-of-scope") && !FollowUps.isRecheck(previous);
        List<Problem.Exchange> after = concat(context, List.of(previous.asExchange()));
        return switch (kind) {
            case NEW_PROBLEM -> {
                // Evaluation asks in-scope follow-ups only: out-of-scope questions are measured on their own.
                TaskFamily family = split == DataSplit.EVAL ? TaskFamily.pick(rnd, families())
                        : edition.asksListStatisticsInLaterTurnsMoreOften() && rnd.nextInt(4) == 0 ? listStatistics()
                        : round.get(rnd.nextInt(round.size()));
                yield Optional.of(draw(family, rnd, split, PhrasingSplit.TRAINING).after(after));
            }
            case ON_THE_ANSWER -> answerable ? followUps.onTheAnswer(rnd, previous, after, split) : Optional.empty();
            case ARE_YOU_SURE -> {
                if (!answerable) {
                    yield Optional.empty();
                }
                Optional<Problem.Exchange> shown = wrongShown
                        ? FollowUps.withWrongAnswer(rnd, previous, split == DataSplit.TRAIN && edition.showsFarOffWrongAnswers())
                        : Optional.of(previous.asExchange());
                yield shown.map(s -> followUps.areYouSure(rnd, previous, s, concat(context, List.of(s))));
            }
        };
    }

    /**
     * One round of families, each appearing {@code share} times, spread evenly (smooth weighted
     * round robin: every turn goes to the family furthest behind its share).
     */
    private static List<TaskFamily> interleave(List<FamilyShare> shares) {
        int total = shares.stream().mapToInt(FamilyShare::share).sum();
        int[] credit = new int[shares.size()];
        List<TaskFamily> round = new ArrayList<>(total);
        for (int turn = 0; turn < total; turn++) {
            int best = 0;
            for (int i = 0; i < shares.size(); i++) {
                credit[i] += shares.get(i).share();
                if (credit[i] > credit[best]) {
                    best = i;
                }
            }
            credit[best] -= total;
            round.add(shares.get(best).family());
        }
        return List.copyOf(round);
    }

    /**
     * A problem of {@code family} whose key is in {@code split}, asked in a phrasing of {@code phrasing}.
     * Out-of-scope questions have no problem behind them and are split by phrasing alone. The third
     * edition varies the surface of training questions and of held-out-phrasing questions
     * ({@link #varied}); held-out problems in training phrasings are asked plainly.
     */
    private Problem draw(TaskFamily family, RandomGenerator rnd, DataSplit split, PhrasingSplit phrasing) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Problem p = split == DataSplit.TRAIN ? family.generateForTraining(rnd, phrasing) : family.generate(rnd, phrasing);
            if (!family.inScope() || p.split() == split) {
                boolean vary = split == DataSplit.TRAIN || phrasing == PhrasingSplit.HELD_OUT;
                return vary ? varied(family, p, rnd, phrasing) : p;
            }
        }
        throw new IllegalStateException("family " + family.name() + " produced no " + split + " problem in 10000 draws");
    }

    /**
     * In the third edition, {@code p} asked with its surface varied by the parts of {@code phrasing}
     * ({@link SurfaceForms}); unchanged in earlier editions, and unchanged when a training variation
     * would read as one of the family's held-out templates, so that none leaks into training.
     */
    private Problem varied(TaskFamily family, Problem p, RandomGenerator rnd, PhrasingSplit phrasing) {
        if (!edition.atLeast(TeacherEdition.THIRD)) {
            return p;
        }
        SurfaceForms surface = phrasing == PhrasingSplit.TRAINING ? trainingSurface : SurfaceForms.of(phrasing);
        String question = surface.vary(rnd, p.question());
        if (phrasing == PhrasingSplit.TRAINING && fillers != null) {
            question = fillers.into(question, family instanceof LetterCountFamily);
        }
        String response = p.response();
        if (phrasing == PhrasingSplit.TRAINING && edition.asksPolitelyAndInOtherUnits()) {
            question = PoliteRequests.wrap(question);
            Optional<OtherUnits.Swap> swap = OtherUnits.countsIn(family) ? OtherUnits.chosenFor(question) : Optional.empty();
            if (swap.isPresent()) {
                question = swap.get().applyTo(question);
                response = swap.get().applyTo(response);
            }
        }
        if (phrasing == PhrasingSplit.TRAINING && otherWords != null && OtherWords.namesNounsIn(family)) {
            OtherWords.Asked asked = otherWords.into(question, response, family instanceof DecimalComparisonFamily);
            question = asked.question();
            response = asked.response();
        }
        if (phrasing == PhrasingSplit.TRAINING && readsAsHeldOut(family, question)) {
            return p;
        }
        if (phrasing == PhrasingSplit.TRAINING && courtesies != null) {
            // checked before and after: a greeting or thanks must not hide a held-out template inside the question
            question = courtesies.around(question);
            if (readsAsHeldOut(family, question)) {
                return p;
            }
        }
        return p.withQuestion(question).withResponse(response);
    }

    /** Whether {@code question} reads as one of {@code family}'s held-out templates filled in. */
    private boolean readsAsHeldOut(TaskFamily family, String question) {
        return heldOutReaders.computeIfAbsent(family.name(), name -> Phrasing.readerOfAny(family.phrasings().stream()
                .filter(Phrasing::heldOut).toList())).test(question);
    }

    /** {@code a} followed by {@code b}, unmodifiable. */
    static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
