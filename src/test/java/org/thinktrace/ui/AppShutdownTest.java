package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.DataFolderLock;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TextGenerator;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ServeOptions;
import org.thinktrace.testing.Fixture;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The app's exit ({@link AppShutdown}) with the executors the app uses (one storage thread, a background pool) and a
 * real data folder lock: a response being generated when the app closes is saved with all it received, however late
 * its end comes, and exit does not wait for a generator that never ends beyond its bound; the start-up read of the
 * conversations touches no file once the data folder is let go.
 */
@Timeout(60)
class AppShutdownTest {

    @TempDir
    Path home;

    private final ExecutorService storage = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newCachedThreadPool();
    /** Lets the threads of generators that never end go at the end of a test. */
    private final CountDownLatch testOver = new CountDownLatch(1);
    private ConversationStore store;

    @AfterEach
    void endThreads() {
        testOver.countDown();
        storage.shutdownNow();
        background.shutdownNow();
    }

    private Path data() {
        return home.resolve("data");
    }

    /** The data folder's store, the one the view-model and the exit share. */
    private ConversationStore store() {
        if (store == null) store = new ConversationStore(data());
        return store;
    }

    /** A started view-model whose model is {@code generator}, with the conversations read and a new chat open. */
    private MainViewModel readyWith(TextGenerator generator) throws Exception {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(store(),
                new SettingsStore(home.resolve("config")), (path, precision, progress) -> ModelLoader.Opened.of(generator),
                Runnable::run, Runnable::run, storage, Clock.systemUTC(), System::nanoTime));
        vm.start();
        vm.openModel(Files.createDirectories(home.resolve("model")));
        assertEquals(AppState.READY, vm.stateProperty().get());
        return vm;
    }

    private void exit(MainViewModel vm) throws InterruptedException {
        exit(vm, background);
    }

    private void exit(MainViewModel vm, ExecutorService background) throws InterruptedException {
        new AppShutdown(vm, background, storage, store(), DataFolderLock.acquire(data())).run();
    }

    @Test
    void anExitOnAnInterruptedThreadStillWaitsForTheSavesThenClosesTheStoreAndLetsTheFolderGo() throws Exception {
        MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of(), List.of()));
        CountDownLatch saving = new CountDownLatch(1);
        AtomicLong saved = new AtomicLong();
        storage.execute(() -> {                                        // a save in flight, 300 ms long
            saving.countDown();
            java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
            saved.set(System.nanoTime());
        });
        saving.await();
        Thread.currentThread().interrupt();
        DataFolderLock lock = DataFolderLock.acquire(data());
        new AppShutdown(vm, background, storage, store(), lock).run();
        assertTrue(Thread.interrupted(), "the interrupt is set again");
        assertTrue(saved.get() != 0, "the save in flight was waited for");
        assertThrows(java.io.IOException.class,
                () -> store().save(org.thinktrace.chat.Conversation.start(1_000L)), "the store is closed");
        try (DataFolderLock next = DataFolderLock.acquire(data())) {
            assertTrue(next.otherHolder().isEmpty(), "the data folder is let go");
        }
    }

    /** The one response saved in the data folder, as the next start reads it. */
    private AssistantVersion savedResponse() {
        ConversationStore.LoadResult loaded = new ConversationStore(data()).loadAll();
        assertEquals(1, loaded.conversations().size(), loaded.toString());
        return ((AssistantMessage) loaded.conversations().getFirst().messages().getLast()).current();
    }

    @Test
    void aResponseWhoseEndComesAfterTheStopIsSavedWithItsLastWords() throws Exception {
        HoldingGenerator generator = new HoldingGenerator(Duration.ofMillis(500));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("What is 2+2?");
        vm.send();
        assertTrue(generator.streamed.await(10, TimeUnit.SECONDS));

        exit(vm);

        AssistantVersion saved = savedResponse();
        assertEquals("Let me see.", saved.thinking());
        assertEquals("It is four.", saved.answer(), "the words that came with the stop are saved too");
        assertEquals(ResponseState.STOPPED, saved.state());
    }

    @Test
    void aGeneratorThatNeverEndsHoldsTheExitAFewSecondsAtMostAndWhatItSentIsSaved() throws Exception {
        HoldingGenerator generator = new HoldingGenerator(null);
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("What is 2+2?");
        vm.send();
        assertTrue(generator.streamed.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        exit(vm);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertTrue(seconds < 6, "the exit took " + seconds + " s");
        AssistantVersion saved = savedResponse();
        assertEquals("Let me see.", saved.thinking());
        assertEquals("It is", saved.answer());
        assertEquals(ResponseState.STOPPED, saved.state(), "a response left in progress comes back stopped");
    }

    @Test
    void aResponseFromAServerIsSavedWithEverythingShownWhenTheAppClosesWhileItStreams() throws Exception {
        try (ScriptedGenerator served = new ScriptedGenerator(List.of("Let", " me", " see."), List.of("It", " is", " four."));
             OpenAiServer server = OpenAiServer.start(served, ServeOptions.loopback())) {
            MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of(), List.of())); // the server replaces it
            vm.openRemote(new RemoteServer(server.baseUri().toString(), served.modelName(), ""));
            assertEquals(AppState.READY, vm.stateProperty().get());
            vm.composerTextProperty().set("What is 2+2?");
            vm.send();
            served.release(5);
            AtomicLong nanos = new AtomicLong();
            framesUntil(vm, nanos, () -> vm.transcript().getLast() instanceof AssistantMessageViewModel shown
                    && shown.answerProperty().get().equals("It is"));

            long start = System.nanoTime();
            exit(vm);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(millis < MainViewModel.STOP_AT_EXIT.toMillis(), "a server stops at once; the exit took "
                    + millis + " ms");
            AssistantVersion saved = savedResponse();
            assertEquals("Let me see.", saved.thinking());
            assertEquals("It is", saved.answer());
            assertEquals(ResponseState.STOPPED, saved.state());
        }
    }

    @Test
    void aResponseOfTheLocalModelIsSavedWithEverythingShownWhenTheAppClosesWhileItStreams() throws Exception {
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(store(),
                new SettingsStore(home.resolve("config")), ModelLoader.local(), Runnable::run, Runnable::run, storage,
                Clock.systemUTC(), System::nanoTime));
        vm.start();
        vm.openModel(Fixture.inRepository("models/stories260K"));
        assertEquals(AppState.READY, vm.stateProperty().get(), vm.problemProperty().get());
        AppSettings defaults = AppSettings.defaults();
        vm.applySettings(new AppSettings(SamplingSettings.greedy(), 100_000, 0, "", true, Theme.LIGHT,
                defaults.fontSize()));
        vm.composerTextProperty().set("Once upon a time");
        vm.send();
        AtomicLong nanos = new AtomicLong();
        framesUntil(vm, nanos, () -> vm.transcript().getLast() instanceof AssistantMessageViewModel shown
                && shown.thinkingProperty().get().length() + shown.answerProperty().get().length() > 20);
        AssistantMessageViewModel shown = (AssistantMessageViewModel) vm.transcript().getLast();
        String shownThinking = shown.thinkingProperty().get();
        String shownAnswer = shown.answerProperty().get();

        exit(vm);

        AssistantVersion saved = savedResponse();
        assertTrue(saved.thinking().startsWith(shownThinking), saved.thinking() + " | " + shownThinking);
        assertTrue(saved.answer().startsWith(shownAnswer), saved.answer() + " | " + shownAnswer);
        assertTrue(saved.state() != ResponseState.IN_PROGRESS && saved.stats() != null,
                "the model's own end is saved: " + saved.state());
    }

    @Test
    void theStartUpReadMovesNoDamagedFileAsideOnceTheDataFolderIsLetGo() throws Exception {
        Path damaged = Files.createDirectories(data()).resolve(UUID.randomUUID() + ".json");
        Files.writeString(damaged, "{ not a conversation");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CountDownLatch exited = new CountDownLatch(1);
        // The read has begun but comes to the damaged file only after the exit, as a long history read slowly would.
        Executor late = task -> reader.execute(() -> {
            boolean interrupted = awaitThroughInterrupts(exited);
            if (interrupted) Thread.currentThread().interrupt(); // as the exit left it
            task.run();
        });
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(store(),
                new SettingsStore(home.resolve("config")), (path, precision, progress) -> {
                    throw new AssertionError("no model in this test");
                }, late, task -> { }, storage, Clock.systemUTC(), System::nanoTime));
        vm.start();

        exit(vm, reader);
        exited.countDown();
        assertTrue(reader.awaitTermination(10, TimeUnit.SECONDS));

        try (Stream<Path> files = Files.list(data())) {
            assertEquals(Set.of(damaged.getFileName().toString(), DataFolderLock.FILE_NAME),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                    "the damaged file stays where it is");
        }
    }

    /** Waits for the latch whatever interrupts come meanwhile; whether one came. */
    private static boolean awaitThroughInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private static void framesUntil(MainViewModel vm, AtomicLong nanos, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 10 s");
            Thread.sleep(2);
            vm.onFrame(nanos.addAndGet(16_000_000L));
        }
    }

    /**
     * A generator like a server that streams the start of a response at once and then holds: when stopped, its last
     * words and its end come {@code lateBy} later, or never when {@code lateBy} is null.
     */
    private final class HoldingGenerator implements TextGenerator {
        final CountDownLatch streamed = new CountDownLatch(1);
        private final Duration lateBy;

        HoldingGenerator(Duration lateBy) {
            this.lateBy = lateBy;
        }

        @Override
        public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
            CountDownLatch cancelled = new CountDownLatch(1);
            CompletableFuture<GenerationEvent> done = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("holding-generator").start(() -> {
                listener.accept(new GenerationEvent.PromptProcessed(new int[0], "", false));
                listener.accept(new GenerationEvent.ThinkingDelta("Let me see."));
                listener.accept(new GenerationEvent.AnswerDelta("It is"));
                streamed.countDown();
                try {
                    cancelled.await();
                    if (lateBy == null) {
                        testOver.await();
                        return;
                    }
                    Thread.sleep(lateBy.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                listener.accept(new GenerationEvent.AnswerDelta(" four."));
                GenerationEvent last = new GenerationEvent.Finished(FinishReason.CANCELLED, "Let me see.",
                        "It is four.", false, false, new GenerationStats(0, 0.1, 0, 10, 3, 3, 0.3, 0.6));
                listener.accept(last);
                done.complete(last);
            });
            return new GenerationHandle() {
                @Override
                public void cancel() {
                    cancelled.countDown();
                }

                @Override
                public CompletableFuture<GenerationEvent> done() {
                    return done;
                }
            };
        }

        @Override
        public String modelName() {
            return "holding-test-model";
        }

        @Override
        public String deviceDescription() {
            return "test thread";
        }

        @Override
        public int contextLength() {
            return 4096;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
