package org.thinktrace.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * The transcript with the inspector panel beside it when the panel is open. The panel keeps its width when the
 * window is resized, and a dragged divider becomes the remembered width.
 */
final class InspectorSplit extends SplitPane {

    private final Node centre;
    private InspectorView panel;
    private final InspectorViewModel vm;
    private final ViewportJumps jumps;
    private boolean placing;

    /** @param jumps told when the panel's text jumps */
    InspectorSplit(Node centre, InspectorViewModel vm, ViewportJumps jumps) {
        this.centre = centre;
        this.vm = vm;
        this.jumps = jumps;
        getStyleClass().add("inspector-split");
        getItems().add(centre);
        vm.openProperty().addListener((obs, was, open) -> showPanel(open));
        widthProperty().addListener((obs, old, w) -> placeDivider());
        showPanel(vm.openProperty().get());
    }

    private void showPanel(boolean open) {
        if (open && panel == null) {
            // Built when first opened: a window whose panel stays closed pays nothing for it.
            panel = new InspectorView(vm);
            panel.textView().reportJumpsTo(jumps);
            SplitPane.setResizableWithParent(panel, false);
            panel.setMinWidth(200);
        }
        if (open && !getItems().contains(panel)) {
            getItems().setAll(centre, panel);
            getDividers().getFirst().positionProperty().addListener((obs, old, position) -> rememberWidth(position.doubleValue()));
            placeDivider();
            Platform.runLater(this::placeDivider);
        } else if (!open && panel != null && getItems().contains(panel)) {
            getItems().setAll(centre);
        }
    }

    private void placeDivider() {
        if (getDividers().isEmpty() || getWidth() <= 0) return;
        placing = true;
        getDividers().getFirst().setPosition(Math.max(0.2, 1 - vm.widthProperty().get() / getWidth()));
        placing = false;
    }

    private void rememberWidth(double position) {
        if (placing || getWidth() <= 0 || panel == null || !getItems().contains(panel)) return;
        double width = Math.round(getWidth() * (1 - position));
        if (Math.abs(width - vm.widthProperty().get()) >= 2) vm.widthProperty().set(width);
    }

}
