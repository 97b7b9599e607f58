package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationRequest;
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
        int index = 0;
        for (EvaluationPart part : EvaluationPart.values()) {
            for (Problem problem : suite.part(part)) {
                each.accept(evaluate(part, problem, sampling.withSeed(sampling.seed() + index++)));
            }
        }
    }

    /** Generates a response to one held-out problem and judges it. */
    public Outcome evaluate(Problem problem, SamplingSettings sampling) throws InterruptedException {
        return evaluate(EvaluationPart.PROBLEMS, problem, sampling);
    }

    /** Generates a response to the last turn of {@code problem}'s conversation and judges it. */
    public Outcome evaluate(EvaluationPart part, Problem problem, SamplingSettings sampling) throws InterruptedException {
        List<ChatTurn> conversation = new ArrayList<>();
        for (Problem.Exchange turn : problem.context()) {
            conversation.add(ChatTurn.user(turn.question()));
            conversation.add(ChatTurn.assistant(turn.response()));
        }
        conversation.add(ChatTurn.user(problem.question()));
        GenerationRequest request = new GenerationRequest(conversation, sampling, maxTokens, 0, List.of());
        IntStream.Builder ids = IntStream.builder(); // filled on the generator's thread, read after done()
        GenerationEvent last;
        try {
            last = generator.start(request, event -> {
                if (event instanceof GenerationEvent.TokenInfo token) ids.add(token.id());
            }).done().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("generation for \"" + problem.question() + "\" failed: " + e.getCause(), e.getCause());
        }
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
        boolean correct = AnswerChecker.isCorrect(finished.answer(), problem.answer());
        return new Outcome(part, problem, correct, wellFormed, OutOfScopeFamily.isRefusal(finished.answer()),
                finished.stats().thinkingTokens(), finished.stats().answerTokens(),
                finished.stats().decodeTokensPerSecond(), finished.thinking(), finished.answer(), ids.build().toArray());
    }
}
