package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.ChatTurn;

/**
 * Runs held-out teacher problems through the real pipeline (chat template, generation, {@code <think>}
 * parsing) and checks each final answer with {@link AnswerChecker}.
 *
 * <p>A follow-up is asked after its earlier turns, each user question followed by the teacher's
 * response as the assistant's message (thinking included; the model's chat template drops it as it
 * drops the model's own earlier thinking in the app), so a follow-up is judged on its own turn.
 *
 * <p>A response is well-formed when the model closed its thinking by itself, then stopped with its
 * end-of-sentence token after an answer that states a result in bold or {@code \boxed{}}. A response
 * is a refusal when its answer is {@link OutOfScopeFamily#isRefusal the out-of-scope refusal}.
 */
public final class Evaluator {

    /**
     * What the model did with one problem.
     *
     * @param part                  the evaluation part the problem belongs to
     * @param correct               the stated final answer is the problem's and, for an "are you sure?" re-check,
     *                              so is its verdict ({@link RecheckVerdict#agrees})
     * @param refused               whether the model answered with the out-of-scope refusal
     * @param decodeTokensPerSecond generated tokens after the first per second of decoding
     * @param tokenIds              the generated token ids in order, thinking and answer, without the prompt (the
     *                              array is the outcome's own: not to be modified)
     */
    public record Outcome(EvaluationPart part, Problem problem, boolean correct, boolean wellFormed, boolean refused,
                          int thinkingTokens, int answerTokens, double decodeTokensPerSecond, String thinking,
                          String answer, int[] tokenIds) {
    }

    private final TextGenerator generator;
    private final int maxTokens;

    /** @param maxTokens generation limit per problem, thinking and answer together */
    public Evaluator(TextGenerator generator, int maxTokens) {
        this.generator = generator;
        this.maxTokens = maxTokens;
    }

    /** Evaluates held-out problems only, as {@link #run(String, EvaluationSuite, SamplingSettings, Consumer)}. */
    public EvaluationReport run(String mode, List<Problem> problems, SamplingSettings sampling, Consumer<Outcome> progress)
            throws InterruptedException {
        return run(mode, new EvaluationSuite(problems, List.of(), List.of(), List.of()), sampling, progress);
    }

