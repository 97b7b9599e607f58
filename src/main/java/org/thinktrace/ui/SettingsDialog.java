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
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.thinktrace.chat.AppSettings;
import org.thinktrace.chat.Theme;

/** The settings form as a modal dialog; its result is the validated settings, or empty when cancelled. */
final class SettingsDialog extends Dialog<AppSettings> {

    private static final ButtonType RESET = new ButtonType("Reset to R1 defaults", ButtonBar.ButtonData.LEFT);

    SettingsDialog(Window owner, AppSettings current) {
        SettingsViewModel vm = new SettingsViewModel(current);
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
        row = field(grid, row, "Seed", vm.seedProperty(), "");
        row = field(grid, row, "Max tokens", vm.maxTokensProperty(), "thinking and answer together");
        row = field(grid, row, "Thinking budget", vm.thinkingBudgetProperty(), "tokens; 0 = no budget");

        TextArea prompt = new TextArea();
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(vm.systemPromptProperty());
        prompt.setPromptText("Empty");
        grid.addRow(row++, new Label("System prompt"), prompt);
        Label hint = new Label(SettingsViewModel.SYSTEM_PROMPT_HINT);
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        grid.add(hint, 1, row++);

        CheckBox collapse = new CheckBox("Close the thinking pane when the answer begins");
        collapse.selectedProperty().bindBidirectional(vm.autoCollapseProperty());
        grid.add(collapse, 1, row++);
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
        grid.addRow(row++, new Label("Theme"), theme);
        row = field(grid, row, "Font size", vm.fontSizeProperty(), "points, 9 to 32");
        Label error = new Label();
        error.getStyleClass().add("settings-error");
        error.textProperty().bind(vm.errorProperty());
        grid.add(error, 0, row, 3, 1);

        // Labels and hints keep their full text; the fields take what is left.
        grid.getChildren().stream().filter(n -> n instanceof Label)
                .forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        hint.setMinWidth(0);
        hint.setMaxWidth(360);
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
