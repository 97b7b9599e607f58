package org.thinktrace.ui;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.thinktrace.inspect.TraceStep;

/** Asks for the new text of a thinking step; the model then thinks on from the edited step. */
final class StepEditDialog {

    static final ButtonType CONTINUE = new ButtonType("Continue from here", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<String> dialog = new Dialog<>();

    StepEditDialog(Window owner, TraceStep step) {
        dialog.initOwner(owner);
        dialog.setTitle("Edit step " + (step.index() + 1));
        dialog.setHeaderText("The model keeps its thinking before this step, reads your text in its place, "
                + "and thinks on from there. The new version is marked as edited by you.");
        TextArea text = new TextArea(step.text());
        text.getStyleClass().add("step-edit-text");
        text.setWrapText(true);
        text.setPrefRowCount(6);
        Label hint = new Label("Step " + (step.index() + 1) + " · " + step.tag().jsonName());
        dialog.getDialogPane().setContent(new VBox(6, hint, text));
        dialog.getDialogPane().getButtonTypes().setAll(CONTINUE, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(CONTINUE).disableProperty().bind(text.textProperty().isEmpty()
                .or(text.textProperty().isEqualTo(step.text())));
        dialog.setResultConverter(button -> button == CONTINUE ? text.getText() : null);
    }

    /** Shows the dialog and waits; the new text, or empty when cancelled. */
    Optional<String> ask() {
        return dialog.showAndWait().filter(s -> !s.isBlank());
    }
}