    /**
     * Evaluates every part of {@code suite} in turn; sampled runs use seed {@code sampling.seed() + index}
     * (the index counting through all parts), so that a run is reproducible while problems do not share
     * one random stream.
     */
    public EvaluationReport run(String mode, EvaluationSuite suite, SamplingSettings sampling, Consumer<Outcome> progress)
            throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        evaluateEach(suite, sampling, outcome -> {
            outcomes.add(outcome);
            progress.accept(outcome);
        });
        return new EvaluationReport(mode, outcomes);
    }

    /**
     * Evaluates every part of {@code suite} in turn, in {@link EvaluationPart} order, and hands each outcome to
     * {@code each} as soon as it is judged, keeping none: the caller decides what to hold. Seeds as in
     * {@link #run(String, EvaluationSuite, SamplingSettings, Consumer)}.
     */
    public void evaluateEach(EvaluationSuite suite, SamplingSettings sampling, Consumer<Outcome> each)
            throws InterruptedException {
        for (Question question : questions(suite, sampling)) {
            each.accept(evaluate(question.part(), question.problem(), question.sampling()));
        }
    }

    /**
     * Every problem of {@code suite} in {@link EvaluationPart} order, each with seed {@code sampling.seed() + index}
     * (the index counting through all parts), as {@link #run(String, EvaluationSuite, SamplingSettings, Consumer)}
     * asks them.
     */
    public static List<Question> questions(EvaluationSuite suite, SamplingSettings sampling) {
        List<Question> questions = new ArrayList<>();
        int index = 0;
        for (EvaluationPart part : EvaluationPart.values()) {
            for (Problem problem : suite.part(part)) {
                questions.add(new Question(part, problem, sampling.withSeed(sampling.seed() + index++)));
            }
        }
        return questions;
    }

    /** Generates a response to one held-out problem and judges it. */
    public Outcome evaluate(Problem problem, SamplingSettings sampling) throws InterruptedException {
        return evaluate(EvaluationPart.PROBLEMS, problem, sampling);
    }

    /** Generates a response to the last turn of {@code problem}'s conversation and judges it. */
    public Outcome evaluate(EvaluationPart part, Problem problem, SamplingSettings sampling) throws InterruptedException {
        IntStream.Builder ids = IntStream.builder(); // filled on the generator's thread, read after done()
        GenerationEvent last;
        try {
            last = generator.start(request(problem, sampling), event -> {
                if (event instanceof GenerationEvent.TokenInfo token) ids.add(token.id());
            }).done().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation for \"" + problem.question() + "\" failed: " + e.getCause(), e.getCause());
        }
        return judge(part, problem, last, ids.build().toArray());
    }

    /** A problem asked with its own sampling settings, for {@link #evaluateTogether}. */
    public record Question(EvaluationPart part, Problem problem, SamplingSettings sampling) {
    }

    /**
     * Generates and judges the responses to {@code questions}, {@code together} at a time decoded together on
     * {@code generator}'s model thread ({@link ModelSession#runTogether}): each batch reads the weights once
     * per token for all its questions, so a small model evaluates several times faster than one question after
     * another. A response can differ from {@link #evaluate}'s only where the batched products round differently.
     *
     * @return the outcomes, in the order of the questions
     * @throws IllegalArgumentException when {@code together} is below 1
     */
    public static List<Outcome> evaluateTogether(Generator generator, int maxTokens, List<Question> questions,
                                                 int together) throws InterruptedException {
        return evaluateTogether(generator, maxTokens, questions, together, outcome -> { });
    }

    /** As {@link #evaluateTogether(Generator, int, List, int)}, handing each outcome to {@code each} once its batch ends. */
    public static List<Outcome> evaluateTogether(Generator generator, int maxTokens, List<Question> questions,
                                                 int together, Consumer<Outcome> each) throws InterruptedException {
        if (together < 1) throw new IllegalArgumentException("together must be at least 1, got " + together);
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < questions.size(); from += together) {
            List<Question> batch = questions.subList(from, Math.min(questions.size(), from + together));
            List<GenerationRequest> requests = new ArrayList<>();
            List<IntStream.Builder> ids = new ArrayList<>();
            List<Consumer<GenerationEvent>> listeners = new ArrayList<>();
            for (Question question : batch) {
                requests.add(request(question.problem(), question.sampling(), maxTokens));
                IntStream.Builder tokens = IntStream.builder(); // filled on the run's own thread, read after the batch
                ids.add(tokens);
                listeners.add(event -> {
                    if (event instanceof GenerationEvent.TokenInfo token) tokens.add(token.id());
                });
            }
            List<java.util.function.BooleanSupplier> cancels = batch.stream()
                    .map(q -> (java.util.function.BooleanSupplier) () -> false).toList(); // only the probe's own
            List<GenerationEvent> ends;
            try {
                ends = generator.probe(session -> session.runTogether(requests, listeners, cancels)).result().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("generating " + batch.size() + " responses together failed: "
                        + e.getCause(), e.getCause());
            }
            for (int i = 0; i < batch.size(); i++) {
                Question question = batch.get(i);
                Outcome outcome = judge(question.part(), question.problem(), ends.get(i), ids.get(i).build().toArray());
                outcomes.add(outcome);
                each.accept(outcome);
            }
        }
        return outcomes;
    }

    private GenerationRequest request(Problem problem, SamplingSettings sampling) {
        return request(problem, sampling, maxTokens);
    }

    /** The conversation of {@code problem}: its earlier turns with the teacher's responses, then its question. */
    private static GenerationRequest request(Problem problem, SamplingSettings sampling, int maxTokens) {
        List<ChatTurn> conversation = new ArrayList<>();
        for (Problem.Exchange turn : problem.context()) {
            conversation.add(ChatTurn.user(turn.question()));
            conversation.add(ChatTurn.assistant(turn.response()));
        }
        conversation.add(ChatTurn.user(problem.question()));
        return new GenerationRequest(conversation, sampling, maxTokens, 0, List.of());
    }

    private static Outcome judge(EvaluationPart part, Problem problem, GenerationEvent last, int[] ids) {
        if (last instanceof GenerationEvent.Failed failed) {
            throw new IllegalStateException("generation for \"" + problem.question() + "\" failed: " + failed.message(),
                    failed.cause());
        }
        if (!(last instanceof GenerationEvent.Finished finished)) {
            throw new IllegalStateException("generation ended with " + last + " instead of Finished or Failed");
        }
        boolean wellFormed = finished.reason() == FinishReason.EOS
                && !finished.thinkingUnfinished()
                && !finished.thinkingForced()
                && !finished.thinking().isBlank()
                && AnswerChecker.extract(finished.answer()).isPresent();
        boolean correct = AnswerChecker.isCorrect(finished.answer(), problem.answer())
                && RecheckVerdict.agrees(problem, finished.answer());
        return new Outcome(part, problem, correct, wellFormed, OutOfScopeFamily.isRefusal(finished.answer()),
                finished.stats().thinkingTokens(), finished.stats().answerTokens(),
                finished.stats().decodeTokensPerSecond(), finished.thinking(), finished.answer(), ids);
    }
}
