package org.thinktrace.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The message box: Enter sends, Shift+Enter makes a new line; Send or Stop beside it; an editing banner. */
final class ComposerView extends VBox {

    private final TextArea input = new TextArea();

    ComposerView(MainViewModel main) {
        getStyleClass().add("composer");
        input.getStyleClass().add("composer-input");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.textProperty().bindBidirectional(main.composerTextProperty());
        input.promptTextProperty().bind(Bindings.createStringBinding(
                () -> main.stateProperty().get() == AppState.NO_MODEL || main.stateProperty().get() == AppState.LOADING_MODEL
                        ? "Open a model folder to chat" : "Ask anything (Enter sends, Shift+Enter for a new line)",
                main.stateProperty()));
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER) return;
            e.consume();
            if (e.isShiftDown()) input.replaceSelection("\n");
            else main.send();
        });
        HBox.setHgrow(input, Priority.ALWAYS);

        // One button that reads Send, or Stop while generating: two buttons swapped in place left the hidden
        // one's red edge drawn above the other under software rendering.
        Button action = new Button();
        var generating = main.stateProperty().isEqualTo(AppState.GENERATING);
        action.textProperty().bind(Bindings.when(generating).then("Stop").otherwise("Send"));
        action.setOnAction(e -> {
            if (generating.get()) main.stop();
            else main.send();
        });
        action.disableProperty().bind(generating.not().and(main.canSendProperty().not()));
        showAs(action, generating.get());
        generating.addListener((obs, was, now) -> showAs(action, now));
        // The button keeps its whole label; the text box takes what is left.
        action.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(input, action);
        row.getStyleClass().add("composer-row");
        row.setAlignment(Pos.BOTTOM_RIGHT);

        Label editing = new Label("Editing a message: sending replaces it and drops what followed.");
        Button cancel = AssistantMessageView.action("Cancel", "cancel-edit", main::cancelEdit);
        HBox banner = new HBox(editing, cancel);
        banner.getStyleClass().add("editing-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(main.editingMessageIdProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        getChildren().addAll(banner, row);
    }

    private static void showAs(Button action, boolean stop) {
        action.getStyleClass().removeAll("send", "accent", "stop", "danger");
        action.getStyleClass().addAll(stop ? List.of("stop", "danger") : List.of("send", "accent"));
    }

    void focusInput() {
        input.requestFocus();
    }
}
