package org.thinktrace.ui;

import javafx.scene.control.ListCell;

/** Layout rules shared by the inspector's list cells. */
final class ListCells {

    private ListCells() {
    }

    /**
     * Makes {@code cell} as wide as its list's viewport and no wider: a cell asks for no width of its own, so a long
     * row is cut to "…" by its growing label instead of widening the list behind a horizontal scroll bar.
     */
    static void fitToList(ListCell<?> cell) {
        cell.setPrefWidth(0);
    }
}
