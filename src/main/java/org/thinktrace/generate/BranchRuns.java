package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.thinktrace.model.BranchDecoder;
import org.thinktrace.model.CausalLM;

/**
 * Several generations decoded together: each is an ordinary {@link GenerationRun} on a virtual thread of its own,
 * whose {@link TokenSequence} hands its model work to the calling thread (the model thread). The prompts' longest
 * common prefix is prefilled once into the model's cache (all of it when the runs continue one response) and each
 * run's rest of its prompt into its own branch; then, whenever every unfinished run waits for the model, one
 * {@link BranchDecoder#step} advances all of them by a token, so the weights are read once per token for all of
 * them. A run that appends several tokens at once (the forced end of thinking) takes one per step.
 *
 * <p>Each run samples with its own settings and seed, as it would alone; its tokens can differ from a run alone
 * only where the batched and the single-row products round differently. Every run's events go to its own
 * listener, on its own thread. Used on the model thread only, once.
 */
final class BranchRuns {

    private final CachedSequence shared;
    private final CausalLM model;
    private final PromptCodec codec;
    private final int contextLength;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the last busy run waits for the model or ends. */
    private final Condition noneBusy = lock.newCondition();
    private final List<Branch> branches = new ArrayList<>();
    /**
     * How many runs work on their own (sampling, telling their listeners) rather than waiting for the model or having
     * ended: the model thread serves once none does. Each wait wakes only the threads it concerns, so a step of many
     * runs costs one wake-up per run. Guarded by {@code lock}.
     */
    private int busy;
    private BranchDecoder decoder;
    private int prefixLength;
    /** Set when the model thread failed: every waiting run is released with it. */
    private RuntimeException modelFailure;

    BranchRuns(CachedSequence shared, CausalLM model, PromptCodec codec, int contextLength) {
        this.shared = shared;
        this.model = model;
        this.codec = codec;
        this.contextLength = contextLength;
    }

