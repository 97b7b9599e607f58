package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * Sequences of user actions on the main view-model (same-thread executors, a hand-driven frame clock) that must
 * neither lose data, nor leave the window stuck, nor show the wrong thing.
 */
@Timeout(60)
class ViewModelFlowsTest {

    @TempDir
    Path home;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private MainViewModel viewModel(ModelLoader loader, String readOnlyReason) {
        return new HeadlessMainViewModel(home, nanos).start(loader, readOnlyReason);
    }

    private MainViewModel readyWith(ScriptedGenerator generator) throws IOException {
        return new HeadlessMainViewModel(home, nanos).readyWith(generator);
    }

    private void framesUntil(MainViewModel vm, BooleanSupplier condition) throws InterruptedException {
        new HeadlessMainViewModel(home, nanos).framesUntil(vm, condition);
    }

    private void sendAndWait(MainViewModel vm, String text) throws InterruptedException {
        vm.composerTextProperty().set(text);
        vm.send();
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
    }

    @Test
    void deletingTheOpenConversationWhileTheSearchHidesEveryOtherOneOpensAnother() throws Exception {
        MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of("hm"), List.of("ok")));
        sendAndWait(vm, "Tell me about dogs");
        vm.newConversation();
        sendAndWait(vm, "Tell me about cats");
        String cats = vm.conversations().selectedProperty().get().id();
        vm.conversations().searchTextProperty().set("cats");
        assertEquals(1, vm.conversations().shown().size());

        assertDoesNotThrow(() -> vm.deleteConversation(cats));

        assertTrue(vm.transcript().stream().noneMatch(m -> m instanceof UserMessageViewModel u
                && u.text().contains("cats")), "the deleted conversation is no longer shown");
        assertTrue(vm.conversations().selectedProperty().get() != null, "a conversation is open");
        vm.composerTextProperty().set("Next question");
        assertTrue(vm.canSendProperty().get());
        assertDoesNotThrow(vm::send, "sending goes to the conversation now open");
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY); // its saves end before the folder goes
        assertEquals(4, vm.transcript().size(), "the dogs exchange and the next one");
    }

    @Test
    void aConversationDeletedRightAfterItsResponseEndedDoesNotComeBackInTheList() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("hm"), List.of("ok"));
        MainViewModel vm = readyWith(generator);
        sendAndWait(vm, "Keep this one");
        vm.newConversation();
        vm.composerTextProperty().set("Delete this one");
        vm.send();
        String doomed = vm.conversations().selectedProperty().get().id();
        // The generator ends (Stop, or the last token) before the next frame took its last events in.
        Path file = home.resolve("data").resolve(doomed + ".json");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(file) || ConversationStore.read(file).messages().getLast()
                instanceof org.thinktrace.chat.AssistantMessage a && a.current().state() != ResponseState.COMPLETE) {
            if (System.nanoTime() > deadline) throw new AssertionError("the generation did not end");
            Thread.sleep(2);
        }
        assertEquals(AppState.GENERATING, vm.stateProperty().get(), "its last events still wait for a frame");
        vm.deleteConversation(doomed);

        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        if (vm.lastDeletedProperty().get() == null) { // refused until the response was shown to its end: fine
            assertFalse(vm.problemProperty().get().isEmpty(), "the refusal says why");
            vm.deleteConversation(doomed);
        }

        assertEquals(List.of("Keep this one"), vm.conversations().shown().stream().map(ConversationItem::title).toList(),
                "the deleted conversation stays deleted");
        assertFalse(Files.exists(file));
    }

    @Test
    void deletingTheMessageBeingEditedEndsTheEdit() throws Exception {
        MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of("t"), List.of("a")));
        sendAndWait(vm, "first");
        sendAndWait(vm, "second");
        String secondId = vm.transcript().get(2).id();
        vm.beginEdit(secondId);
        vm.deleteMessage(secondId);

        assertNull(vm.editingMessageIdProperty().get(), "the message being edited is gone, so is the edit");
        vm.composerTextProperty().set("second, again");
        assertDoesNotThrow(vm::send);
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertEquals(4, vm.transcript().size());
    }

    @Test
    void aReadOnlyWindowDoesNotWriteTheRemoteServerItConnectsTo() throws Exception {
        MainViewModel vm = viewModel((path, precision, progress) -> {
            throw new AssertionError("no local model here");
        }, "Another ThinkTrace is using the data folder");
        vm.openRemote(new RemoteServer("http://127.0.0.1:1/v1", "some-model", "sk-secret"));

        assertFalse(Files.exists(home.resolve("config").resolve("remote-server.json")),
                "a read-only window writes nothing of its folders");
        assertFalse(Files.exists(home.resolve("config").resolve("remote-server.key")));
    }

    @Test
    void aLongFirstMessageIsTitledWithoutHalfACharacter() throws Exception {
        MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of("t"), List.of("a")));
        // 46 letters, then an emoji (two UTF-16 units) across the cut at 47 units
        sendAndWait(vm, "a".repeat(46) + "\uD83D\uDE00 and then a good deal more text");

        String title = vm.conversations().selectedProperty().get().title();
        assertTrue(title.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF),
                "no lone surrogate in the title: " + title.codePoints().mapToObj(Integer::toHexString).toList());
    }

    @Test
    void theProbesRunOnThePromptTheResponseWasGeneratedWithNotOnASystemPromptSetSince() throws Exception {
        org.thinktrace.generate.ScriptedModel scripted = new org.thinktrace.generate.ScriptedModel(4096)
                .say("I add the tens: 40.\n\nThen the units: 4.\n\nSo 44.</think>The answer is \\boxed{44}.");
        org.thinktrace.generate.Generator generator = new org.thinktrace.generate.Generator(scripted,
                new org.thinktrace.generate.CharCodec(true), "scripted", "test", 0, () -> { });
        try {
            MainViewModel vm = viewModel((path, precision, progress) -> ModelLoader.Opened.of(generator), "");
            vm.openModel(Files.createDirectories(home.resolve("model")));
            sendAndWait(vm, "What is 22 + 22?");
            var s = vm.settingsProperty().get();
            vm.applySettings(new org.thinktrace.chat.AppSettings(s.sampling(), s.seedMode(), s.maxTokens(),
                    s.thinkingBudget(), "ZZ NEW SYSTEM PROMPT ZZ", s.autoCollapse(), s.theme(), s.fontSize(), s.window(),
                    s.precision()));
            int callsBefore = scripted.forwardCalls.size();

            vm.inspect(((AssistantMessageViewModel) vm.transcript().getLast()).id());
            vm.inspector().probeConvergence();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (vm.inspector().probingProperty().get() || vm.inspector().convergingProperty().get()) {
                if (System.nanoTime() > deadline) throw new AssertionError("the probe did not end");
                Thread.sleep(5);
            }
            StringBuilder probed = new StringBuilder();
            for (int[] call : scripted.forwardCalls.subList(callsBefore, scripted.forwardCalls.size())) {
                for (int id : call) probed.append(id >= 5 ? (char) (id - 5 + 32) : '|');
            }
            assertTrue(probed.length() > 0, "the probe ran the model");
            assertFalse(probed.toString().contains("ZZ NEW SYSTEM PROMPT ZZ"),
                    "the response was generated without a system prompt; its probes must be too: " + probed);
        } finally {
            generator.close();
        }
    }

    @Test
    void theStatusBarFollowsTheShownVersionAndDeletedMessages() throws Exception {
        ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("t"), List.of("a"))
                .then(List.of("t", "u", "v", "w"), List.of("a", "b"));
        MainViewModel vm = readyWith(generator);
        sendAndWait(vm, "Q");
        assertEquals("Context 5 / 4,096", vm.contextUsageProperty().get(), "3 prompt tokens and 2 generated");
        String response = vm.transcript().getLast().id();
        vm.regenerate(response);
        framesUntil(vm, () -> vm.stateProperty().get() == AppState.READY);
        assertEquals("Context 9 / 4,096", vm.contextUsageProperty().get());

        vm.previousVersion(response);
        assertEquals("Context 5 / 4,096", vm.contextUsageProperty().get(), "the figures of the version shown");

        vm.deleteMessage(vm.transcript().getFirst().id());
        assertEquals(0, vm.transcript().size());
        assertEquals("Context 0 / 4,096", vm.contextUsageProperty().get(), "nothing is left in the context");
        assertEquals("", vm.tokensPerSecondProperty().get());
    }

    @Test
    void newChatReusesTheEmptyConversationLeftForAnother() throws Exception {
        MainViewModel vm = readyWith(ScriptedGenerator.unpaced(List.of("t"), List.of("a")));
        sendAndWait(vm, "Old question");
        String old = vm.conversations().selectedProperty().get().id();
        vm.newConversation();
        vm.openConversation(old);
        vm.newConversation();

        assertEquals(List.of("New chat", "Old question"),
                vm.conversations().shown().stream().map(ConversationItem::title).sorted().toList(),
                "one empty conversation, not two");
        assertEquals("New chat", vm.conversations().selectedProperty().get().title());
    }
}
