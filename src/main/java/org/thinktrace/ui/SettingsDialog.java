package org.thinktrace.ui;

import java.util.Optional;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.Theme;
import org.thinktrace.model.PrecisionChoice;

/** The settings form as a modal dialog; its result is the validated settings, or empty when cancelled. */
final class SettingsDialog extends Dialog<AppSettings> {

    private static final ButtonType RESET = new ButtonType("Reset to R1 defaults", ButtonBar.ButtonData.LEFT);

    /** @param contextLength the loaded model's context in tokens, 0 when none: it bounds max tokens */
    SettingsDialog(Window owner, AppSettings current, int contextLength) {
        SettingsViewModel vm = new SettingsViewModel(current, contextLength);
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-form");
        int row = 0;
        row = field(grid, row, "Temperature", vm.temperatureProperty(), "0 = greedy; R1: 0.6");
        row = field(grid, row, "Top-p", vm.topPProperty(), "R1: 0.95");
        row = field(grid, row, "Top-k", vm.topKProperty(), "0 = off");
        row = field(grid, row, "Min-p", vm.minPProperty(), "0 = off");
        CheckBox fixedSeed = new CheckBox("Same seed every time");
        fixedSeed.getStyleClass().add("fixed-seed");
        fixedSeed.selectedProperty().bindBidirectional(vm.fixedSeedProperty());
        TextField seed = new TextField();
        seed.getStyleClass().add("seed");
        seed.textProperty().bindBidirectional(vm.seedProperty());
        seed.setPrefColumnCount(8);
        seed.disableProperty().bind(fixedSeed.selectedProperty().not());
        grid.addRow(row++, new Label("Seed"), seed, fixedSeed);
        Label seedHint = new Label("Unticked: a fresh seed for every response (shown in its details)");
        seedHint.getStyleClass().add("text-muted");
        seedHint.setWrapText(true);
        grid.add(seedHint, 1, row++, 2, 1);
        row = field(grid, row, "Max tokens", vm.maxTokensProperty(), vm.maxTokensHint());
        row = field(grid, row, "Thinking budget", vm.thinkingBudgetProperty(), "tokens; 0 = no budget");

        TextArea prompt = new TextArea();
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(vm.systemPromptProperty());
        prompt.setPromptText("Empty");
        grid.add(new Label("System prompt"), 0, row);
        grid.add(prompt, 1, row++, 2, 1);
        Label hint = new Label(SettingsViewModel.SYSTEM_PROMPT_HINT);
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        grid.add(hint, 1, row++, 2, 1);

        CheckBox collapse = new CheckBox("Close the thinking pane when the answer begins");
        collapse.getStyleClass().add("auto-collapse");
        collapse.selectedProperty().bindBidirectional(vm.autoCollapseProperty());
        grid.add(collapse, 1, row++, 2, 1);
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.getItems().setAll(Theme.values());
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return t == null ? "" : SettingsViewModel.themeName(t);
            }

            @Override
            public Theme fromString(String s) {
                return Theme.valueOf(s.toUpperCase(java.util.Locale.ROOT));
            }
        });
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        theme.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.addRow(row++, new Label("Theme"), theme);
        row = field(grid, row, "Font size", vm.fontSizeProperty(), "points, 9 to 32");
        ChoiceBox<PrecisionChoice> precision = new ChoiceBox<>();
        precision.getStyleClass().add("precision");
        precision.getItems().setAll(SettingsViewModel.precisionChoices());
        precision.setConverter(new StringConverter<>() {
            @Override
            public String toString(PrecisionChoice p) {
                return p == null ? "" : p.label();
            }

            @Override
            public PrecisionChoice fromString(String s) {
                return PrecisionChoice.named(s);
            }
        });
        precision.valueProperty().bindBidirectional(vm.precisionProperty());
        precision.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label precisionHint = new Label(SettingsViewModel.precisionHint());
        precisionHint.getStyleClass().add("text-muted");
        precisionHint.setWrapText(true);
        precisionHint.setMaxWidth(480);
        grid.addRow(row++, new Label("Model precision"), precision);
        grid.add(precisionHint, 1, row++, 2, 1);
        Label error = new Label();
        error.getStyleClass().add("settings-error");
        error.textProperty().bind(vm.errorProperty());
        grid.add(error, 0, row, 3, 1);

        error.setWrapText(true);
        error.setMaxWidth(480);

        // Labels, check boxes and one-line hints keep their full text; wrapped hints wrap within 480 px.
        grid.getChildren().stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .map(n -> (javafx.scene.control.Labeled) n)
                .filter(l -> !l.isWrapText())
                .forEach(l -> l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        hint.setMaxWidth(480);
        seedHint.setMaxWidth(480);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(RESET, ButtonType.OK, ButtonType.CANCEL);
        Button reset = (Button) getDialogPane().lookupButton(RESET);
        reset.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.resetToR1Defaults();
        });
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (vm.toSettings().isEmpty()) e.consume();
        });
        setResultConverter(button -> button == ButtonType.OK ? vm.toSettings().orElse(null) : null);
        // after the dialog placed itself on its owner
        setOnShown(e -> javafx.application.Platform.runLater(this::keepOnScreen));
    }

    /** Centred on a small window, the dialog can reach above the screen: move it down to the screen's top. */
    private void keepOnScreen() {
        Window window = getDialogPane().getScene().getWindow();
        var screens = Screen.getScreensForRectangle(window.getX(), window.getY(), window.getWidth(), window.getHeight());
        if (screens.isEmpty()) return;
        Rectangle2D area = screens.getFirst().getVisualBounds();
        double y = Math.min(window.getY(), area.getMaxY() - window.getHeight());
        window.setY(Math.max(area.getMinY(), y));
    }

    private static int field(GridPane grid, int row, String name, StringProperty value, String hint) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(value);
        field.setPrefColumnCount(8);
        Label hintLabel = new Label(hint);
        hintLabel.getStyleClass().add("text-muted");
        grid.addRow(row, new Label(name), field, hintLabel);
        return row + 1;
    }

    Optional<AppSettings> ask() {
        return showAndWait();
    }
}
