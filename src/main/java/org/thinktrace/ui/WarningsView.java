package org.thinktrace.ui;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The file problems above the transcript, in one area: a single problem as one dismissable row; several under a
 * one-line summary ("3 problems with files") that opens and closes the list and dismisses them all, so a dozen
 * never cover the window.
 */
final class WarningsView extends VBox {

    private final MainViewModel main;
    private boolean open;

    WarningsView(MainViewModel main) {
        this.main = main;
        getStyleClass().add("warnings");
        main.warnings().addListener((ListChangeListener<String>) c -> refresh());
        refresh();
    }

    private void refresh() {
        var warnings = main.warnings();
        if (warnings.size() <= 1) {
            getChildren().setAll(warnings.stream().map(this::row).toList());
            return;
        }
        Label summary = new Label(warnings.size() + " problems with files");
        summary.getStyleClass().add("warnings-summary");
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        Button toggle = AssistantMessageView.action(open ? "Hide" : "Show", "toggle-warnings", () -> {
            open = !open;
            refresh();
        });
        Button dismissAll = AssistantMessageView.action("Dismiss all", "dismiss-warnings", main::dismissAllWarnings);
        HBox head = new HBox(summary, toggle, dismissAll);
        head.getStyleClass().add("warning-banner");
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(head);
        if (open) warnings.forEach(w -> getChildren().add(row(w)));
    }

    private Node row(String warning) {
        Label text = new Label(warning);
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = AssistantMessageView.action("Dismiss", "dismiss-warning", () -> main.dismissWarning(warning));
        HBox row = new HBox(text, dismiss);
        row.getStyleClass().add("warning-banner");
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
