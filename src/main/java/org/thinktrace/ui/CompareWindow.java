package org.thinktrace.ui;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window the compare view opens in: as large as the main window (a side-by-side view needs the width), with
 * the app's stylesheet, theme and font size. Shown while {@link CompareViewModel#openProperty()} is true; closing
 * the window (or Esc) sets it false.
 */
final class CompareWindow {

    /** The narrowest the compare window gets: the main window's own minimum. */
    static final double MIN_WIDTH = MainWindow.MIN_WIDTH;
    static final double MIN_HEIGHT = 480;

    private final CompareViewModel vm;
    private final Window owner;
    private Stage stage;
    private CompareView view;

    CompareWindow(CompareViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
        vm.openProperty().addListener((obs, was, open) -> {
            if (open) show();
            else if (stage != null) stage.hide();
        });
        if (vm.openProperty().get()) show();
    }

    private void show() {
        if (stage == null) {
            view = new CompareView(vm, vm::close);
            Scene scene = new Scene(view, Math.max(MIN_WIDTH, owner.getWidth()), Math.max(MIN_HEIGHT, owner.getHeight()));
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            view.setStyle(owner.getScene().getRoot().getStyle()); // the font size chosen in the settings
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), vm::close);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN),
                    view::showDivergence);
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("Compare versions · ThinkTrace");
            stage.setMinWidth(MIN_WIDTH);
            stage.setMinHeight(MIN_HEIGHT);
            stage.setScene(scene);
            stage.setOnHidden(e -> vm.close());
        }
        view.setStyle(owner.getScene().getRoot().getStyle());
        stage.show();
        stage.toFront();
        view.showDivergence();
    }

    /** The view, once shown (for tests). */
    CompareView view() {
        return view;
    }
}
