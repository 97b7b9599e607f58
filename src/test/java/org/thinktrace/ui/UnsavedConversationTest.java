package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * With the data folder unwritable (as on a full disk), a finished exchange stays in memory, the warning names
 * the conversation, and the save is retried on the next action until it succeeds.
 */
@Timeout(60)
class UnsavedConversationTest {

    @TempDir
    Path home;

    private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);

    @Test
    void aFailedSaveIsNamedKeptAndRetried() throws IOException, InterruptedException {
        Path data = home.resolve("data");
        Files.writeString(data, "a file where the data folder should be: every save fails");
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Hm."), List.of("Four."));
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(new ConversationStore(data),
                new SettingsStore(home.resolve("config")), (path, precision, progress) -> ModelLoader.Opened.of(generator), Runnable::run, Runnable::run,
                Runnable::run, Clock.systemUTC(), nanos::get));
        vm.start();
        vm.openModel(Files.createDirectories(home.resolve("model")));
        vm.composerTextProperty().set("What is 2+2?");
        vm.send();
        waitFor(vm, () -> vm.stateProperty().get() == AppState.READY && !vm.unsavedConversations().isEmpty());

        assertEquals(List.of("What is 2+2?"), vm.unsavedConversations());
        String warning = vm.warnings().getLast();
        assertTrue(warning.contains("Could not save the conversation \"What is 2+2?\""), warning);
        assertTrue(warning.contains("kept in memory and saved again on your next action"), warning);

        Files.delete(data);
        vm.composerTextProperty().set("And 3+3?");
        vm.send();
        waitFor(vm, () -> vm.stateProperty().get() == AppState.READY && vm.unsavedConversations().isEmpty());
        try (var files = Files.list(data)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count());
        }
    }

    /** Runs frames (which drain the generation's events) until the condition holds. */
    private void waitFor(MainViewModel vm, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 20 s");
            Thread.sleep(5);
            vm.onFrame(nanos.addAndGet(16_000_000L));
        }
    }
}
