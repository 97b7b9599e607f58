package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.testing.Fixture;

/** The app's real loader and generator on a real (tiny) model fixture: open the folder, chat, store. */
class RealModelChatTest {

    private static final Path STORIES = Fixture.inRepository("models/stories260K");

    @TempDir
    Path home;

    @Test
    void opensARealModelFolderAndChatsWithIt() throws Exception {
        AtomicLong nanos = new AtomicLong();
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                ModelLoader.local(), Runnable::run, Runnable::run, Runnable::run, Clock.systemUTC(), nanos::get));
        vm.start();
        List<String> stages = new java.util.ArrayList<>();
        vm.loadProgressTextProperty().addListener((obs, old, text) -> stages.add(text));
        vm.openModel(STORIES);
        try {
            assertEquals("", vm.problemProperty().get());
            assertEquals(AppState.READY, vm.stateProperty().get());
            assertEquals("stories260K", vm.modelNameProperty().get());
            assertFalse(vm.deviceProperty().get().isEmpty());
            assertTrue(stages.stream().anyMatch(s -> s.startsWith("Loading weights: ")), stages.toString());

            AppSettings s = AppSettings.defaults();
            vm.applySettings(new AppSettings(SamplingSettings.greedy(), 24, 0, "", true, Theme.LIGHT, s.fontSize()));
            vm.composerTextProperty().set("Once upon a time");
            vm.send();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (vm.stateProperty().get() == AppState.GENERATING) {
                if (System.nanoTime() > deadline) throw new AssertionError("no end of generation within 60 s");
                Thread.sleep(10);
                vm.onFrame(nanos.addAndGet(16_000_000L));
            }

            AssistantVersion version = ((AssistantMessage) vm.currentMessages().getLast()).current();
            assertEquals(ResponseState.COMPLETE, version.state(), String.valueOf(version.error()));
            assertTrue(version.tokens().size() > 0 && version.tokens().size() <= 24);
            assertEquals(version.tokens().size(), version.stats().generatedTokens());
            String shown = ((AssistantMessageViewModel) vm.transcript().getLast()).answerProperty().get()
                    + ((AssistantMessageViewModel) vm.transcript().getLast()).thinkingProperty().get();
            assertEquals(version.answer() + version.thinking(), shown);
        } finally {
            vm.close();
        }
    }

    @Test
    void aFolderWithoutAModelIsNamedInTheProblem() throws Exception {
        Path empty = Files.createDirectories(home.resolve("not-a-model"));
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                ModelLoader.local(), Runnable::run, Runnable::run, Runnable::run, Clock.systemUTC(), System::nanoTime));
        vm.start();
        vm.openModel(empty);
        assertEquals(AppState.NO_MODEL, vm.stateProperty().get());
        assertTrue(vm.problemProperty().get().contains("config.json"), vm.problemProperty().get());
    }
}
