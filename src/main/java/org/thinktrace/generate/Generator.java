package org.thinktrace.generate;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.log.Failures;
import org.thinktrace.model.CausalLM;
import org.thinktrace.model.ComputePrecision;

/**
 * The {@link TextGenerator} of a loaded model: one named daemon thread owns the {@link CausalLM} from
 * construction to {@link #close()} and runs every generation, one at a time.
 *
 * <p>Between generations the KV cache is kept: a new prompt that starts with the previous sequence (the
 * next turn of a chat) only runs its new tokens. Any exception on the model thread (the model, the
 * tokenizer, the listener, a prompt that cannot fit) ends the generation with a
 * {@link GenerationEvent.Failed} event and empties the cache; nothing is swallowed. Should delivering
 * {@code Failed} itself throw, {@link GenerationHandle#done()} completes exceptionally with that exception.
 */
public final class Generator implements TextGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    /** Name of the model thread. */
    public static final String THREAD_NAME = "thinktrace-generator";

    private final CausalLM model;
    private final PromptCodec codec;
    private final String modelName;
    /** Set once by whoever hashed the weights; until then the name alone. */
    private volatile ModelIdentity identity;
    private final String deviceDescription;
    private final int contextLength;
    private final ExecutorService thread;
    private final CachedSequence sequence;
    private final ComputePrecision precision;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Handle current;
    private volatile boolean closed;

    private Throwable setupFailure; // written and read on the model thread only
    private volatile Thread modelThread;

    /** A generator whose precision is not known (not recorded in its {@link #identity()}). */
    public Generator(CausalLM model, PromptCodec codec, String modelName, String deviceDescription,
                     int contextLimit, Runnable threadSetup) {
        this(model, codec, modelName, deviceDescription, null, contextLimit, threadSetup);
    }

    /**
     * @param precision    the precision the model's weights are held in, recorded in its {@link #identity()}; null
     *                     when not known
     * @param contextLimit a user limit on the context (tokens); 0 or less = the model's own context length
     * @param threadSetup  runs first on the model thread (e.g. the DJL per-thread set-up: threads, no grad)
     */
    public Generator(CausalLM model, PromptCodec codec, String modelName, String deviceDescription,
                     ComputePrecision precision, int contextLimit, Runnable threadSetup) {
        this.model = Objects.requireNonNull(model, "model");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.modelName = modelName;
        this.precision = precision;
        this.identity = ModelIdentity.local(modelName, null, precisionName());
        this.deviceDescription = deviceDescription;
        this.contextLength = contextLimit > 0 ? Math.min(contextLimit, model.contextLength()) : model.contextLength();
        this.sequence = new CachedSequence(model);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(r);
            modelThread = t;
            return t;
        });
        thread.execute(() -> {
            try {
                threadSetup.run();
            } catch (Throwable e) { // an Error too: reported by every generation as a Failed event
                LOG.error("setting up the model thread of {} failed", modelName, e);
                setupFailure = e;
            }
        });
    }

    @Override
    public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
        return submit(GenerationJob.of(request), listener);
    }

    /** Continues {@code request.text()} as is, with no chat template (base models); same events as {@link #start}. */
    public GenerationHandle complete(CompletionRequest request, Consumer<GenerationEvent> listener) {
        return submit(GenerationJob.of(request), listener);
    }

    /**
     * Generates the response to {@code request} resuming inside an earlier response to the same conversation: the
     * continuation's kept tokens are reported first (from their record, without recomputing more than the cache
     * lacks), then its inserted token or text, then what the model generates. Same events and contract as
     * {@link #start}; {@code request.maxTokens()} bounds the newly generated tokens, the context bounds the prompt,
     * kept, inserted and new tokens together (a continuation that leaves no room for a new token fails as a prompt
     * too long does), and the thinking budget counts the kept thinking tokens too.
     */
    @Override
    public GenerationHandle continueFrom(GenerationRequest request, Continuation continuation,
                                         Consumer<GenerationEvent> listener) {
        return submit(GenerationJob.of(request, Objects.requireNonNull(continuation, "continuation")), listener);
    }

    /** A probe on the model thread; its result or failure completes {@link #result()}. */
    public interface Probe<T> {
        /** Asks the probe to stop at its next check of {@link ModelSession#cancelled()}. Idempotent. */
        void cancel();

        CompletableFuture<T> result();
    }

    /** Work done with a {@link ModelSession}. */
    @FunctionalInterface
    public interface ProbeTask<T> {
        T run(ModelSession session) throws Exception;
    }

    /**
     * Runs {@code task} on the model thread with direct use of the KV cache, never while a generation runs (and no
     * generation can start until it ends). The cache keeps whatever the task leaves in it, and the next generation
     * reuses the common prefix as usual; a task that throws leaves an emptied cache.
     *
     * @throws IllegalStateException when a generation or another probe is running, or the generator is closed
     */
    public <T> Probe<T> probe(ProbeTask<T> task) {
        Objects.requireNonNull(task, "task");
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<T> result = new CompletableFuture<>();
        claim();
        try {
            thread.execute(() -> {
                T value;
                try {
                    if (setupFailure != null) throw setupFailure;
                    value = task.run(new Session(stop));
                } catch (Throwable e) { // the caller learns every failure through the future
                    forgetCache(e);
                    running.set(false);
                    result.completeExceptionally(e);
                    return;
                }
                running.set(false); // before completing, so that a caller woken by the result can start at once
                result.complete(value);
            });
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return new Probe<>() {
            @Override
            public void cancel() {
                stop.set(true);
            }

            @Override
            public CompletableFuture<T> result() {
                return result;
            }
        };
    }

    private void claim() {
        if (closed) throw new IllegalStateException("the generator is closed");
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a generation or probe is already running on " + modelName);
        }
    }

    /**
     * Whether token {@code id} of this model reads as {@code text}: an id recorded by a model with another tokenizer
     * lies outside this vocabulary or reads otherwise, and must not be fed to this model as its own. Safe on any
     * thread (the vocabulary and the tokenizer do not change).
     */
    public boolean readsAs(int id, String text) {
        if (id < 0 || id >= model.config().vocabSize()) return false;
        try {
            return codec.tokenText(id).equals(text);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The model as a probe sees it. */
    private final class Session implements ModelSession {
        private final AtomicBoolean stop;

        Session(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        public PromptCodec codec() {
            return codec;
        }

        @Override
        public float[] prefill(int[] ids) {
            CachedSequence.Prefill prefill = sequence.prefill(ids, this::cancelled);
            if (prefill.cancelled()) throw new CancellationException("the probe was cancelled during its prefill");
            return prefill.logits();
        }

        @Override
        public float[] append(int[] ids) {
            if (sequence.length() + ids.length > contextLength) {
                throw new IllegalArgumentException("a probe of " + (sequence.length() + ids.length)
                        + " tokens does not fit the context of " + contextLength);
            }
            return sequence.append(ids);
        }

        @Override
        public void truncate(int length) {
            sequence.truncate(length);
        }

        @Override
        public int length() {
            return sequence.length();
        }

        @Override
        public int contextLength() {
            return contextLength;
        }

        @Override
        public GenerationEvent.Finished continueFrom(GenerationRequest request, Continuation continuation,
                                                     Consumer<GenerationEvent> listener) {
            try {
                return new GenerationRun(sequence, codec, contextLength,
                        GenerationJob.of(request, Objects.requireNonNull(continuation, "continuation")),
                        listener, this::cancelled).run();
            } catch (PromptTooLongException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public java.util.List<GreedyContinuation> greedyAfterCuts(int[] ids, int[] cuts, int[] suffix, int maxTokens,
                                                                   java.util.Set<Integer> stops,
                                                                   java.util.function.IntConsumer finished) {
            if (cuts.length < 2 || !model.decodesBranches()) {
                return ModelSession.super.greedyAfterCuts(ids, cuts, suffix, maxTokens, stops, finished);
            }
            return new TogetherGreedyRuns(sequence, model, contextLength, this::cancelled)
                    .run(ids, cuts, suffix, maxTokens, stops, finished);
        }

        @Override
        public java.util.List<GenerationEvent.Finished> continueBranches(java.util.List<GenerationRequest> requests,
                                                                        Continuation continuation,
                                                                        java.util.List<Consumer<GenerationEvent>> listeners) {
            if (requests.size() < 2 || !model.decodesBranches()) {
                return ModelSession.super.continueBranches(requests, continuation, listeners);
            }
            if (requests.size() != listeners.size()) {
                throw new IllegalArgumentException(requests.size() + " requests but " + listeners.size() + " listeners");
            }
            Objects.requireNonNull(continuation, "continuation");
            java.util.List<GenerationJob> jobs = requests.stream().map(r -> GenerationJob.of(r, continuation)).toList();
            return new BranchRuns(sequence, model, codec, contextLength).run(jobs, listeners, this::cancelled);
        }

        @Override
        public java.util.List<GenerationEvent> runTogether(java.util.List<GenerationRequest> requests,
                                                           java.util.List<Consumer<GenerationEvent>> listeners,
                                                           java.util.List<java.util.function.BooleanSupplier> cancels) {
            if (requests.size() != listeners.size() || requests.size() != cancels.size()) {
                throw new IllegalArgumentException(requests.size() + " requests, " + listeners.size() + " listeners and "
                        + cancels.size() + " cancels");
            }
            java.util.List<GenerationJob> jobs = requests.stream().map(GenerationJob::of).toList();
            GenerationEvent[] ends = new GenerationEvent[jobs.size()];
            if (requests.size() >= 2 && model.decodesBranches()) {
                new BranchRuns(sequence, model, codec, contextLength).runEach(jobs, listeners, cancels,
                        this::cancelled, (outcome, i) -> {
                            ends[i] = outcome.failure() == null ? outcome.finished() : failed(outcome.failure());
                            deliverLast(listeners.get(i), ends[i]);
                        });
                return java.util.List.of(ends);
            }
            for (int i = 0; i < jobs.size(); i++) {
                java.util.function.BooleanSupplier cancel = cancels.get(i);
                try {
                    ends[i] = new GenerationRun(sequence, codec, contextLength, jobs.get(i), listeners.get(i),
                            () -> cancelled() || cancel.getAsBoolean()).run();
                } catch (PromptTooLongException e) {
                    ends[i] = failed(e);
                } catch (RuntimeException e) { // this request's run failed: the cache is no longer known
                    forgetCache(e);
                    ends[i] = failed(e);
                }
                deliverLast(listeners.get(i), ends[i]);
            }
            return java.util.List.of(ends);
        }

        @Override
        public boolean cancelled() {
            return stop.get() || closed;
        }
    }

    /** The end of a request that failed alone: its prompt did not fit (said as is) or its run threw (logged). */
    private GenerationEvent.Failed failed(Throwable failure) {
        if (failure instanceof PromptTooLongException tooLong) {
            LOG.info("prompt too long for {}: {}", modelName, tooLong.getMessage());
            return new GenerationEvent.Failed(tooLong.getMessage(), tooLong);
        }
        LOG.error("a generation decoded together on {} failed", modelName, failure);
        return new GenerationEvent.Failed("generation failed: " + Failures.describe(failure), failure);
    }

    /** Hands a request's last event to its listener; a listener that throws is logged, the others go on. */
    private void deliverLast(Consumer<GenerationEvent> listener, GenerationEvent last) {
        try {
            listener.accept(last);
        } catch (RuntimeException e) {
            LOG.error("the listener of a generation on {} failed on its final event", modelName, e);
        }
    }

    /** Whether this generator decodes several requests together ({@link ModelSession#runTogether}) in one pass. */
    public boolean decodesTogether() {
        return model.decodesBranches();
    }

    private GenerationHandle submit(GenerationJob job, Consumer<GenerationEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        claim();
        Handle handle = new Handle();
        current = handle;
        try {
            thread.execute(() -> run(job, listener, handle));
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return handle;
    }

    private void run(GenerationJob job, Consumer<GenerationEvent> listener, Handle handle) {
        GenerationEvent last;
        try {
            if (setupFailure != null) throw setupFailure;
            last = new GenerationRun(sequence, codec, contextLength, job, listener, handle::isCancelled).run();
        } catch (PromptTooLongException e) {
            LOG.info("prompt too long for {}: {}", modelName, e.getMessage());
            last = new GenerationEvent.Failed(e.getMessage(), e);
        } catch (Throwable e) { // every failure on the model thread must become a visible event
            LOG.error("generation on {} failed", modelName, e);
            forgetCache(e);
            last = new GenerationEvent.Failed("generation failed: " + Failures.describe(e), e);
        }
        finish(handle); // first: a listener that starts the next generation on the final event may do so at once
        try {
            listener.accept(last);
        } catch (Throwable e) { // the final event was not delivered: the caller learns it through done()
            LOG.error("the listener of a generation on {} failed on its final event", modelName, e);
            handle.done.completeExceptionally(e);
            return;
        }
        handle.done.complete(last);
    }

    private void finish(Handle handle) {
        if (current == handle) current = null;
        running.set(false);
    }

    private void forgetCache(Throwable cause) {
        try {
            sequence.forget();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String modelName() {
        return modelName;
    }

    /** The model's name and, once {@link #identifyWeights} was told it, the hash of its weights. */
    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /**
     * Records the SHA-256 of this model's weight files (see {@link WeightsHash}), so that every response generated
     * from now on records exactly which model wrote it.
     */
    public void identifyWeights(String weightsSha256) {
        identity = ModelIdentity.local(modelName, weightsSha256, precisionName());
    }

    /** The precision the weights are held in; null when not known. */
    public ComputePrecision precision() {
        return precision;
    }

    private String precisionName() {
        return precision == null ? null : precision.optionName();
    }

    @Override
    public String deviceDescription() {
        return deviceDescription;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /**
     * Cancels a running generation, frees the model on its thread and stops the thread, waiting up to 30 s
     * (not at all when called from a listener, i.e. on the model thread itself).
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Handle h = current;
        if (h != null) h.cancel();
        thread.execute(() -> {
            try {
                model.close();
            } catch (Throwable e) { // nobody waits for this task: the log is the only place it can be seen
                LOG.error("freeing the model {} failed", modelName, e);
            }
        });
        thread.shutdown();
        if (Thread.currentThread() == modelThread) return;
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the model thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Handle implements GenerationHandle {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CompletableFuture<GenerationEvent> done = new CompletableFuture<>();

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public CompletableFuture<GenerationEvent> done() {
            return done;
        }

        boolean isCancelled() {
            return cancelled.get();
        }
    }
}
