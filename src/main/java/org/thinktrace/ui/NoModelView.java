package org.thinktrace.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shown instead of an empty transcript while no model is loaded: why, and the way out. */
final class NoModelView extends VBox {

    NoModelView(MainViewModel main, Runnable openModelFolder, Runnable openGgufFile) {
        getStyleClass().add("no-model");
        setAlignment(Pos.CENTER);
        var loading = main.stateProperty().isEqualTo(AppState.LOADING_MODEL);
        Label title = new Label();
        title.textProperty().bind(javafx.beans.binding.Bindings.when(loading)
                .then("Loading the model…").otherwise("No model loaded"));
        title.getStyleClass().add("title-3");
        Label reason = new Label();
        reason.setWrapText(true);
        reason.getStyleClass().add("no-model-reason");
        reason.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> main.stateProperty().get() == AppState.LOADING_MODEL ? main.loadProgressTextProperty().get()
                        : main.noModelReasonProperty().get().isEmpty()
                        ? "Open a folder with a model (config.json, tokenizer.json, *.safetensors), or a single"
                        + " .gguf file, to start chatting."
                        : main.noModelReasonProperty().get(),
                main.noModelReasonProperty(), main.stateProperty(), main.loadProgressTextProperty()));
        Button open = new Button("Open model folder…");
        open.getStyleClass().addAll("open-model", "accent");
        open.setOnAction(e -> openModelFolder.run());
        open.visibleProperty().bind(loading.not());
        Button gguf = new Button("Open GGUF file…");
        gguf.getStyleClass().add("open-gguf");
        gguf.setOnAction(e -> openGgufFile.run());
        gguf.visibleProperty().bind(loading.not());
        getChildren().addAll(title, reason, open, gguf);
    }
}
