package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Direct use of a loaded model's KV cache between generations, for probes that read what the model would say at
 * points of a trace (answer convergence). Only valid inside {@link Generator#probe}, on the model thread.
 *
 * <p>The cache's content is tracked: {@link #prefill} reuses the longest common prefix with what the cache holds,
 * so that walking forward through one sequence never recomputes its prefix.
 */
public interface ModelSession {

    /** The model's tokenizer and template. */
    PromptCodec codec();

    /**
     * Makes the cache hold exactly {@code ids}, running only what is not already cached (at least the last id).
     *
     * @return the logits after the last id
     * @throws java.util.concurrent.CancellationException when the probe is cancelled (or the model closed) before it
     *                                                    ends; the cache then holds a prefix of {@code ids}
     */
    float[] prefill(int[] ids);

    /** Runs {@code ids} after the cached ones; returns the logits after the last of them. */
    float[] append(int[] ids);

    /** Drops cached tokens beyond {@code length}. */
    void truncate(int length);

    /** How many tokens the cache holds. */
    int length();

    /** The context window in tokens. */
    int contextLength();

    /**
     * Generates a continuation inside an earlier response, as {@link Generator#continueFrom} does, but here on the
     * model thread and to its end: the events go to {@code listener} as they come, and the last one is returned.
     * The probe's cancel ends it with {@link FinishReason#CANCELLED} within one token.
     *
     * @throws IllegalArgumentException when the prompt leaves no room for one token
     */
    GenerationEvent.Finished continueFrom(GenerationRequest request, Continuation continuation,
                                          Consumer<GenerationEvent> listener);

    /**
     * Generates several continuations at the same point of an earlier response, as {@link #continueFrom} does for
     * one: request i (same conversation, its own sampling and seed) with its events to listener i. Where the model
     * can, they are decoded together, one model pass per token for all of them ({@link BranchRuns}); otherwise, and
     * by default, one after another.
     *
     * @return the finished events, in the order of the requests
     * @throws IllegalArgumentException when the lists differ in size, or the prompt leaves no room for one token
     */
    default List<GenerationEvent.Finished> continueBranches(List<GenerationRequest> requests, Continuation continuation,
                                                             List<Consumer<GenerationEvent>> listeners) {
        if (requests.size() != listeners.size()) {
            throw new IllegalArgumentException(requests.size() + " requests but " + listeners.size() + " listeners");
        }
        List<GenerationEvent.Finished> finished = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            finished.add(continueFrom(requests.get(i), continuation, listeners.get(i)));
        }
        return finished;
    }

    /**
     * Generates the responses to several requests (each its own conversation, sampling and seed) on the model
     * thread, request i's events to listener i, as {@link Generator#start} would one after another. Where the model
     * can, they are decoded together ({@link BranchRuns}): their prompts' common prefix is run once, and each token
     * step reads the weights once for all of them; a response's tokens can then differ from a run alone only where
     * the batched and the single-row products round differently. Request i stops within one token once
     * {@code cancels[i]} turns true (or the probe is cancelled), and a request that cannot run (its prompt leaves no
     * room, its listener throws) ends with a {@link GenerationEvent.Failed} while the others go on. Each request's
     * last event goes to its listener as soon as that request ends (as {@link Generator#start} delivers it), and is
     * returned too.
     *
     * @return per request, in their order, its {@link GenerationEvent.Finished} or {@link GenerationEvent.Failed}
     * @throws IllegalArgumentException when the lists differ in size
     * @throws RuntimeException         when the model itself failed: every request stopped with it
     */
    List<GenerationEvent> runTogether(List<GenerationRequest> requests, List<Consumer<GenerationEvent>> listeners,
                                      List<java.util.function.BooleanSupplier> cancels);

    /**
     * For each cut c of {@code cuts}: the first c ids of {@code sequence}, then {@code suffix}, then greedy tokens until
     * a token of {@code stops} (not kept), {@code maxTokens} tokens, or a full context. The cache afterwards holds a
     * prefix of {@code sequence}. By default one cut after another, each run after the cached prefix it shares with the
     * one before (the cuts in increasing order never recompute a token); where the model can, the cuts are decoded
     * together, every token step once for all of them, so a cut's tokens may then differ from a run alone where the
     * batched and the single-row products round differently.
     *
     * @param cuts     each between 1 and {@code sequence.length}
     * @param finished told the index of each cut as it finishes, once each
     * @return per cut, in the cuts' order, up to the first that did not finish when the probe was cancelled
     * @throws IllegalArgumentException when a cut lies outside the sequence, or a cut and the suffix do not fit the
     *                                  context
     */
    default List<GreedyContinuation> greedyAfterCuts(int[] sequence, int[] cuts, int[] suffix, int maxTokens,
                                                     Set<Integer> stops, IntConsumer finished) {
        GreedyContinuations.check(sequence, cuts, suffix, maxTokens, contextLength());
        List<GreedyContinuation> out = new ArrayList<>();
        for (int i = 0; i < cuts.length && !cancelled(); i++) {
            try {
                prefill(Arrays.copyOf(sequence, cuts[i]));
            } catch (java.util.concurrent.CancellationException e) {
                break; // cancelled during this cut's prefill: the cuts before it stand
            }
            int base = length();
            GreedyContinuations.Run run = new GreedyContinuations.Run(cuts[i], maxTokens, stops);
            int next = run.choose(append(suffix), length(), contextLength());
            while (next >= 0) {
                next = run.choose(append(new int[] {next}), length(), contextLength());
            }
            truncate(base);
            out.add(run.result());
            finished.accept(i);
        }
        return out;
    }

    /** Whether the caller asked the probe to stop; probes check it between model calls. */
    boolean cancelled();
}
