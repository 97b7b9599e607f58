package org.thinktrace.ui;

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
        input.promptTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
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

        Button send = new Button("Send");
        send.getStyleClass().addAll("send", "accent");
        send.setOnAction(e -> main.send());
        send.disableProperty().bind(main.canSendProperty().not());
        Button stop = new Button("Stop");
        stop.getStyleClass().addAll("stop", "danger");
        stop.setOnAction(e -> main.stop());
        var generating = main.stateProperty().isEqualTo(AppState.GENERATING);
        stop.visibleProperty().bind(generating);
        stop.managedProperty().bind(generating);
        send.visibleProperty().bind(generating.not());
        send.managedProperty().bind(generating.not());
        // The buttons keep their whole label; the text box takes what is left.
        send.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(input, send, stop);
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

    void focusInput() {
        input.requestFocus();
    }
}
