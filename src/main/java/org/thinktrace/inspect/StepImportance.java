package org.thinktrace.inspect;

import org.thinktrace.chat.StepResampling;
import org.thinktrace.chat.Importance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.text.ChatTurn;

/**
 * Step importance by resampling, after Thought Anchors (Bogdan et al., arXiv 2506.19143), at a laptop's cost: for each
 * chosen step, {@code samples} continuations are sampled from just before the step and {@code samples} from just
 * after it, each with at most {@code thinkingBudget} new thinking tokens (then the end of thinking is forced) and
 * {@code answerTokens} answer tokens; the step's importance is the difference between the shares of the two sets
 * that reach the original answer.
 *
 * <p>Every continuation reuses the cached prefix. Through {@link TextGenerator#continueFrom} they run one after
 * another (the generator is free between two of them); inside a probe, the {@code samples} continuations of one
 * side of a step are decoded together ({@link ModelSession#continueBranches}: one model pass per token for all of
 * them), and no generation can start until the whole run ends. Sampling uses the original settings with a distinct
 * seed per continuation, or DeepSeek's R1 defaults when the original was greedy (greedy continuations would all be
 * the same). Blocks the calling thread: call it from a background thread, or from a probe task.
 */
public final class StepImportance {

    /** Continuations per side of a step, by default. */
    public static final int DEFAULT_SAMPLES = 4;
    /** New thinking tokens per continuation, by default. */
    public static final int DEFAULT_THINKING_BUDGET = 256;
    /** Answer tokens per continuation, by default. */
    public static final int DEFAULT_ANSWER_TOKENS = 48;

    /**
     * Tokens a continuation may generate beyond its thinking budget and answer tokens: room for the forced end of
     * thinking ({@code </think>}), which the budget does not count, with a margin.
     */
    static final int FORCED_END_ALLOWANCE = 4;

    private final Continuations generator;
    private final int samples;
    private final int thinkingBudget;
    private final int answerTokens;
    private final UnaryOperator<String> normalise;

    public StepImportance(TextGenerator generator, int samples, int thinkingBudget, int answerTokens,
                          UnaryOperator<String> normalise) {
        this(Continuations.of(generator), samples, thinkingBudget, answerTokens, normalise);
    }

    /** Resamples inside a probe: call {@link #run} from the probe's task, with {@code session::cancelled}. */
    public StepImportance(ModelSession session, int samples, int thinkingBudget, int answerTokens,
                          UnaryOperator<String> normalise) {
        this(Continuations.of(session), samples, thinkingBudget, answerTokens, normalise);
    }

    private StepImportance(Continuations generator, int samples, int thinkingBudget, int answerTokens,
                           UnaryOperator<String> normalise) {
        if (samples < 1 || thinkingBudget < 1 || answerTokens < 1) {
            throw new IllegalArgumentException("samples, thinking budget and answer tokens must be >= 1");
        }
        this.generator = generator;
        this.samples = samples;
        this.thinkingBudget = thinkingBudget;
        this.answerTokens = answerTokens;
        this.normalise = normalise;
    }

    /** The most tokens resampling {@code steps} steps can generate: what the user is told before it starts. */
    public int maxTokens(int steps) {
        return (int) Math.min(Integer.MAX_VALUE, maxTokens(steps, samples, thinkingBudget, answerTokens));
    }

    /**
     * The most tokens resampling {@code steps} steps can generate with these settings: each continuation's thinking
     * budget, its answer tokens and {@link #FORCED_END_ALLOWANCE}.
     */
    public static long maxTokens(int steps, int samples, int thinkingBudget, int answerTokens) {
        return (long) continuations(steps, samples) * tokensPerContinuation(thinkingBudget, answerTokens);
    }

    /** The most new tokens one continuation may generate: the cap each continuation's request carries. */
    static int tokensPerContinuation(int thinkingBudget, int answerTokens) {
        return thinkingBudget + answerTokens + FORCED_END_ALLOWANCE;
    }

    /** How many continuations resampling {@code steps} steps runs: {@code samples} before and after each. */
    public static int continuations(int steps, int samples) {
        return steps * 2 * samples;
    }

