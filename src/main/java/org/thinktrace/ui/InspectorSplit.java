package org.thinktrace.ui;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * The transcript with the inspector panel beside it when the panel is open. The panel keeps its width when the
 * window is resized, and a dragged divider becomes the remembered width; where the window is too narrow for both,
 * the panel gives way (down to its own minimum) so that the transcript keeps {@link #MIN_TRANSCRIPT_WIDTH}, without
 * forgetting the width it returns to.
 */
final class InspectorSplit extends SplitPane {

    /** The narrowest the transcript is made beside the panel. */
    static final double MIN_TRANSCRIPT_WIDTH = 380;
    /** The narrowest the panel is made. */
    static final double MIN_PANEL_WIDTH = 200;

    private final Node centre;
    private InspectorView panel;
    private final InspectorViewModel vm;
    private final ViewportJumps jumps;
    private boolean placing;
    /** Whether the user is dragging this split's divider. */
    private boolean dragging;

    /** @param jumps told when the panel's text jumps */
    InspectorSplit(Node centre, InspectorViewModel vm, ViewportJumps jumps) {
        this.centre = centre;
        this.vm = vm;
        this.jumps = jumps;
        getStyleClass().add("inspector-split");
        getItems().add(centre);
        vm.openProperty().addListener((obs, was, open) -> showPanel(open));
        widthProperty().addListener((obs, old, w) -> {
            placeDivider();
            // again after the layout: the skin keeps the panel's width through a resize, also one it had to give up
            Platform.runLater(this::placeDivider);
        });
        // Only a divider the user drags sets the width: the skin also moves it, to keep the panel's width on a resize.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> dragging = onOwnDivider(e.getTarget()));
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> dragging = false);
        showPanel(vm.openProperty().get());
    }

    /** Whether {@code target} is (inside) this split's divider, not a nested split's. */
    private boolean onOwnDivider(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null && n != this; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) return n.getParent() == this;
        }
        return false;
    }

    private void showPanel(boolean open) {
        if (open && panel == null) {
            // Built when first opened: a window whose panel stays closed pays nothing for it.
            panel = new InspectorView(vm);
            panel.textView().reportJumpsTo(jumps);
            SplitPane.setResizableWithParent(panel, false);
            panel.setMinWidth(MIN_PANEL_WIDTH);
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
        double room = Math.max(MIN_PANEL_WIDTH, getWidth() - MIN_TRANSCRIPT_WIDTH);
        getDividers().getFirst().setPosition(Math.max(0.2, 1 - Math.min(vm.widthProperty().get(), room) / getWidth()));
        placing = false;
    }

    private void rememberWidth(double position) {
        if (placing || !dragging || getWidth() <= 0 || panel == null || !getItems().contains(panel)) return;
        double width = Math.round(getWidth() * (1 - position));
        if (Math.abs(width - vm.widthProperty().get()) >= 2) vm.widthProperty().set(width);
    }

}
