package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ServeOptions;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The app generating through an OpenAI-compatible server (ThinkTrace's own, over a scripted generator): the
 * view-model with no FX toolkit, a background thread for the connection, the "FX thread" drained by the test.
 */
class RemoteServerInAppTest {

    @TempDir
    Path home;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LinkedBlockingQueue<Runnable> uiTasks = new LinkedBlockingQueue<>();
    private final Executor ui = uiTasks::add;

    private MainViewModel viewModel(ExecutorService background) {
        return viewModel(background, (path, precision, progress) -> {
            throw new AssertionError("no local model in this test");
        });
    }

    /** The view-model over {@code localModels} for the model folders it opens. */
    private MainViewModel viewModel(ExecutorService background, ModelLoader localModels) {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                localModels, background, ui, Runnable::run, Clock.systemUTC(), nanos::get));
        vm.start();
        return vm;
    }

    /** Runs the queued "FX thread" tasks and frames until the condition holds (10 s at most). */
    private void until(MainViewModel vm, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 10 s");
            Runnable task = uiTasks.poll(5, TimeUnit.MILLISECONDS);
            if (task != null) task.run();
            vm.onFrame(nanos.addAndGet(16_000_000L));
        }
    }

    @Test
    void chatsThroughAServerAndRemembersItWithTheKeyApart() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Let", " me", " see."), List.of("Yes", "."));
             OpenAiServer server = OpenAiServer.start(generator, ServeOptions.loopback().withApiKey("app-key"))) {
            MainViewModel vm = viewModel(background);
            RemoteServer remote = new RemoteServer(server.baseUri().toString(), generator.modelName(), "app-key");
            vm.openRemote(remote);
            until(vm, () -> vm.stateProperty().get() == AppState.READY);
            assertEquals(generator.modelName(), vm.modelNameProperty().get());
            assertTrue(vm.deviceProperty().get().startsWith("remote, 127.0.0.1:"), vm.deviceProperty().get());
            assertEquals("Context 0 / 4,096", vm.contextUsageProperty().get(), "the context the server reported");

            vm.composerTextProperty().set("Is it?");
            vm.send();
            until(vm, () -> vm.stateProperty().get() == AppState.READY && !vm.transcript().isEmpty()
                    && ((AssistantMessageViewModel) vm.transcript().getLast()).answerProperty().get().equals("Yes."));
            AssistantMessageViewModel answer = (AssistantMessageViewModel) vm.transcript().getLast();
            assertEquals("Let me see.", answer.thinkingProperty().get());

            vm.inspect(answer.id());
            until(vm, () -> vm.inspector().tokensProperty().get() != null);
            assertFalse(vm.inspector().canProbeProperty().get(), "no local model to probe with");
            assertFalse(vm.inspector().canBranchProperty().get(), "no local model to branch with");
            assertEquals("needs the local model: this response came from " + server.baseUri(),
                    vm.inspector().localModelNeededProperty().get());

            assertEquals(remote, vm.savedRemoteServer().orElseThrow());
            for (Path file : Files.list(home.resolve("data")).toList()) {
                if (Files.isRegularFile(file)) assertFalse(Files.readString(file).contains("app-key"), file.toString());
            }
            assertFalse(Files.readString(home.resolve("config").resolve("remote-server.json")).contains("app-key"));
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void aLocalResponseCannotBeProbedOrBranchedOnceTheModelInUseIsAServer() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        // the local model is closed by the view-model when the server replaces it
        ScriptedGenerator local = ScriptedGenerator.unpaced(List.of("Two", " and", " two."), List.of("Four."));
        try (ScriptedGenerator served = ScriptedGenerator.unpaced(List.of("a"), List.of("b"));
             OpenAiServer server = OpenAiServer.start(served, ServeOptions.loopback())) {
            MainViewModel vm = viewModel(background, (path, precision, progress) -> ModelLoader.Opened.of(local));
            vm.openModel(Files.createDirectories(home.resolve("model")));
            until(vm, () -> vm.stateProperty().get() == AppState.READY);
            vm.composerTextProperty().set("Is it?");
            vm.send();
            until(vm, () -> vm.stateProperty().get() == AppState.READY && !vm.transcript().isEmpty()
                    && ((AssistantMessageViewModel) vm.transcript().getLast()).answerProperty().get().equals("Four."));
            vm.inspect(vm.transcript().getLast().id());
            until(vm, () -> vm.inspector().tokensProperty().get() != null);
            assertEquals("", vm.inspector().localModelNeededProperty().get(), "made by the model in use");

            vm.openRemote(new RemoteServer(server.baseUri().toString(), served.modelName(), ""));
            until(vm, () -> vm.stateProperty().get() == AppState.READY
                    && served.modelName().equals(vm.modelNameProperty().get()));
            String reason = "needs the local model: the model in use is the server " + server.baseUri();
            until(vm, () -> reason.equals(vm.inspector().localModelNeededProperty().get()));
            assertEquals(reason, vm.inspector().probeUnavailableProperty().get());
            assertFalse(vm.inspector().canProbeProperty().get());
            assertFalse(vm.inspector().canBranchProperty().get());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void aRefusedKeyBecomesAProblemNamingTheServer() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("a"), List.of("b"));
             OpenAiServer server = OpenAiServer.start(generator, ServeOptions.loopback().withApiKey("right"))) {
            MainViewModel vm = viewModel(background);
            vm.openRemote(new RemoteServer(server.baseUri().toString(), generator.modelName(), "wrong"));
            until(vm, () -> !vm.problemProperty().get().isEmpty());
            assertTrue(vm.problemProperty().get().contains(server.baseUri().toString())
                    && vm.problemProperty().get().contains("refused the API key"), vm.problemProperty().get());
            assertEquals(AppState.NO_MODEL, vm.stateProperty().get());
        } finally {
            background.shutdownNow();
        }
    }
}