    /**
     * Runs {@code jobs} to their ends, job i's events to {@code listeners[i]}.
     *
     * @return the finished events, in the order of the jobs
     * @throws IllegalArgumentException when a job's prompt leaves no room
     * @throws IllegalStateException    when a run failed (its failure as the cause)
     */
    List<GenerationEvent.Finished> run(List<GenerationJob> jobs, List<Consumer<GenerationEvent>> listeners,
                                       BooleanSupplier cancelled) {
        List<BooleanSupplier> each = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) each.add(cancelled);
        List<Outcome> outcomes = runEach(jobs, listeners, each, cancelled, (outcome, index) -> { });
        List<GenerationEvent.Finished> finished = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Throwable failure = outcome.failure();
            if (failure instanceof PromptTooLongException tooLong) {
                throw new IllegalArgumentException(tooLong.getMessage(), tooLong);
            }
            if (failure instanceof IllegalArgumentException bad) throw bad;
            if (failure != null) throw new IllegalStateException("a branch failed: " + failure.getMessage(), failure);
            finished.add(outcome.finished());
        }
        return finished;
    }

    /** How one run ended: its finished event, or the failure that ended it alone. */
    record Outcome(GenerationEvent.Finished finished, Throwable failure) {
    }

    /**
     * Runs {@code jobs} to their ends, job i's events to {@code listeners[i]}, job i stopping within one token once
     * {@code cancels[i]} turns true; a run that fails (its prompt does not fit, its listener throws) ends alone.
     *
     * @param all   stops the shared prefill and every run (checked with each run's own)
     * @param ended told each run's index and outcome as soon as that run ends, on the run's own thread, while the
     *              others go on (what it throws becomes that run's failure in the returned outcomes, if it had none)
     * @return how each job ended, in the order of the jobs
     * @throws RuntimeException when the model failed: every run was stopped with it
     */
    List<Outcome> runEach(List<GenerationJob> jobs, List<Consumer<GenerationEvent>> listeners,
                          List<BooleanSupplier> cancels, BooleanSupplier all,
                          java.util.function.ObjIntConsumer<Outcome> ended) {
        GenerationEvent.Finished[] finished = new GenerationEvent.Finished[jobs.size()];
        Throwable[] failures = new Throwable[jobs.size()];
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            busy = jobs.size();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < jobs.size(); i++) {
            Branch branch = new Branch(i);
            branches.add(branch);
            int index = i;
            BooleanSupplier cancelled = () -> all.getAsBoolean() || cancels.get(index).getAsBoolean();
            threads.add(Thread.ofVirtual().name("thinktrace-branch-" + i).start(() -> {
                try {
                    finished[index] = new GenerationRun(branch, codec, contextLength, jobs.get(index),
                            listeners.get(index), cancelled).run();
                } catch (Throwable e) { // reported below, after every run has ended
                    failures[index] = e;
                } finally {
                    lock.lock();
                    try {
                        branch.done = true;
                        idle();
                    } finally {
                        lock.unlock();
                    }
                }
                try {
                    ended.accept(new Outcome(finished[index], failures[index]), index);
                } catch (RuntimeException e) { // the caller's own business; the run has ended either way
                    failures[index] = failures[index] == null ? e : failures[index];
                }
            }));
        }
        try {
            serveUntilDone(all);
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                modelFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                branches.forEach(b -> b.released.signal());
            } finally {
                lock.unlock();
            }
            joinAll(threads);
            throw e;
        } finally {
            if (decoder != null) decoder.close();
        }
        joinAll(threads);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) outcomes.add(new Outcome(finished[i], failures[i]));
        return outcomes;
    }

    /** Serves the runs' prefills and appends until every run has ended. */
    private void serveUntilDone(BooleanSupplier cancelled) {
        while (true) {
            List<Branch> waiting = new ArrayList<>();
            lock.lock();
            try {
                while (busy > 0) waitUninterruptibly();
                for (Branch b : branches) if (!b.done) waiting.add(b);
            } finally {
                lock.unlock();
            }
            if (waiting.isEmpty()) return;
            if (waiting.stream().anyMatch(b -> b.prefill)) {
                prefill(waiting, cancelled);
            } else {
                step(waiting);
            }
        }
    }

    /**
     * Every run's prompt, once: the prompts' longest common prefix into the model's own cache (reused from what it
     * holds, as any prefill), read in place by every branch; then each branch's rest of its prompt into its own cache.
     * Runs that share one prompt (the continuations of one response) add nothing of their own.
     */
    private void prefill(List<Branch> waiting, BooleanSupplier cancelled) {
        for (Branch b : waiting) {
            if (!b.prefill) throw new IllegalStateException("a branch appended before every prompt was prefilled");
        }
        if (decoder != null) throw new IllegalStateException("the prompts were already prefilled");
        int common = waiting.getFirst().wanted.length;
        for (Branch b : waiting) common = commonPrefix(waiting.getFirst().wanted, b.wanted, common);
        int[] first = waiting.getFirst().wanted;
        CachedSequence.Prefill shared = common == 0 ? null : this.shared.prefill(Arrays.copyOf(first, common), cancelled);
        if (common == 0) this.shared.truncate(0);
        prefixLength = common;
        int capacity = contextLength - common;
        boolean cancelledNow = shared != null && shared.cancelled();
        if (!cancelledNow && capacity >= 1) decoder = model.branches(branches.size(), capacity);
        CachedSequence.Prefill[] results = new CachedSequence.Prefill[waiting.size()];
        for (int i = 0; i < waiting.size(); i++) {
            Branch b = waiting.get(i);
            int[] rest = Arrays.copyOfRange(b.wanted, common, b.wanted.length);
            int reused = shared == null ? 0 : shared.reusedTokens();
            int computed = shared == null ? 0 : shared.computedTokens();
            if (cancelledNow || cancelled.getAsBoolean()) {
                results[i] = new CachedSequence.Prefill(null, reused, computed, true);
            } else if (rest.length == 0) {
                results[i] = new CachedSequence.Prefill(shared.logits().clone(), reused, computed, false);
            } else if (decoder == null) {
                throw new IllegalStateException("no room after a shared prefix of " + common + " tokens");
            } else {
                float[] logits = decoder.extend(b.index, rest);
                b.length = rest.length;
                results[i] = new CachedSequence.Prefill(logits, reused, computed + rest.length, false);
            }
        }
        lock.lock();
        try {
            for (int i = 0; i < waiting.size(); i++) {
                Branch b = waiting.get(i);
                b.prefillResult = results[i];
                b.release();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many of the first {@code limit} ids of {@code a} and {@code b} are equal. */
    private static int commonPrefix(int[] a, int[] b, int limit) {
        int n = Math.min(limit, Math.min(a.length, b.length));
        int i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    /** One token for every waiting run, in one pass. */
    private void step(List<Branch> waiting) {
        if (decoder == null) throw new IllegalStateException("a branch appended before the shared prompt was prefilled");
        int[] indices = new int[waiting.size()];
        int[] ids = new int[waiting.size()];
        for (int i = 0; i < waiting.size(); i++) {
            Branch b = waiting.get(i);
            indices[i] = b.index;
            ids[i] = b.wanted[b.offset];
        }
        float[][] logits = decoder.step(indices, ids);
        lock.lock();
        try {
            for (int i = 0; i < waiting.size(); i++) {
                Branch b = waiting.get(i);
                b.offset++;
                b.length++;
                if (b.offset == b.wanted.length) {
                    b.appendResult = logits[i];
                    b.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One run stopped working on its own: it waits for the model or has ended. Called holding {@code lock}. */
    private void idle() {
        if (--busy == 0) noneBusy.signal();
    }

    private void waitUninterruptibly() {
        try {
            noneBusy.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding branches", e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** One run's sequence: its requests wait for the model thread. Guarded by {@code lock}. */
    private final class Branch implements TokenSequence {
        final int index;
        /** Signalled when the model thread has served this run's request, or failed. */
        final Condition released = lock.newCondition();
        int[] wanted;
        boolean prefill;
        int offset;
        int length;
        boolean done;
        CachedSequence.Prefill prefillResult;
        float[] appendResult;

        Branch(int index) {
            this.index = index;
        }

        @Override
        public CachedSequence.Prefill prefill(int[] prompt, BooleanSupplier cancelled) {
            lock.lock();
            try {
                prefill = true;
                await(prompt);
                return prefillResult;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public float[] append(int[] next) {
            if (next.length == 0) throw new IllegalArgumentException("nothing to append");
            lock.lock();
            try {
                prefill = false;
                offset = 0;
                await(next);
                return appendResult;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int length() {
            lock.lock();
            try {
                return prefixLength + length;
            } finally {
                lock.unlock();
            }
        }

        private void await(int[] request) {
            wanted = request;
            idle();
            while (wanted != null && modelFailure == null) released.awaitUninterruptibly();
            if (wanted != null) {
                wanted = null;
                busy++; // working on its own again, to end with the failure
                throw new IllegalStateException("the model failed", modelFailure);
            }
        }

        /** The model thread served this run's request: it works on its own again. */
        void release() {
            wanted = null;
            busy++;
            released.signal();
        }
    }
}
