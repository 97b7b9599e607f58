package org.thinktrace.model;

import ai.djl.ndarray.NDManager;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One daemon thread that runs PyTorch work on one core, for a component that splits its work
 * between the calling thread and workers ({@link RowSplitKernel}, the training shards). The thread
 * is prepared by {@link DjlRuntime#prepareCurrentThread} (one intra-op thread, gradient recording
 * as asked) before the constructor returns. Close it to stop the thread.
 *
 * <p>Hand-offs spin before they block: after each task the thread polls for the next one for
 * {@link #SPIN_NANOS}, and {@link #await} polls for the result as long, before either parks. A
 * decode step hands work over about 110 times with gaps of tens to hundreds of microseconds, and
 * waking a parked thread costs about as much (at R1-Distill-Qwen-1.5B shapes, spinning makes FP16
 * decode 7 % faster and FP32 4 %). The price is up to that long of one core busy-waiting after the last task.
 */
public final class PyTorchWorker implements AutoCloseable {

    /** How long the worker polls for its next task, and a caller for its result, before parking. */
    static final long SPIN_NANOS = 500_000;

    private final ExecutorService executor;
    private final String name;

    /**
     * @param name      the thread's name, also used in error messages
     * @param parent    manager under which the preparation's scratch array is made (and freed)
     * @param gradients whether the thread records gradients
     */
    public PyTorchWorker(String name, NDManager parent, boolean gradients) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SpinningQueue(),
                Thread.ofPlatform().name(name).daemon().factory());
        await(submit(() -> {
            DjlRuntime.prepareCurrentThread(parent, 1, gradients);
            return null;
        }));
    }

    /**
     * Runs {@code work} for tasks {@code 0 .. count-1}, each exactly once, on the calling thread and this worker,
     * which take the next task from a shared counter until none is left, and returns when all are done. The caller
     * never waits for a worker that has not started (on a busy machine it may not be scheduled for milliseconds): if
     * the caller finishes every task first, it withdraws the worker's share, which then does nothing; otherwise it
     * waits for the task the worker is on. A single task runs on the calling thread alone (a hand-off would only
     * cost).
     */
    public void shareTasks(int count, IntConsumer work) {
        if (count <= 1) {
            for (int t = 0; t < count; t++) {
                work.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger claim = new AtomicInteger(NOT_STARTED);
        Runnable loop = () -> {
            for (int t = next.getAndIncrement(); t < count; t = next.getAndIncrement()) {
                work.accept(t);
            }
        };
        Future<Void> helper = submit(() -> {
            if (claim.compareAndSet(NOT_STARTED, STARTED)) {
                loop.run();
            }
            return null;
        });
        loop.run();
        if (!claim.compareAndSet(NOT_STARTED, WITHDRAWN)) {
            await(helper);
        }
    }

    private static final int NOT_STARTED = 0;
    private static final int STARTED = 1;
    private static final int WITHDRAWN = 2;

    /** Queues {@code task} on this worker's thread. */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Waits for a task of this worker and returns its result; a runtime exception it threw is
     * rethrown as is, anything else it threw is wrapped, naming this worker.
     *
     * <p>An interrupt of the waiting thread does not cut the wait short: the task may be reading
     * or writing arrays that the caller frees as soon as this method returns, so the task is
     * waited for to its end, and then an {@link IllegalStateException} is thrown with the
     * thread's interrupt status set. A task is one step's share of work and ends on its own.
     */
    public <T> T await(Future<T> future) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (!future.isDone() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            awaitEndIgnoringInterrupts(future);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        }
    }

    /** Returns once {@code future} is done, however often the waiting thread is interrupted. */
    private static void awaitEndIgnoringInterrupts(Future<?> future) {
        while (!future.isDone()) {
            try {
                future.get();
            } catch (InterruptedException again) {
                // keep waiting: the caller's interrupt status is restored afterwards
            } catch (ExecutionException | CancellationException ended) {
                return;
            }
        }
    }

    /** The worker's queue: {@link #take} polls for {@link #SPIN_NANOS} before it blocks. */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        @Override
        public Runnable take() throws InterruptedException {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                Runnable task = poll();
                if (task != null) {
                    return task;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() < until);
            return super.take();
        }
    }

    /**
     * Stops the thread: a running task is interrupted, tasks still queued are cancelled (so that
     * waiting for them ends with a {@link CancellationException} rather than never).
     */
    @Override
    public void close() {
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false);
            }
        }
    }
}
