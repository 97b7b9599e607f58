package org.thinktrace.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.thinktrace.chat.Conversation;

/**
 * Closing the window never loses a turn silently. A close request first saves every conversation whose last save
 * failed once more; if some still cannot be saved (a full disk, a data folder that went away), a dialog names
 * them and the data folder and offers "Try again", "Export to…" (their JSON files written, each atomically,
 * into a folder the user picks) and "Quit without saving"; closing the dialog keeps ThinkTrace open.
 */
final class ExitGuard {

    static final ButtonType TRY_AGAIN = new ButtonType("Try again", ButtonBar.ButtonData.YES);
    static final ButtonType EXPORT = new ButtonType("Export to…", ButtonBar.ButtonData.OTHER);
    static final ButtonType QUIT = new ButtonType("Quit without saving", ButtonBar.ButtonData.NO);
    static final ButtonType STAY = new ButtonType("Keep ThinkTrace open", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final MainViewModel main;
    private final Stage stage;
    /** Asks for the folder to export to; null when the user cancels. Replaceable for tests. */
    private Function<Window, File> exportFolder = owner -> {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the unsaved conversations to");
        return chooser.showDialog(owner);
    };
    private boolean closing;

    private ExitGuard(MainViewModel main, Stage stage) {
        this.main = main;
        this.stage = stage;
    }

    /** Guards the stage's close requests. */
    static ExitGuard install(MainViewModel main, Stage stage) {
        ExitGuard guard = new ExitGuard(main, stage);
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, guard::onCloseRequest);
        return guard;
    }

    void exportFolderChooser(Function<Window, File> chooser) {
        this.exportFolder = chooser;
    }

    private void onCloseRequest(WindowEvent event) {
        if (closing) return;
        event.consume();
        main.saveUnsavedBeforeExit(this::closeOrAsk);
    }

    private void closeOrAsk(List<Conversation> unsaved) {
        if (unsaved.isEmpty()) {
            close();
        } else {
            ask(unsaved, null);
        }
    }

    private void close() {
        closing = true;
        stage.close();
    }

    private void ask(List<Conversation> unsaved, String exportProblem) {
        Alert alert = new Alert(Alert.AlertType.WARNING, null, TRY_AGAIN, EXPORT, QUIT, STAY);
        alert.initOwner(stage);
        alert.setTitle("ThinkTrace");
        alert.setHeaderText(unsaved.size() == 1 ? "A conversation could not be saved"
                : unsaved.size() + " conversations could not be saved");
        alert.setContentText(message(unsaved, main.dataFolder(), exportProblem));
        alert.getDialogPane().setPrefWidth(600);
        alert.getDialogPane().getStyleClass().add("unsaved-at-exit");
        alert.setResizable(true);
        alert.setOnHidden(e -> act(alert.getResult(), unsaved));
        alert.show();
    }

    static String message(List<Conversation> unsaved, Path dataFolder, String exportProblem) {
        String names = unsaved.stream().map(c -> "• " + c.title()).collect(Collectors.joining("\n"));
        return names + "\n\ncould not be written to " + dataFolder + " (is the disk full, or the folder gone?)."
                + " Their latest turns exist only in this window: quitting now loses them."
                + (exportProblem == null ? "" : "\n\n" + exportProblem);
    }

    private void act(ButtonType choice, List<Conversation> unsaved) {
        if (choice == TRY_AGAIN) {
            main.saveUnsavedBeforeExit(this::closeOrAsk);
        } else if (choice == EXPORT) {
            File folder = exportFolder.apply(stage);
            if (folder == null) {
                ask(unsaved, null);
                return;
            }
            main.exportConversations(unsaved, folder.toPath(), failure -> {
                if (failure.isEmpty()) {
                    close();
                } else {
                    ask(unsaved, failure.get());
                }
            });
        } else if (choice == QUIT) {
            close();
        }
        // STAY, or the dialog closed otherwise: ThinkTrace stays open, the conversations in memory
    }
}
