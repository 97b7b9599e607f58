package org.thinktrace.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.PromptTooLongException;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.generate.TokenAlternative;

/**
 * Test double of a {@link TextGenerator}: streams a scripted response (thinking tokens, then answer tokens) on
 * its own thread, in the event order {@link GenerationEvent} documents. Each token waits for a permit, so a
 * test can hold the generation at any point ({@link #release(int)}) or let it run ({@link #releaseAll()}).
 * Cancel ends it with {@link FinishReason#CANCELLED} before the next token. Records every request.
 */
public final class ScriptedGenerator implements TextGenerator {

    private final List<String> thinkingTokens;
    private final List<String> answerTokens;
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger delivered = new AtomicInteger();
    private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<List<List<String>>> laterScripts = new CopyOnWriteArrayList<>();
    private final AtomicInteger generations = new AtomicInteger();
    private volatile int droppedTurns;
    private volatile boolean promptTooLong;
    private volatile boolean closed;

    public ScriptedGenerator(List<String> thinkingTokens, List<String> answerTokens) {
        this.thinkingTokens = List.copyOf(thinkingTokens);
        this.answerTokens = List.copyOf(answerTokens);
    }

    /** A generator that never waits between tokens. */
    public static ScriptedGenerator unpaced(List<String> thinkingTokens, List<String> answerTokens) {
        ScriptedGenerator generator = new ScriptedGenerator(thinkingTokens, answerTokens);
        generator.releaseAll();
        return generator;
    }

    /** Makes each generation end at once, failed with a prompt that does not fit the context, as the real one does. */
    public void refusePromptsAsTooLong() {
        promptTooLong = true;
    }

    /** Makes each generation start by reporting that the oldest {@code turns} turns did not fit the context. */
    public void trimContext(int turns) {
        droppedTurns = turns;
    }

    /**
     * Makes the next generation (after those already scripted) stream these tokens instead; the last script given
     * stays for every later generation. A token that differs from the first script's token at the same position
     * gets an id of its own ({@code 5000 + i}), as a tokenizer would give different text a different id.
     */
    public ScriptedGenerator then(List<String> thinkingTokens, List<String> answerTokens) {
        laterScripts.add(List.of(List.copyOf(thinkingTokens), List.copyOf(answerTokens)));
        return this;
    }

    /** Lets {@code tokens} more tokens through. */
    public void release(int tokens) {
        permits.release(tokens);
    }

    /** Lets every remaining token through, now and in later generations. */
    public void releaseAll() {
        permits.release(Integer.MAX_VALUE / 2);
    }

    /** Tokens delivered so far, over all generations. */
    public int delivered() {
        return delivered.get();
    }

    public List<GenerationRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
        if (!running.compareAndSet(false, true)) throw new IllegalStateException("a generation is already running");
        requests.add(request);
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<GenerationEvent> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> run(listener, cancelled, done), "scripted-generator");
        thread.setDaemon(true);
        thread.start();
        return new GenerationHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                permits.release();
            }

            @Override
            public CompletableFuture<GenerationEvent> done() {
                return done;
            }
        };
    }

    private void run(Consumer<GenerationEvent> listener, AtomicBoolean cancelled, CompletableFuture<GenerationEvent> done) {
        StringBuilder thinking = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        int[] promptIds = {1, 2, 3};
        if (promptTooLong) {
            GenerationEvent.Failed failed = new GenerationEvent.Failed("the prompt is 900 tokens but the model's context "
                    + "holds " + contextLength(), new PromptTooLongException("the prompt is 900 tokens"));
            running.set(false);
            listener.accept(failed);
            done.complete(failed);
            return;
        }
        if (droppedTurns > 0) listener.accept(new GenerationEvent.ContextTrimmed(droppedTurns, promptIds.length, contextLength()));
        listener.accept(new GenerationEvent.PromptProcessed(promptIds, "<｜User｜>prompt<｜Assistant｜><think>\n", true));
        int generation = generations.getAndIncrement();
        List<String> firstScript = new ArrayList<>(this.thinkingTokens);
        firstScript.addAll(this.answerTokens);
        List<String> thinkingTokens = this.thinkingTokens;
        List<String> answerTokens = this.answerTokens;
        if (generation > 0 && !laterScripts.isEmpty()) {
            List<List<String>> script = laterScripts.get(Math.min(generation - 1, laterScripts.size() - 1));
            thinkingTokens = script.get(0);
            answerTokens = script.get(1);
        }
        List<String> all = new ArrayList<>(thinkingTokens);
        all.addAll(answerTokens);
        int thinkingCount = 0;
        int answerCount = 0;
        FinishReason reason = FinishReason.EOS;
        for (int i = 0; i < all.size(); i++) {
            if (!awaitPermit(cancelled)) {
                reason = FinishReason.CANCELLED;
                break;
            }
            String text = all.get(i);
            boolean inThinking = i < thinkingTokens.size();
            if (inThinking) {
                thinking.append(text);
                thinkingCount++;
                listener.accept(new GenerationEvent.ThinkingDelta(text));
            } else {
                answer.append(text);
                answerCount++;
                listener.accept(new GenerationEvent.AnswerDelta(text));
            }
            float probability = 0.5f + (i % 5) / 10f;
            int id = i < firstScript.size() && firstScript.get(i).equals(text) ? 100 + i : 5000 + i;
            listener.accept(new GenerationEvent.TokenInfo(id, text, inThinking ? Phase.THINKING : Phase.ANSWER,
                    probability, 0.25f + (i % 3) / 4f, List.of(new TokenAlternative(id, text, probability),
                    new TokenAlternative(7, "x", (1 - probability) / 2))));
            delivered.incrementAndGet();
        }
        boolean unfinished = thinkingCount < thinkingTokens.size();
        GenerationStats stats = new GenerationStats(promptIds.length, 0.01, 300, 50, thinkingCount, answerCount,
                thinkingCount / 50.0, (thinkingCount + answerCount) / 50.0);
        GenerationEvent last = new GenerationEvent.Finished(reason, thinking.toString(), answer.toString(),
                unfinished, false, stats);
        running.set(false);
        listener.accept(last);
        done.complete(last);
    }

    private boolean awaitPermit(AtomicBoolean cancelled) {
        try {
            while (!cancelled.get()) {
                if (permits.tryAcquire(20, TimeUnit.MILLISECONDS)) return !cancelled.get();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String modelName() {
        return "scripted-test-model";
    }

    @Override
    public String deviceDescription() {
        return "test thread";
    }

    @Override
    public int contextLength() {
        return 4096;
    }

    @Override
    public void close() {
        running.set(false);
        closed = true;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
