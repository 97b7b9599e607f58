package org.thinktrace.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Test
    void anInterruptedCallerStillWaitsForTheTaskToEndBeforeItThrows() throws InterruptedException {
        try (PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean taskEnded = new AtomicBoolean();
            AtomicBoolean endedBeforeThrow = new AtomicBoolean();
            AtomicBoolean interruptStatusKept = new AtomicBoolean();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Future<Integer> task = worker.submit(() -> {
                started.countDown();
                release.await();                                  // stands for native work on the caller's arrays
                taskEnded.set(true);
                return 1;
            });
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    worker.await(task);
                } catch (RuntimeException e) {
                    endedBeforeThrow.set(taskEnded.get());
                    interruptStatusKept.set(Thread.currentThread().isInterrupted());
                    thrown.set(e);
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            TimeUnit.NANOSECONDS.sleep(4 * PyTorchWorker.SPIN_NANOS);     // the caller has parked
            caller.interrupt();
            caller.interrupt();                                   // a second interrupt changes nothing
            caller.join(200);
            assertTrue(caller.isAlive(), "await returned while the task was still running");
            release.countDown();
            caller.join();
            assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().contains("test-worker"), thrown.get().getMessage());
            assertTrue(endedBeforeThrow.get(), "await threw before the task had ended");
            assertTrue(interruptStatusKept.get(), "the caller's interrupt status was lost");
        }
    }

    @Test
    void closingCancelsQueuedTasksSoThatWaitingForThemEnds() throws InterruptedException {
        PyTorchWorker worker = new PyTorchWorker("test-worker", manager, false);
        CountDownLatch started = new CountDownLatch(1);
        worker.submit(() -> {
            started.countDown();
            new CountDownLatch(1).await();                        // runs until close interrupts it
            return null;
        });
        Future<Integer> queued = worker.submit(() -> 2);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        worker.close();
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CancellationException.class, () -> worker.await(queued)));
    }
}
