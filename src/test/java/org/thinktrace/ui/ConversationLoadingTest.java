package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.SettingsStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The conversations are read off the FX thread at start: the window is usable before they are (nothing to send into
 * yet), and once they are read the newest opens, unless the user opened a new chat meanwhile. The background
 * executor is driven by hand, so each step is seen between the tasks.
 */
@Timeout(60)
class ConversationLoadingTest {

    @TempDir
    Path home;

    /** Tasks given to the background executor, run only when the test says. */
    private final List<Runnable> background = new ArrayList<>();

    /** Tasks given to the UI executor, when a test holds them too. */
    private final List<Runnable> ui = new ArrayList<>();

    private MainViewModel started() {
        return started(Runnable::run);
    }

    private MainViewModel started(Executor uiExecutor) {
        Executor held = background::add;
        MainViewModel vm = new MainViewModel(new MainViewModel.Dependencies(
                new ConversationStore(home.resolve("data")), new SettingsStore(home.resolve("config")),
                (path, precision, progress) -> ModelLoader.Opened.of(ScriptedGenerator.unpaced(List.of("hm"),
                        List.of("ok"))),
                held, uiExecutor, Runnable::run, Clock.systemUTC(), System::nanoTime));
        vm.start();
        return vm;
    }

    private Conversation stored(String title, long updatedAt) throws Exception {
        Conversation conversation = Conversation.start(updatedAt).withTitle(title, updatedAt);
        new ConversationStore(home.resolve("data")).save(conversation);
        return conversation;
    }

    @Test
    void theWindowIsUsableBeforeTheConversationsAreReadAndTheNewestOpensOnceTheyAre() throws Exception {
        stored("Dogs", 1_000);
        Conversation cats = stored("Cats", 2_000);
        MainViewModel vm = started();
        assertEquals(1, background.size(), "the reading waits on the background executor");
        assertTrue(vm.loadingConversationsProperty().get());
        assertTrue(vm.conversations().shown().isEmpty());
        assertNull(vm.conversations().selectedProperty().get());

        // A model opens meanwhile: still nothing to send into until the conversations are read.
        vm.openModel(Files.createDirectories(home.resolve("model")));
        background.remove(1).run();
        assertEquals(AppState.READY, vm.stateProperty().get());
        vm.composerTextProperty().set("Tell me about birds");
        assertFalse(vm.canSendProperty().get(), "no sending while the conversations are read");

        background.remove(0).run();
        assertFalse(vm.loadingConversationsProperty().get());
        assertEquals(List.of("Cats", "Dogs"), vm.conversations().shown().stream().map(ConversationItem::title).toList());
        assertEquals(cats.id(), vm.conversations().selectedProperty().get().id(), "the newest opens");
        assertTrue(vm.canSendProperty().get());
        assertEquals("Tell me about birds", vm.composerTextProperty().get(), "what was typed meanwhile is kept");
    }

    @Test
    void aNewChatOpenedWhileTheConversationsAreReadStaysOpenAndIsListedOnce() throws Exception {
        stored("Dogs", 1_000);
        MainViewModel vm = started();
        vm.newConversation();
        ConversationItem newChat = vm.conversations().selectedProperty().get();
        assertEquals(Conversation.UNTITLED, newChat.title());
        // The new chat's file was written before the folder was read (its first message saved meanwhile).
        new ConversationStore(home.resolve("data")).save(new Conversation(Conversation.SCHEMA_VERSION, newChat.id(),
                "Saved meanwhile", 3_000, 3_000, List.of()));

        background.removeFirst().run();
        assertEquals(newChat.id(), vm.conversations().selectedProperty().get().id(), "the new chat stays open");
        assertEquals(List.of(Conversation.UNTITLED, "Dogs"),
                vm.conversations().shown().stream().map(ConversationItem::title).toList(),
                "the conversation in memory is kept, not the file read meanwhile");
    }

    @Test
    void aConversationDeletedAfterTheFolderWasReadIsNotListedAgainWhenTheReadArrives() throws Exception {
        stored("Dogs", 1_000);
        MainViewModel vm = started(ui::add);
        vm.newConversation();
        String id = vm.conversations().selectedProperty().get().id();
        vm.renameConversation(id, "Scratch"); // saved: the read below finds its file
        background.removeFirst().run();
        vm.deleteConversation(id); // before the read reaches the FX thread
        assertFalse(Files.exists(new ConversationStore(home.resolve("data")).fileOf(id)));
        while (!ui.isEmpty()) ui.removeFirst().run();
        // (deleting the only conversation opened a new chat meanwhile, which stays open)
        assertEquals(List.of(Conversation.UNTITLED, "Dogs"),
                vm.conversations().shown().stream().map(ConversationItem::title).toList());
    }

    @Test
    void noConversationsOpenANewChatOnceTheFolderIsRead() {
        MainViewModel vm = started();
        assertTrue(vm.conversations().shown().isEmpty(), "no new chat before the folder is read");
        background.removeFirst().run();
        assertEquals(List.of(Conversation.UNTITLED),
                vm.conversations().shown().stream().map(ConversationItem::title).toList());
        assertEquals(vm.conversations().shown().getFirst(), vm.conversations().selectedProperty().get());
    }
}
