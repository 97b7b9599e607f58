package org.thinktrace.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: model, device, context in use, live tokens per second, and model-loading progress with Cancel. */
final class StatusBarView extends HBox {

    StatusBarView(MainViewModel main) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label model = label("status-model");
        model.textProperty().bind(main.modelNameProperty());
        Label device = label("status-device");
        device.textProperty().bind(main.deviceProperty());
        Tooltip deviceTip = new Tooltip();                       // the whole text where a narrow window elides it
        deviceTip.textProperty().bind(main.deviceProperty());
        device.setTooltip(deviceTip);
        Label context = label("status-context");
        context.textProperty().bind(main.contextUsageProperty());
        Label speed = label("status-speed");
        speed.textProperty().bind(main.tokensPerSecondProperty());

        var loading = main.stateProperty().isEqualTo(AppState.LOADING_MODEL);
        ProgressBar progress = new ProgressBar();
        progress.getStyleClass().add("load-progress");
        progress.progressProperty().bind(main.loadProgressProperty());
        Label progressText = label("load-progress-text");
        progressText.textProperty().bind(main.loadProgressTextProperty());
        Button cancel = AssistantMessageView.action("Cancel", "cancel-load", main::cancelModelLoad);
        HBox load = new HBox(progressText, progress, cancel);
        load.setAlignment(Pos.CENTER_LEFT);
        load.getStyleClass().add("load-box");
        load.visibleProperty().bind(loading);
        load.managedProperty().bind(loading);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(model, device, load, spacer, context, speed);
    }

    private static Label label(String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        return label;
    }
}
