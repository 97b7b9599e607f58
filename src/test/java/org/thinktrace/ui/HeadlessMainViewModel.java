package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The main view-model on the test thread, with no FX toolkit: same-thread executors, its folders under {@code home},
 * and a frame clock the test drives through {@code nanos}.
 */
record HeadlessMainViewModel(Path home, AtomicLong nanos) {

    /** A started view-model; {@code readOnlyReason} empty for one that may write its folders. */
    MainViewModel start(ModelLoader loader, String readOnlyReason) {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")), loader,
                Runnable::run, Runnable::run, Runnable::run, Clock.systemUTC(), nanos::get, readOnlyReason));
        vm.start();
        return vm;
    }

    /** A started view-model with {@code generator} open as its model. */
    MainViewModel readyWith(ScriptedGenerator generator) throws IOException {
        Path folder = Files.createDirectories(home.resolve("model"));
        MainViewModel vm = start((path, precision, progress) -> ModelLoader.Opened.of(generator), "");
        vm.openModel(folder);
        assertEquals(AppState.READY, vm.stateProperty().get());
        return vm;
    }

    /** Advances the frame clock and runs frames until the condition holds (at most 10 s). */
    void framesUntil(MainViewModel vm, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 10 s");
            Thread.sleep(2);
            vm.onFrame(nanos.addAndGet(16_000_000L));
        }
    }
}