    /**
     * Resamples around each chosen step. When {@code cancelled} turns true, or a continuation ends cancelled, the
     * result holds the steps finished before and is not {@link Importance#complete()}.
     *
     * @param conversation the turns the response answered (ending with the user's message)
     * @param original     the response's tokens, as recorded
     * @param stepTokens   for each chosen step, its index and token range {@code [from, to)} among the thinking tokens
     * @param finalAnswer  the response's normalised answer
     */
    public Importance run(List<ChatTurn> conversation, SamplingSettings originalSampling, List<TokenInfo> original,
                          List<StepRange> stepTokens, String finalAnswer, ProbeProgress progress,
                          BooleanSupplier cancelled) throws InterruptedException {
        SamplingSettings sampling = originalSampling.temperature() == 0
                ? SamplingSettings.r1Defaults().withSeed(originalSampling.seed()) : originalSampling;
        List<StepResampling> results = new ArrayList<>();
        int total = 0;
        AtomicInteger done = new AtomicInteger();
        int units = continuations(stepTokens.size(), samples);
        for (StepRange step : stepTokens) {
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            int tokens = 0;
            for (int side = 0; side < 2; side++) {
                int keep = side == 0 ? step.from() : step.to();
                if (cancelled.getAsBoolean()) return new Importance(results, total, false);
                List<SamplingSettings> seeds = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    seeds.add(sampling.withSeed(sampling.seed() + 1_000_003L * step.step() + 7919L * (2L * i + side) + 1));
                }
                List<Sample> drawn = samples(conversation, seeds, original.subList(0, keep), keep,
                        () -> progress.update(done.incrementAndGet(), units));
                if (drawn == null) return new Importance(results, total, false); // cancelled: no answers to count
                for (Sample s : drawn) {
                    (side == 0 ? before : after).add(s.answer());
                    tokens += s.tokens();
                }
            }
            total += tokens;
            results.add(new StepResampling(step.step(), before, after, share(before, finalAnswer),
                    share(after, finalAnswer), tokens));
        }
        return new Importance(results, total, true);
    }

    /** A chosen step: its index and its token range among the thinking tokens. */
    public record StepRange(int step, int from, int to) {
        public StepRange {
            if (from < 0 || to < from) throw new IllegalArgumentException("bad token range [" + from + ", " + to + ")");
        }
    }

    private record Sample(String answer, int tokens) {
    }

    /** Runs continuations to their ends and returns their last events. */
    private interface Continuations {
        GenerationEvent run(GenerationRequest request, Continuation continuation, Consumer<GenerationEvent> listener)
                throws InterruptedException;

        /** Several continuations at one point, their last events in order; by default one after another. */
        default List<GenerationEvent> runAll(List<GenerationRequest> requests, Continuation continuation,
                                             List<Consumer<GenerationEvent>> listeners, Runnable eachDone)
                throws InterruptedException {
            List<GenerationEvent> ends = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ends.add(run(requests.get(i), continuation, listeners.get(i)));
                eachDone.run();
            }
            return ends;
        }

        /** Inside a probe: the continuations of one point are decoded together ({@link ModelSession#continueBranches}). */
        static Continuations of(ModelSession session) {
            return new Continuations() {
                @Override
                public GenerationEvent run(GenerationRequest request, Continuation continuation,
                                           Consumer<GenerationEvent> listener) {
                    return session.continueFrom(request, continuation, listener);
                }

                @Override
                public List<GenerationEvent> runAll(List<GenerationRequest> requests, Continuation continuation,
                                                    List<Consumer<GenerationEvent>> listeners, Runnable eachDone) {
                    List<GenerationEvent> ends = new ArrayList<>(session.continueBranches(requests, continuation, listeners));
                    for (int i = 0; i < ends.size(); i++) eachDone.run();
                    return ends;
                }
            };
        }

        /** Through a generator's own thread, waiting for each continuation (cancelled when the wait is interrupted). */
        static Continuations of(TextGenerator generator) {
            return (request, continuation, listener) -> {
                GenerationHandle handle = generator.continueFrom(request, continuation, listener);
                try {
                    return handle.done().get();
                } catch (InterruptedException e) {
                    handle.cancel();
                    throw e;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a continuation failed: " + e.getCause().getMessage(), e.getCause());
                }
            };
        }
    }

    /**
     * One continuation per sampling setting from after {@code kept}, in order; {@code eachDone} after each ends. Null
     * when one of them was cancelled: its answer is not the one it would have reached.
     */
    private List<Sample> samples(List<ChatTurn> conversation, List<SamplingSettings> samplings, List<TokenInfo> kept,
                                 int keptCount, Runnable eachDone) throws InterruptedException {
        List<GenerationRequest> requests = new ArrayList<>();
        List<AtomicInteger> generated = new ArrayList<>();
        List<Consumer<GenerationEvent>> listeners = new ArrayList<>();
        for (SamplingSettings sampling : samplings) {
            requests.add(new GenerationRequest(conversation, sampling, tokensPerContinuation(thinkingBudget, answerTokens),
                    keptCount + thinkingBudget, List.of(), 1));
            AtomicInteger count = new AtomicInteger();
            generated.add(count);
            listeners.add(event -> {
                if (event instanceof TokenInfo) count.incrementAndGet();
            });
        }
        List<GenerationEvent> ends = generator.runAll(requests, Continuation.after(kept), listeners, eachDone);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            if (ends.get(i) instanceof GenerationEvent.Failed failed) {
                throw new IllegalStateException("a continuation failed: " + failed.message(), failed.cause());
            }
            GenerationEvent.Finished finished = (GenerationEvent.Finished) ends.get(i);
            if (finished.reason() == FinishReason.CANCELLED) return null;
            out.add(new Sample(normalise.apply(finished.answer()), Math.max(0, generated.get(i).get() - keptCount)));
        }
        return out;
    }

    private static double share(List<String> answers, String target) {
        if (answers.isEmpty()) return Double.NaN;
        return answers.stream().filter(a -> !target.isEmpty() && a.equals(target)).count() / (double) answers.size();
    }
}
