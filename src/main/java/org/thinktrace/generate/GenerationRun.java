package org.thinktrace.generate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.thinktrace.text.R1Response;

/**
 * The loop of one generation, run on the model thread: plan the prompt, prefill, then sample → emit → feed
 * until EOS (or, in a raw completion, BOS), max tokens, a stop string or cancel. Events go to the listener in the order documented on
 * {@link GenerationEvent}; the final {@link GenerationEvent.Finished} is returned, not emitted, so that the
 * caller delivers it after its own bookkeeping. Exceptions (model, listener, prompt too long) propagate.
 */
final class GenerationRun {

    /** What the thinking budget inserts when it runs out. */
    static final String FORCED_THINKING_END = R1Response.THINKING_END;

    /** Prompt ids handed to the text stream as context for the first generated token. */
    private static final int DETOKENIZER_CONTEXT = 8;

    private final TokenSequence sequence;
    private final PromptCodec codec;
    private final int contextLength;
    private final GenerationJob job;
    private final Consumer<GenerationEvent> emit;
    private final BooleanSupplier cancelled;

    private final RunClock clock = new RunClock();
    private int thinkingTokens;
    private int answerTokens;
    /** Tokens emitted by the decode loop (sampled or forced), not replayed or inserted ones: what the rate counts. */
    private int decodedTokens;
    private boolean forced;

    GenerationRun(TokenSequence sequence, PromptCodec codec, int contextLength, GenerationJob job,
                  Consumer<GenerationEvent> emit, BooleanSupplier cancelled) {
        this.sequence = sequence;
        this.codec = codec;
        this.contextLength = contextLength;
        this.job = job;
        this.emit = emit;
        this.cancelled = cancelled;
    }

    GenerationEvent.Finished run() throws PromptTooLongException {
        ContextFitter.Fit fit = job.planner().plan(codec, contextLength);
        EncodedPrompt prompt = fit.prompt();
        if (fit.droppedTurns() > 0) {
            emit.accept(new GenerationEvent.ContextTrimmed(fit.droppedTurns(), prompt.length(), contextLength));
        }
        Continuation continuation = job.continuation();
        int[] kept = continuation == null ? new int[0] : continuation.keptIds();
        int[] inserted = continuation == null ? new int[0] : insertedIds(continuation.insert());
        int used = prompt.length() + kept.length + inserted.length;
        if (used >= contextLength) {
            throw new PromptTooLongException("the prompt of " + prompt.length() + " tokens and the " + kept.length
                    + " tokens the branch keeps" + (inserted.length > 0 ? " and the " + inserted.length + " it inserts" : "")
                    + " leave no room for a new token: the model's context holds " + contextLength
                    + ". Branch from an earlier token");
        }
        // the fit granted room after the prompt; a branch's kept and inserted tokens take some of it
        int maxTokens = Math.min(fit.maxTokens(), contextLength - used);
        clock.prefillStarted();
        CachedSequence.Prefill prefill = sequence.prefill(TokenIds.concat(prompt.ids(), kept), cancelled);
        clock.prefillEnded();
        boolean startsInThinking = !job.raw() && prompt.startsInThinking();
        emit.accept(new GenerationEvent.PromptProcessed(prompt.ids(), prompt.text(), startsInThinking));

        ResponseStream response = new ResponseStream(job.raw() ? null : new ThinkStreamParser(startsInThinking),
                job.stopStrings(), emit);
        TokenTextStream text = codec.openStream(tail(prompt.ids()));
        Sampler sampler = new Sampler(job.sampling(), job.alternatives());
        sampler.observePrompt(prompt.ids());
        FinishReason reason;
        if (prefill.cancelled()) {
            reason = FinishReason.CANCELLED;
        } else {
            float[] logits = prefill.logits();
            if (continuation != null) {
                replay(continuation.kept(), sampler, text, response);
                logits = insert(inserted, logits, sampler, text, response);
            }
            reason = decode(logits, maxTokens, sampler, text, response);
        }
        response.push(text.flush());
        response.finish();
        if (!response.inThinking() && thinkingTokens > 0) clock.thinkingEnded();
        GenerationStats stats = clock.stats(prompt.length(), prefill.computedTokens(), thinkingTokens, answerTokens,
                decodedTokens, response.thinkingUnfinished());
        return new GenerationEvent.Finished(reason, response.thinking(), response.answer(),
                response.thinkingUnfinished(), forced, stats);
    }

