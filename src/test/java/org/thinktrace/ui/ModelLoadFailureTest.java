package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;
import org.thinktrace.model.LoadProgress;

/**
 * A model load ends in a visible state whatever it throws, and Cancel always gives the app back at once,
 * even when the loader does not notice the interrupt.
 */
@Timeout(60)
class ModelLoadFailureTest {

    @TempDir
    Path home;

    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private MainViewModel viewModel(ModelLoader loader, java.util.concurrent.Executor executor) {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")), loader,
                executor, Runnable::run, Runnable::run, Clock.systemUTC(), System::nanoTime));
        vm.start();
        return vm;
    }

    @Test
    void anErrorThrownWhileLoadingIsShownAndTheAppCanLoadAgain() throws IOException {
        Path folder = Files.createDirectories(home.resolve("hostile"));
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of(), List.of());
        int[] calls = {0};
        MainViewModel vm = viewModel((path, precision, progress) -> {
            progress.update(LoadProgress.Stage.TOKENIZER, 0, 0);
            if (calls[0]++ == 0) throw new StackOverflowError();
            return ModelLoader.Opened.of(generator);
        }, Runnable::run);
        vm.openModel(folder);
        assertEquals(AppState.NO_MODEL, vm.stateProperty().get());
        assertEquals("", vm.loadProgressTextProperty().get());
        assertTrue(vm.problemProperty().get().contains(folder.toString()), vm.problemProperty().get());
        assertTrue(vm.problemProperty().get().contains("StackOverflowError"), vm.problemProperty().get());

        vm.openModel(folder);
        assertEquals(AppState.READY, vm.stateProperty().get());
    }

    @Test
    void cancelGivesTheAppBackAtOnceEvenWhenTheLoaderIgnoresTheInterrupt() throws Exception {
        Path stuckFolder = Files.createDirectories(home.resolve("stuck"));
        Path goodFolder = Files.createDirectories(home.resolve("good"));
        CountDownLatch stuckStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedGenerator late = ScriptedGenerator.unpaced(List.of(), List.of());
        ScriptedGenerator good = ScriptedGenerator.unpaced(List.of(), List.of());
        CountDownLatch goodLoaded = new CountDownLatch(1);
        MainViewModel vm = viewModel((path, precision, progress) -> {
            if (path.equals(stuckFolder)) {
                stuckStarted.countDown();
                while (true) { // a loader that never looks at its interrupt flag
                    try {
                        if (release.await(10, TimeUnit.MILLISECONDS)) return ModelLoader.Opened.of(late);
                    } catch (InterruptedException ignored) {
                        // keeps going, as a native call or a busy loop would
                    }
                }
            }
            goodLoaded.countDown();
            return ModelLoader.Opened.of(good);
        }, background);

        vm.openModel(stuckFolder);
        assertTrue(stuckStarted.await(10, TimeUnit.SECONDS));
        vm.cancelModelLoad();
        assertEquals(AppState.NO_MODEL, vm.stateProperty().get(), "cancel takes effect at once");
        assertEquals("", vm.problemProperty().get());

        vm.openModel(goodFolder);
        assertTrue(goodLoaded.await(10, TimeUnit.SECONDS), "a new load runs while the cancelled one is stuck");
        waitFor(() -> vm.stateProperty().get() == AppState.READY);

        release.countDown();
        waitFor(late::isClosed);
        assertEquals(AppState.READY, vm.stateProperty().get());
        assertTrue(!good.isClosed(), "the late result of the cancelled load does not replace the new model");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 20 s");
            Thread.sleep(5);
        }
    }
}
