package org.thinktrace.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shown instead of an empty transcript while no model is loaded: why, and the way out. */
final class NoModelView extends VBox {

    NoModelView(MainViewModel main, Runnable openModelFolder) {
        getStyleClass().add("no-model");
        setAlignment(Pos.CENTER);
        Label title = new Label("No model loaded");
        title.getStyleClass().add("title-3");
        Label reason = new Label();
        reason.setWrapText(true);
        reason.getStyleClass().add("no-model-reason");
        reason.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> main.noModelReasonProperty().get().isEmpty()
                        ? "Open a folder with a model (config.json, tokenizer.json, *.safetensors) to start chatting."
                        : main.noModelReasonProperty().get(),
                main.noModelReasonProperty()));
        Button open = new Button("Open model folder…");
        open.getStyleClass().addAll("open-model", "accent");
        open.setOnAction(e -> openModelFolder.run());
        getChildren().addAll(title, reason, open);
    }
}
