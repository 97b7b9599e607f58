package org.thinktrace.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's hand-off: tasks handed over while it is still spinning for work and after it has
 * parked both run, in order, with their results and failures returned to the caller. A lost
 * wake-up would hang a test: the class timeout turns that into a failure.
 */
@Timeout(60)
class PyTorchWorkerTest extends NativeMemoryTest {

    @Test
    void tasksHandedOverWhileSpinningAndAfterParkingRunInOrder() throws InterruptedException {
        try (PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false)) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 200; i++) {                       // back to back: the worker is spinning
                int value = i;
                assertEquals(value * 2, worker.await(worker.submit(() -> {
                    order.add(value);
                    return value * 2;
                })));
            }
            for (int i = 200; i < 203; i++) {                     // after a pause longer than the spin: parked
                TimeUnit.NANOSECONDS.sleep(20 * PyTorchWorker.SPIN_NANOS);
                int value = i;
                assertEquals(value * 2, worker.await(worker.submit(() -> {
                    order.add(value);
                    return value * 2;
                })));
            }
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i, order.get(i));
            }
            assertEquals(203, order.size());
        }
    }

    @Test
    void aTaskThatRunsLongerThanTheSpinIsStillAwaited() {
        try (PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false)) {
            Future<String> slow = worker.submit(() -> {
                TimeUnit.NANOSECONDS.sleep(40 * PyTorchWorker.SPIN_NANOS);
                return "done";
            });
            assertEquals("done", worker.await(slow));
        }
    }

    @Test
    void aFailureOfTheTaskReachesTheCallerAndTheWorkerGoesOn() {
        try (PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false)) {
            IllegalArgumentException thrown = new IllegalArgumentException("bad shape");
            assertSame(thrown, assertThrows(IllegalArgumentException.class,
                    () -> worker.await(worker.submit(() -> {
                        throw thrown;
                    }))));
            IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                    () -> worker.await(worker.submit(() -> {
                        throw new java.io.IOException("disk");
                    })));
            assertTrue(wrapped.getMessage().contains("test-worker"), wrapped.getMessage());
            assertEquals(7, worker.await(worker.submit(() -> 7)));
        }
    }

    @Test
    void closingStopsTheThreadWhetherSpinningOrParked() {
        for (long pauseNanos : new long[] {0, 20 * PyTorchWorker.SPIN_NANOS}) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false);
            worker.await(worker.submit(() -> {
                thread.set(Thread.currentThread());
                return null;
            }));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
                worker.close();
                thread.get().join();
            });
            assertFalse(thread.get().isAlive());
        }
    }
}
