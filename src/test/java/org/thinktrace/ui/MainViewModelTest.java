package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.chat.Theme;
import org.thinktrace.generate.CharCodec;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.ScriptedModel;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.testing.ScriptedGenerator;
import org.thinktrace.model.LoadProgress;

/** The main view-model on the test thread, with no FX toolkit: same-thread executors, a hand-driven frame clock. */
class MainViewModelTest {

    @TempDir
    Path home;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private MainViewModel viewModel(ModelLoader loader) {
        return new HeadlessMainViewModel(home, nanos).start(loader, "");
    }

    private MainViewModel readyWith(ScriptedGenerator generator) throws IOException {
        return new HeadlessMainViewModel(home, nanos).readyWith(generator);
    }

    private void framesUntil(MainViewModel vm, BooleanSupplier condition) throws InterruptedException {
        new HeadlessMainViewModel(home, nanos).framesUntil(vm, condition);
    }

    private static void awaitDelivered(ScriptedGenerator generator, int tokens) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (generator.delivered() < tokens) {
            if (System.nanoTime() > deadline) throw new AssertionError("generator stalled");
            Thread.sleep(2);
        }
    }

    private static AssistantMessageViewModel lastResponse(MainViewModel vm) {
        return (AssistantMessageViewModel) vm.transcript().getLast();
    }

    @Test
    void aReadOnlyWindowShowsTheConversationsButChangesAndWritesNothing() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        MainViewModel writer = readyWith(generator);
        writer.composerTextProperty().set("Question?");
        writer.send();
        framesUntil(writer, () -> writer.stateProperty().get() == AppState.READY);
        Path data = home.resolve("data");
        List<Path> before;
        try (var files = Files.list(data)) {
            before = files.sorted().toList();
        }
        long modified = Files.getLastModifiedTime(before.getFirst()).toMillis();

        MainViewModel reader = new MainViewModel(new MainViewModel.Dependencies(new ConversationStore(data),
                new SettingsStore(home.resolve("config")), (path, precision, progress) -> ModelLoader.Opened.of(generator), Runnable::run, Runnable::run,
                Runnable::run, Clock.systemUTC(), nanos::get, "Another ThinkTrace is using " + data));
        reader.start();
        reader.openModel(home.resolve("model"));
        assertEquals("Another ThinkTrace is using " + data, reader.readOnlyReason());
        assertEquals(2, reader.transcript().size(), "the conversation is there to read");
        reader.composerTextProperty().set("More?");
        assertFalse(reader.canSendProperty().get(), "a read-only window cannot send");
        String conversation = reader.conversations().shown().getFirst().id();
        reader.deleteConversation(conversation);
        assertEquals(reader.readOnlyReason(), reader.problemProperty().get(), "the refusal says why");
        assertEquals(1, reader.conversations().shown().size());
        reader.newConversation();
        reader.rememberWindow(new org.thinktrace.chat.WindowPlacement(0, 0, 900, 600));
        try (var files = Files.list(data)) {
            assertEquals(before, files.sorted().toList(), "no file added or removed");
        }
        assertEquals(modified, Files.getLastModifiedTime(before.getFirst()).toMillis());
    }

    @Test
    void aConversationIsExportedAsMarkdownAndJsonAndAFailedExportNamesTheFile() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Two and two."), List.of("**4**"));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("What is 2+2?");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        String id = vm.conversations().selectedProperty().get().id();
        assertEquals("What is 2+2.md", vm.exportFileName(id, MainViewModel.ExportFormat.MARKDOWN));

        Path markdown = home.resolve("out.md");
        vm.exportConversation(id, MainViewModel.ExportFormat.MARKDOWN, markdown);
        assertEquals("# What is 2+2?\n\n### User\n\nWhat is 2+2?\n\n### Assistant\n\n<details>\n"
                + "<summary>Thinking</summary>\n\nTwo and two.\n\n</details>\n\n**4**\n", Files.readString(markdown));
        Path json = home.resolve("out.json");
        vm.exportConversation(id, MainViewModel.ExportFormat.JSON, json);
        assertEquals(1, org.thinktrace.chat.export.TraceExport.read(json).size());

        Path notAFolder = Files.writeString(home.resolve("a-file"), "x");
        Path nowhere = notAFolder.resolve("out.md");
        vm.exportConversation(id, MainViewModel.ExportFormat.MARKDOWN, nowhere);
        assertTrue(vm.problemProperty().get().contains("Could not export the conversation to " + nowhere),
                vm.problemProperty().get());
        assertTrue(vm.problemDetailsProperty().get().contains("FileAlreadyExistsException"), "the stack trace is kept");
    }

    @Test
    void withoutTheBundledModelTheAppSaysSoAndCannotSend() {
        MainViewModel vm = viewModel((path, precision, progress) -> {
            throw new AssertionError("must not load");
        });
        vm.openDefaultModel(home.resolve("models/thinktrace-r1-tiny"));
        assertEquals(AppState.NO_MODEL, vm.stateProperty().get());
        assertTrue(vm.noModelReasonProperty().get().contains("thinktrace-r1-tiny"));
        vm.composerTextProperty().set("Hello");
        assertFalse(vm.canSendProperty().get());
    }

    @Test
    void modelLoadsWithProgressAndShowsItsNameAndDevice() throws IOException {
        Path folder = Files.createDirectories(home.resolve("model"));
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of(), List.of());
        List<String> seen = new java.util.ArrayList<>();
        MainViewModel[] holder = new MainViewModel[1];
        ModelLoader loader = (path, precision, progress) -> {
            progress.update(LoadProgress.Stage.WEIGHTS, 500_000, 1_000_000);
            seen.add(holder[0].loadProgressProperty().get() + " " + holder[0].loadProgressTextProperty().get());
            return ModelLoader.Opened.of(generator);
        };
        holder[0] = viewModel(loader);
        holder[0].openModel(folder);
        assertEquals(List.of("0.5 Loading weights: 0.5 of 1.0 MB"), seen);
        assertEquals("", holder[0].loadProgressTextProperty().get());
        assertEquals(AppState.READY, holder[0].stateProperty().get());
        assertEquals("scripted-test-model", holder[0].modelNameProperty().get());
        assertEquals("test thread", holder[0].deviceProperty().get());
        assertEquals("Context 0 / 4,096", holder[0].contextUsageProperty().get());
    }

    @Test
    void aFolderThatCannotBeLoadedIsReportedByNameAndReason() throws IOException {
        Path folder = Files.createDirectories(home.resolve("broken"));
        MainViewModel vm = viewModel((path, precision, progress) -> {
            throw new IOException("config.json: missing field 'hidden_size'");
        });
        vm.openModel(folder);
        assertEquals(AppState.NO_MODEL, vm.stateProperty().get());
        assertTrue(vm.problemProperty().get().contains(folder.toString()));
        assertTrue(vm.problemProperty().get().contains("missing field 'hidden_size'"));
    }

    @Test
    void cancellingTheLoadGoesBackWithoutAProblem() throws IOException {
        Path folder = Files.createDirectories(home.resolve("model"));
        MainViewModel[] holder = new MainViewModel[1];
        holder[0] = viewModel((path, precision, progress) -> {
            holder[0].cancelModelLoad();
            if (Thread.currentThread().isInterrupted()) throw new CancellationException();
            throw new AssertionError("cancel did not interrupt the loading thread");
        });
        holder[0].openModel(folder);
        assertEquals(AppState.NO_MODEL, holder[0].stateProperty().get());
        assertEquals("", holder[0].problemProperty().get());
        assertFalse(Thread.currentThread().isInterrupted(), "the loading thread's interrupt flag is cleared");
    }

    @Test
    void streamingFillsThinkingWithALiveTimerThenCollapsesWhenTheAnswerBegins() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(List.of("Let ", "me ", "think."), List.of("The ", "answer."));
        MainViewModel vm = readyWith(generator);
        long start = nanos.get();
        vm.composerTextProperty().set("Question?");
        vm.send();

        assertEquals(AppState.GENERATING, vm.stateProperty().get());
        assertEquals("", vm.composerTextProperty().get());
        assertEquals(2, vm.transcript().size());
        assertEquals("Question?", ((UserMessageViewModel) vm.transcript().getFirst()).text());
        AssistantMessageViewModel response = lastResponse(vm);
        generator.release(3);
        awaitDelivered(generator, 3);
        nanos.set(start + 4_200_000_000L);
        vm.onFrame(nanos.get());
        assertEquals("Let me think.", response.thinkingProperty().get());
        assertEquals("Thinking… 4.2 s", response.thinkingHeaderProperty().get());
        assertTrue(response.thinkingExpandedProperty().get());
        assertEquals(ResponsePhase.THINKING, response.phaseProperty().get());

        generator.release(1);
        awaitDelivered(generator, 4);
        nanos.set(start + 5_000_000_000L);
        vm.onFrame(nanos.get());
        assertEquals(ResponsePhase.ANSWERING, response.phaseProperty().get());
        assertFalse(response.thinkingExpandedProperty().get(), "auto-collapse closes the pane when the answer begins");
        assertEquals("Thought for 5.0 s · 3 tokens", response.thinkingHeaderProperty().get());
        assertEquals("The ", response.answerProperty().get());

        generator.release(1);
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertEquals(ResponsePhase.COMPLETE, response.phaseProperty().get());
        assertEquals("The answer.", response.answerProperty().get());
        assertEquals("Thought for 0.1 s · 3 tokens", response.thinkingHeaderProperty().get(),
                "the final header uses the generator's own figures");
        assertFalse(response.thinkingExpandedProperty().get());
        long seed = ((org.thinktrace.chat.AssistantMessage) vm.currentMessages().getLast()).current().sampling().seed();
        assertEquals("5 tokens · 50.0 tok/s · 0.1 s · seed " + seed, response.detailsProperty().get(),
                "the figures and the seed this version was sampled with");
        assertEquals("Question?", vm.conversations().shown().getFirst().title());
    }

    @Test
    void withAutoCollapseOffThePaneStaysOpen() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("a"), List.of("b"));
        MainViewModel vm = readyWith(generator);
        AppSettings s = AppSettings.defaults();
        vm.applySettings(new AppSettings(s.sampling(), s.maxTokens(), s.thinkingBudget(), "", false, Theme.DARK, 15));
        vm.composerTextProperty().set("Q");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertTrue(lastResponse(vm).thinkingExpandedProperty().get());
        assertFalse(viewModel((p, precision, progress) -> ModelLoader.Opened.of(generator)).settingsProperty().get().autoCollapse(), "settings were saved");
    }

    @Test
    void stopMarksTheThinkingCutShort() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(List.of("a", "b", "c"), List.of("answer"));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("Q");
        vm.send();
        generator.release(2);
        awaitDelivered(generator, 2);
        vm.stop();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        AssistantMessageViewModel response = lastResponse(vm);
        assertEquals(ResponsePhase.STOPPED, response.phaseProperty().get());
        assertTrue(response.thinkingCutShortProperty().get());
        assertTrue(response.thinkingHeaderProperty().get().startsWith("Thinking stopped after "),
                response.thinkingHeaderProperty().get());
        assertTrue(response.thinkingExpandedProperty().get(), "a stopped thought stays open");
    }

    @Test
    void regenerateKeepsVersionsToPageThrough() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("answer"));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("Q");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        String id = lastResponse(vm).id();
        assertEquals("", lastResponse(vm).versionLabelProperty().get());

        vm.regenerate(id);
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        AssistantMessageViewModel response = lastResponse(vm);
        assertEquals("2/2", response.versionLabelProperty().get());
        assertTrue(response.hasPreviousVersionProperty().get());
        assertFalse(response.hasNextVersionProperty().get());

        vm.previousVersion(id);
        assertEquals("1/2", response.versionLabelProperty().get());
        assertTrue(response.hasNextVersionProperty().get());
    }

    @Test
    void editAndResendReplacesTheMessageAndWhatFollowed() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"));
        MainViewModel vm = readyWith(generator);
        for (String q : List.of("first", "second")) {
            vm.composerTextProperty().set(q);
            vm.send();
            framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        }
        String firstId = vm.transcript().getFirst().id();
        vm.beginEdit(firstId);
        assertEquals("first", vm.composerTextProperty().get());
        assertEquals(firstId, vm.editingMessageIdProperty().get());
        vm.composerTextProperty().set("first, edited");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertEquals(2, vm.transcript().size());
        assertEquals("first, edited", ((UserMessageViewModel) vm.transcript().getFirst()).text());
        assertNull(vm.editingMessageIdProperty().get());
    }

    @Test
    void conversationsCanBeSearchedRenamedDeletedAndRestored() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("about cats"), List.of("Meow."));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("Tell me about cats");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        vm.newConversation();
        vm.newConversation();
        assertEquals(2, vm.conversations().shown().size(), "an empty conversation is reused, not duplicated");

        vm.conversations().searchTextProperty().set("MEOW");
        assertEquals(List.of("Tell me about cats"), vm.conversations().shown().stream().map(ConversationItem::title).toList());
        vm.conversations().searchTextProperty().set("");

        String catsId = vm.conversations().shown().stream().filter(i -> i.title().contains("cats")).findFirst().orElseThrow().id();
        vm.renameConversation(catsId, "Cats");
        vm.deleteConversation(catsId);
        assertEquals("Cats", vm.lastDeletedProperty().get().title());
        assertFalse(Files.exists(home.resolve("data").resolve(catsId + ".json")));
        vm.undoDelete();
        assertNull(vm.lastDeletedProperty().get());
        assertTrue(Files.exists(home.resolve("data").resolve(catsId + ".json")));
        assertEquals("Cats", vm.conversations().selectedProperty().get().title());
        assertEquals(2, vm.transcript().size());
    }

    @Test
    void aRestartFindsTheConversationAndWarnsAboutDamagedFiles() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("hm"), List.of("Hello!"));
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("Hi there");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertFalse(lastResponse(vm).thinkingExpandedProperty().get(), "collapsed when the answer began");
        lastResponse(vm).thinkingExpandedProperty().set(true);
        Files.writeString(home.resolve("data").resolve("broken.json"), "{not json");

        MainViewModel restarted = viewModel((p, precision, progress) -> ModelLoader.Opened.of(generator));
        assertTrue(lastResponse(restarted).thinkingExpandedProperty().get(), "the opened pane is remembered");

        assertEquals("Hi there", restarted.conversations().selectedProperty().get().title());
        assertEquals("Hello!", ((AssistantMessageViewModel) restarted.transcript().getLast()).answerProperty().get());
        assertEquals(1, restarted.warnings().size());
        assertTrue(restarted.warnings().getFirst().startsWith("broken.json is damaged"), restarted.warnings().getFirst());
    }

    @Test
    void aTrimmedContextIsToldOnTheResponse() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"));
        generator.trimContext(2);
        MainViewModel vm = readyWith(generator);
        vm.composerTextProperty().set("Q");
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertEquals("The 2 oldest messages did not fit in the model's context (4,096 tokens) and were left out.",
                lastResponse(vm).noticeProperty().get());
    }

    @Test
    void whileAProbeRunsTheModelIsNotReplacedAndANewPrecisionWaitsForItsEnd() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // while hold is set, each forward call waits for release (at most 3 s)
        ScriptedModel scripted = new ScriptedModel(4096).say("I add the tens: 40.\n\nThen the units: 4.\n\nSo 44."
                + "</think>The answer is \\boxed{44}.").beforeForward(call -> {
                    if (!hold.get()) return;
                    try {
                        release.await(3, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        Generator generator = new Generator(scripted, new CharCodec(true), "scripted", "test", 0, () -> { });
        List<PrecisionChoice> loads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Path folder = Files.createDirectories(home.resolve("model"));
        MainViewModel vm = viewModel((path, precision, progress) -> {
            loads.add(precision);
            return ModelLoader.Opened.of(loads.size() == 1 ? generator : ScriptedGenerator.unpaced(List.of(), List.of()));
        });
        try {
            vm.openModel(folder);
            vm.composerTextProperty().set("What is 22 + 22?");
            vm.send();
            framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
            vm.inspect(lastResponse(vm).id());
            hold.set(true);
            vm.inspector().probeConvergence();
            assertTrue(vm.inspector().probingProperty().get(), "the probe runs (held in its first model call)");

            long before = System.nanoTime();
            vm.openModel(Files.createDirectories(home.resolve("other-model")));
            assertTrue(System.nanoTime() - before < 1_000_000_000L, "opening a model did not wait for the probe");
            assertEquals(1, loads.size(), "no other model is opened while a probe runs on this one");
            PrecisionChoice other = PrecisionChoice.all().stream()
                    .filter(c -> !c.equals(vm.settingsProperty().get().precisionChoice())).findFirst().orElseThrow();
            vm.applySettings(vm.settingsProperty().get().withPrecision(other));
            assertEquals(1, loads.size(), "the model is not reloaded in another precision under a running probe");
            assertEquals(AppState.READY, vm.stateProperty().get());

            hold.set(false);
            release.countDown();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (vm.inspector().probingProperty().get() || loads.size() < 2) {
                if (System.nanoTime() > deadline) throw new AssertionError("the reload did not follow the probe's end");
                Thread.sleep(5);
            }
            assertEquals(other, loads.get(1),
                    "once the probe ended the model is reloaded in the precision chosen meanwhile");
        } finally {
            release.countDown();
            generator.close();
        }
    }
}
