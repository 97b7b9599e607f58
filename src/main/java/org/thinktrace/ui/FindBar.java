package org.thinktrace.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The find bar over the transcript (Ctrl+F): the query, "3 of 12", previous and next, close. In the field, Enter
 * goes to the next match, Shift+Enter to the previous one and Esc closes the bar. Binds to a {@link FindViewModel}.
 */
final class FindBar extends HBox {

    private final TextField field = new TextField();

    FindBar(FindViewModel vm) {
        getStyleClass().add("find-bar");
        setAlignment(Pos.CENTER_LEFT);
        field.getStyleClass().add("find-field");
        field.setPromptText("Find in thinking and answers");
        field.setAccessibleText("Find in this conversation's thinking and answers");
        field.textProperty().bindBidirectional(vm.queryProperty());
        field.setPrefColumnCount(24);
        field.setMinWidth(110);
        HBox.setHgrow(field, Priority.SOMETIMES);
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) vm.previous();
                else vm.next();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.close();
                e.consume();
            }
        });
        Label status = new Label();
        status.getStyleClass().add("find-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(Region.USE_PREF_SIZE);
        Button previous = AssistantMessageView.action("↑", "find-previous", vm::previous);
        previous.setTooltip(new Tooltip("Previous match (Shift+Enter)"));
        previous.setAccessibleText("Previous match");
        Button next = AssistantMessageView.action("↓", "find-next", vm::next);
        next.setTooltip(new Tooltip("Next match (Enter)"));
        next.setAccessibleText("Next match");
        for (Button b : new Button[] {previous, next}) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.matches()));
        }
        Button close = AssistantMessageView.action("×", "find-close", vm::close);
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setAccessibleText("Close the find bar");
        getChildren().addAll(field, status, previous, next, close);
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(visibleProperty());
        vm.openProperty().addListener((obs, was, open) -> {
            if (!open && field.isFocused() && getParent() != null) getParent().requestFocus();
        });
    }

    /** Puts the keyboard focus in the query field with its text selected, so typing replaces it. */
    void focusField() {
        field.requestFocus();
        field.selectAll();
    }
}
