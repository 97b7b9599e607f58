package org.thinktrace.ui;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * Keeps what a reader sees in a scrolled column of blocks in place while blocks above it change height (messages
 * built in place of placeholders, text rewrapped at a new window width), as browsers' scroll anchoring does. After
 * each layout pass, {@link #keep} scrolls by as much as the followed block moved in the column since the last pass,
 * then {@link #take} follows the first block in the viewport that shows something (not a placeholder), else the
 * block at the viewport's top. A scroll pane keeps its content's pixel offset when the content's height changes,
 * so a change below the followed block moves nothing, and one above it moves the block: that move is what is undone.
 * The reader's own scrolling moves the viewport, not the block, so it is never undone. FX thread only.
 */
final class ScrollAnchor {

    private final ScrollPane pane;
    private final Region column;
    private final Predicate<Node> shows;
    /** The block followed (null: none) and its top in the column after the last layout pass. */
    private Node block;
    private double top;

    /**
     * @param pane   the scroll pane whose content is {@code column}
     * @param column the blocks, its children
     * @param shows  whether a block shows something (a placeholder does not)
     */
    ScrollAnchor(ScrollPane pane, Region column, Predicate<Node> shows) {
        this.pane = pane;
        this.column = column;
        this.shows = shows;
    }

    /** Follows, as laid out now, the first block in the viewport that shows something, else the one at its top. */
    void take() {
        block = null;
        List<Node> blocks = column.getChildrenUnmodifiable();
        double viewport = pane.getViewportBounds().getHeight();
        if (column.getHeight() <= viewport || blocks.isEmpty()) return;
        double viewportTop = viewportTop();
        int first = firstEndingBelow(blocks, viewportTop);
        block = blocks.get(first);
        for (int i = first; i < blocks.size() && blocks.get(i).getBoundsInParent().getMinY() < viewportTop + viewport; i++) {
            if (shows.test(blocks.get(i))) {
                block = blocks.get(i);
                break;
            }
        }
        top = block.getBoundsInParent().getMinY();
    }

    /** {@code now} takes the place of {@code was} in the column (a placeholder's view): it is followed instead. */
    void replaced(Node was, Node now) {
        if (block == was) block = now;
    }

    /**
     * After a layout pass: scrolls by as much as the followed block moved in the column since {@link #take}, as near
     * as the scroll range allows. Does nothing when no block is followed, it left the column, or the column fits in
     * the viewport.
     */
    void keep() {
        if (block == null || block.getParent() != column) return;
        scrollBy(block.getBoundsInParent().getMinY() - top);
    }

    /** Scrolls down by {@code pixels} (up when negative), as far as the scroll range allows; under half a pixel: not. */
    void scrollBy(double pixels) {
        double scrollable = column.getHeight() - pane.getViewportBounds().getHeight();
        if (Math.abs(pixels) < 0.5 || scrollable <= 0) return;
        double fraction = Math.max(0, Math.min(1, (viewportTop() + pixels) / scrollable));
        pane.setVvalue(pane.getVmin() + fraction * (pane.getVmax() - pane.getVmin()));
    }

    /** The block followed (for tests). */
    Node block() {
        return block;
    }

    /** The indexes of the column's blocks in the viewport as last laid out, top down. */
    int[] inViewport() {
        double viewport = pane.getViewportBounds().getHeight();
        double viewportTop = viewportTop();
        List<Node> blocks = column.getChildrenUnmodifiable();
        if (blocks.isEmpty()) return new int[0];
        int first = firstEndingBelow(blocks, viewportTop);
        int end = first;
        while (end < blocks.size() && blocks.get(end).getBoundsInParent().getMinY() < viewportTop + viewport) end++;
        return IntStream.range(first, end).filter(i -> blocks.get(i).getBoundsInParent().getMaxY() > viewportTop)
                .toArray();
    }

    /**
     * The first of {@code blocks} (laid out top down, one below the other) that ends below {@code y}, else the last:
     * a binary search, as a transcript of hundreds of messages asks after every layout pass.
     */
    private static int firstEndingBelow(List<Node> blocks, double y) {
        int low = 0;
        int high = blocks.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (blocks.get(middle).getBoundsInParent().getMaxY() <= y) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /** Where the viewport starts in the column, as the scroll pane shows it now. */
    private double viewportTop() {
        double range = pane.getVmax() - pane.getVmin();
        double fraction = range <= 0 ? 0 : Math.max(0, Math.min(1, (pane.getVvalue() - pane.getVmin()) / range));
        return fraction * Math.max(0, column.getHeight() - pane.getViewportBounds().getHeight());
    }
}
