package org.thinktrace.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One user message in the transcript, with edit-and-resend, copy and delete. */
final class UserMessageView extends VBox {

    UserMessageView(UserMessageViewModel vm, MainViewModel main) {
        getStyleClass().add("user-message");
        setAlignment(Pos.CENTER_RIGHT);
        Label text = new Label(CombiningMarks.capped(vm.text()));
        text.getStyleClass().add("user-bubble");
        text.setWrapText(true);

        Button edit = AssistantMessageView.action("Edit", "edit-message", () -> main.beginEdit(vm.id()));
        edit.disableProperty().bind(main.stateProperty().isEqualTo(AppState.GENERATING));
        Button copy = AssistantMessageView.action("Copy", "copy-message", () -> Clipboards.copy(vm.text()));
        Button delete = AssistantMessageView.action("Delete", "delete-message", () -> main.deleteMessage(vm.id()));
        delete.disableProperty().bind(main.stateProperty().isEqualTo(AppState.GENERATING));
        HBox actions = new HBox(edit, copy, delete);
        actions.getStyleClass().add("message-actions");
        actions.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(text, actions);
    }
}