    private FinishReason decode(float[] logits, int maxTokens, Sampler sampler, TokenTextStream text,
                                ResponseStream response) {
        Set<Integer> ends = new HashSet<>(codec.eosIds());
        if (job.raw()) codec.bosId().ifPresent(ends::add);
        int generated = 0;
        while (true) {
            if (cancelled.getAsBoolean()) return FinishReason.CANCELLED;
            Sampler.Choice choice = sampler.sample(logits);
            clock.tokenGenerated();
            if (ends.contains(choice.id())) return FinishReason.EOS;
            emitToken(choice.id(), choice.probability(), choice.entropy(), alternatives(choice), text, response);
            generated++;
            decodedTokens++;
            if (response.stopped()) return FinishReason.STOP;
            if (generated >= maxTokens) return FinishReason.LENGTH;
            int[] next = {choice.id()};
            if (budgetExhausted(response)) {
                int[] end = codec.encodeControl(FORCED_THINKING_END);
                // no room left to close the thinking within max tokens: stop here rather than go past it
                if (generated + end.length > maxTokens) return FinishReason.LENGTH;
                forced = true;
                for (int id : end) {
                    sampler.observeGenerated(id);
                    emitToken(id, 1f, 0f, List.of(), text, response);
                }
                generated += end.length;
                decodedTokens += end.length;
                next = TokenIds.concat(next, end);
                if (generated >= maxTokens) return FinishReason.LENGTH;
            }
            if (sequence.length() + next.length > contextLength) return FinishReason.LENGTH;
            logits = sequence.append(next);
        }
    }

    /** Reports the kept tokens of a continuation again, with their recorded figures (they are already cached). */
    private void replay(List<GenerationEvent.TokenInfo> kept, Sampler sampler, TokenTextStream text,
                        ResponseStream response) {
        for (GenerationEvent.TokenInfo token : kept) {
            sampler.observeGenerated(token.id());
            emitToken(token.id(), token.probability(), token.entropy(), token.top(), text, response);
        }
    }

    /**
     * Runs a continuation's inserted tokens one at a time, each reported against the model's distribution at its
     * position; returns the logits after the last of them.
     */
    private float[] insert(int[] ids, float[] logits, Sampler sampler, TokenTextStream text,
                           ResponseStream response) {
        for (int id : ids) {
            if (sequence.length() + 1 > contextLength) throw new IllegalArgumentException(
                    "the inserted text does not fit the context of " + contextLength + " tokens");
            Sampler.Choice choice = Sampler.report(logits, id, job.alternatives());
            sampler.observeGenerated(id);
            emitToken(id, choice.probability(), choice.entropy(), alternatives(choice), text, response);
            logits = sequence.append(new int[] {id});
        }
        return logits;
    }

    private int[] insertedIds(Continuation.Insert insert) {
        return switch (insert) {
            case Continuation.Nothing nothing -> new int[0];
            case Continuation.Token token -> new int[] {token.id()};
            case Continuation.Text typed -> codec.encodeText(typed.text());
        };
    }

    private boolean budgetExhausted(ResponseStream response) {
        return !forced && job.thinkingBudget() > 0 && thinkingTokens >= job.thinkingBudget() && response.inThinking();
    }

    /** Emits the text deltas of one token, then its {@link GenerationEvent.TokenInfo}. */
    private void emitToken(int id, float probability, float entropy, List<TokenAlternative> top, TokenTextStream text,
                           ResponseStream response) {
        Phase phase = response.push(text.push(id));
        if (phase == Phase.THINKING) {
            thinkingTokens++;
            if (!response.inThinking()) clock.thinkingEnded();
        } else {
            answerTokens++;
        }
        emit.accept(new GenerationEvent.TokenInfo(id, codec.tokenText(id), phase, probability, entropy, top));
    }

    private List<TokenAlternative> alternatives(Sampler.Choice choice) {
        return choice.top().stream()
                .map(c -> new TokenAlternative(c.id(), codec.tokenText(c.id()), c.probability()))
                .toList();
    }

    private static int[] tail(int[] ids) {
        return Arrays.copyOfRange(ids, Math.max(0, ids.length - DETOKENIZER_CONTEXT), ids.length);
    }

}
