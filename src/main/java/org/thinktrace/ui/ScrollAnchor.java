package org.thinktrace.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * Where a reader is in a scrolled column of blocks: a block in the viewport ({@code index}, a child of the column)
 * and how far below that block's top the viewport starts ({@code below}, in pixels; negative when the block starts
 * inside the viewport). Taken before blocks change height (messages built in place of placeholders) and
 * {@linkplain #restore restored} after the next layout pass, it scrolls so that the same block is at the same place
 * in the viewport: what the reader sees does not move.
 */
record ScrollAnchor(int index, double below) {

    /**
     * The anchor of {@code pane}'s viewport over {@code column} (its content) as last laid out: the first block in
     * the viewport that {@code shows} something (not a placeholder), else the block at the viewport's top. Empty
     * when the column fits in the viewport (nothing scrolls) or has no blocks.
     */
    static Optional<ScrollAnchor> of(ScrollPane pane, Region column, Predicate<Node> shows) {
        double viewport = pane.getViewportBounds().getHeight();
        double scrollable = column.getHeight() - viewport;
        List<Node> blocks = column.getChildrenUnmodifiable();
        if (scrollable <= 0 || blocks.isEmpty()) return Optional.empty();
        double top = fraction(pane) * scrollable;
        int first = 0;
        while (first < blocks.size() - 1 && blocks.get(first).getBoundsInParent().getMaxY() <= top) first++;
        int anchor = first;
        for (int i = first; i < blocks.size() && blocks.get(i).getBoundsInParent().getMinY() < top + viewport; i++) {
            if (shows.test(blocks.get(i))) {
                anchor = i;
                break;
            }
        }
        return Optional.of(new ScrollAnchor(anchor, top - blocks.get(anchor).getBoundsInParent().getMinY()));
    }

    /**
     * The indexes of {@code column}'s blocks in {@code pane}'s viewport as last laid out, top down (all of them when
     * the column fits in the viewport).
     */
    static int[] inViewport(ScrollPane pane, Region column) {
        double viewport = pane.getViewportBounds().getHeight();
        double top = fraction(pane) * Math.max(0, column.getHeight() - viewport);
        List<Node> blocks = column.getChildrenUnmodifiable();
        return IntStream.range(0, blocks.size()).filter(i -> {
            Bounds bounds = blocks.get(i).getBoundsInParent();
            return bounds.getMaxY() > top && bounds.getMinY() < top + viewport;
        }).toArray();
    }

    /**
     * Scrolls {@code pane} so that block {@link #index} of {@code column} (as laid out now) is again {@link #below}
     * pixels above the viewport's top, as near as the scroll range allows. Does nothing when the column has no such
     * block any more or fits in the viewport.
     */
    void restore(ScrollPane pane, Region column) {
        double scrollable = column.getHeight() - pane.getViewportBounds().getHeight();
        List<Node> blocks = column.getChildrenUnmodifiable();
        if (scrollable <= 0 || index >= blocks.size()) return;
        double top = blocks.get(index).getBoundsInParent().getMinY() + below;
        double fraction = Math.max(0, Math.min(1, top / scrollable));
        double value = pane.getVmin() + fraction * (pane.getVmax() - pane.getVmin());
        if (Math.abs(fraction - fraction(pane)) * scrollable >= 0.5) pane.setVvalue(value);
    }

    /** How far down {@code pane} is scrolled, from 0 (top) to 1 (bottom). */
    private static double fraction(ScrollPane pane) {
        double range = pane.getVmax() - pane.getVmin();
        return range <= 0 ? 0 : Math.max(0, Math.min(1, (pane.getVvalue() - pane.getVmin()) / range));
    }
}
