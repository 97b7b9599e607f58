package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
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
 * <p>A response is well-formed when the model closed its thinking by itself, then stopped with its
 * end-of-sentence token after an answer that states a result in bold or {@code \boxed{}}.
 */
public final class Evaluator {

    /**
     * What the model did with one problem.
     *
     * @param decodeTokensPerSecond generated tokens after the first per second of decoding
     */
    public record Outcome(Problem problem, boolean correct, boolean wellFormed, int thinkingTokens, int answerTokens,
                          double decodeTokensPerSecond, String thinking, String answer) {
    }

    private final TextGenerator generator;
    private final int maxTokens;

    /** @param maxTokens generation limit per problem, thinking and answer together */
    public Evaluator(TextGenerator generator, int maxTokens) {
        this.generator = generator;
        this.maxTokens = maxTokens;
    }

    /**
     * Evaluates each problem in turn; sampled runs use seed {@code sampling.seed() + index}, so that a
     * run is reproducible while problems do not share one random stream.
     */
    public EvaluationReport run(String mode, List<Problem> problems, SamplingSettings sampling, Consumer<Outcome> progress)
            throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            Outcome outcome = evaluate(problems.get(i), sampling.withSeed(sampling.seed() + i));
            outcomes.add(outcome);
            progress.accept(outcome);
        }
        return new EvaluationReport(mode, outcomes);
    }

    /** Generates a response to one problem and judges it. */
    public Outcome evaluate(Problem problem, SamplingSettings sampling) throws InterruptedException {
        GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user(problem.question())), sampling,
                maxTokens, 0, List.of());
        GenerationEvent last;
        try {
            last = generator.start(request, event -> { }).done().get();
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
        return new Outcome(problem, correct, wellFormed, finished.stats().thinkingTokens(), finished.stats().answerTokens(),
                finished.stats().decodeTokensPerSecond(), finished.thinking(), finished.answer());
    }
}
