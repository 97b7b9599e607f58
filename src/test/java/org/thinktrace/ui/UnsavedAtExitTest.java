package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * Closing the window while a conversation cannot be saved (its data folder is a regular file, so every write
 * fails, even as root) retries once, then asks: the dialog names the conversation and the folder; "Try again"
 * asks again while it still fails, "Export to…" writes the conversation where the user chose and quits, and a
 * close with nothing unsaved quits without asking.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class UnsavedAtExitTest extends DesktopTestBase {

    private static final String QUESTION = "What is 2+2?";

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    private MainViewModel chatWithUnwritableData() throws Exception {
        Files.writeString(home.resolve("data"), "a file where the data folder should be: every save fails");
        MainViewModel vm = fx(() -> openWindow(stage, ScriptedGenerator.unpaced(List.of("Hm."), List.of("Four."))));
        waitUntil(() -> vm.stateProperty().get() == AppState.READY);
        fx(() -> {
            vm.composerTextProperty().set(QUESTION);
            vm.send();
            return null;
        });
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && !vm.unsavedConversations().isEmpty());
        return vm;
    }

    private void requestClose() throws Exception {
        fx(() -> {
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
    }

    /** The exit dialog once it shows (it is the only dialog these tests open). */
    private DialogPane exitDialog() throws Exception {
        waitUntil(() -> dialogPane().isPresent());
        return fx(() -> dialogPane().orElseThrow());
    }

    private static Optional<DialogPane> dialogPane() {
        return Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene() == null ? null : w.getScene().getRoot())
                .filter(root -> root instanceof DialogPane pane && pane.getStyleClass().contains("unsaved-at-exit"))
                .map(DialogPane.class::cast).findFirst();
    }

    private static void press(DialogPane pane, javafx.scene.control.ButtonType button) throws Exception {
        fx(() -> {
            ((Button) pane.lookupButton(button)).fire();
            return null;
        });
    }

    @Test
    void tryAgainAsksAgainAndExportWritesTheConversationThenQuits() throws Exception {
        chatWithUnwritableData();
        requestClose();
        DialogPane first = exitDialog();
        String text = fx(first::getContentText);
        assertTrue(text.contains("• " + QUESTION), text);
        assertTrue(text.contains(home.resolve("data").toString()), text);
        assertTrue(fx(stage::isShowing), "the window stays while the dialog asks");

        press(first, ExitGuard.TRY_AGAIN);
        waitUntil(() -> dialogPane().isPresent() && dialogPane().get() != first);
        DialogPane second = exitDialog();
        assertTrue(fx(stage::isShowing), "still unsaved after trying again: the window stays");

        Path exports = Files.createDirectories(home.resolve("exports"));
        fx(() -> {
            window.exitGuard().exportFolderChooser(owner -> exports.toFile());
            return null;
        });
        press(second, ExitGuard.EXPORT);
        waitUntil(() -> !stage.isShowing());

        List<Path> files;
        try (var list = Files.list(exports)) {
            files = list.toList();
        }
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.getFirst().getFileName().toString().endsWith(".json"), files.toString());
        Conversation exported = ConversationStore.read(files.getFirst());
        assertEquals(QUESTION, exported.title());
        AssistantMessage answer = (AssistantMessage) exported.messages().getLast();
        assertEquals("Four.", answer.current().answer());
        assertEquals("Hm.", answer.current().thinking());
    }

    @Test
    void quitWithoutSavingCloses() throws Exception {
        chatWithUnwritableData();
        requestClose();
        press(exitDialog(), ExitGuard.QUIT);
        waitUntil(() -> !stage.isShowing());
    }

    @Test
    void whenTheRetryAtExitSavesEverythingTheWindowClosesWithoutAsking() throws Exception {
        MainViewModel vm = chatWithUnwritableData();
        Files.delete(home.resolve("data")); // the disk has room again
        requestClose();
        waitUntil(() -> !stage.isShowing());
        assertFalse(dialogPane().isPresent());
        assertTrue(vm.unsavedConversations().isEmpty());
        try (var list = Files.list(home.resolve("data"))) {
            assertEquals(1, list.filter(f -> f.toString().endsWith(".json")).count());
        }
    }
}
