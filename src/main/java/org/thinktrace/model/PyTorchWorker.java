package org.thinktrace.model;

import ai.djl.ndarray.NDManager;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One daemon thread that runs PyTorch work on one core, for a component that splits its work
 * between the calling thread and workers ({@link RowSplitKernel}, the training shards). The thread
 * is prepared by {@link DjlRuntime#prepareCurrentThread} (one intra-op thread, gradient recording
 * as asked) before the constructor returns. Close it to stop the thread.
 */
public final class PyTorchWorker implements AutoCloseable {

    private final ExecutorService executor;
    private final String name;

    /**
     * @param name      the thread's name, also used in error messages
     * @param parent    manager under which the preparation's scratch array is made (and freed)
     * @param gradients whether the thread records gradients
     */
    public PyTorchWorker(String name, NDManager parent, boolean gradients) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon().factory());
        await(submit(() -> {
            DjlRuntime.prepareCurrentThread(parent, 1, gradients);
            return null;
        }));
    }

    /** Queues {@code task} on this worker's thread. */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Waits for a task of this worker and returns its result; a runtime exception it threw is
     * rethrown as is, anything else it threw is wrapped, naming this worker.
     */
    public <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        }
    }

    /** Stops the thread (a running task is interrupted). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
