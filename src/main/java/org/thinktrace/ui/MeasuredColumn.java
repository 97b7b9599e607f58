package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.VBox;

/**
 * A column of blocks (an answer's Markdown blocks, the transcript's messages), top to bottom, laid out as a
 * {@link VBox} of its spacing and padding does (each block as wide as the column, at its preferred height for that
 * width, one below the other), but remembering each block's heights for the last two widths they were measured at. A
 * wrapped text's height is its whole layout, and JavaFX does not keep it for a given width, so without this every
 * layout pass (every frame of a streaming answer, every scroll of the transcript) would lay out the text of every
 * block shown, and of every message of the conversation; with it, a pass measures only the blocks that are new or
 * changed since. A block removed from the column is forgotten. Two
 * widths, because a scroll pane with a vertical scroll bar asks for its content's heights at two widths in every
 * layout pass (without the bar, then without the bar's width) and lays it out at the second. A block's heights are
 * forgotten as soon as anything inside it asks for a new layout (its text, style or children changed), and kept
 * only for blocks measured after they were laid out. A block that awaits its layout (new in this frame) is measured
 * once per width per layout pass: the scroll pane, the message and the column each ask for its heights before the
 * column lays it out, and it does not change between their questions. Those heights are dropped when the column has
 * laid its blocks out, and before each pulse's CSS and layout.
 */
class MeasuredColumn extends VBox {

    /** A block's area heights (its own, bounded by its minimum and maximum) at width {@code width}. */
    private record Heights(double width, double min, double pref) {
    }

    /** A block's heights at the last two widths it was measured at: {@code latest}, and {@code earlier} (or null). */
    private record Remembered(Heights latest, Heights earlier) {

        /** The heights at {@code width}, or null when neither was measured at it. */
        Heights at(double width) {
            if (latest.width() == width) return latest;
            return earlier != null && earlier.width() == width ? earlier : null;
        }

        /** These with {@code heights} the latest, the earliest forgotten. */
        static Remembered with(Remembered known, Heights heights) {
            return new Remembered(heights, known == null ? null : known.latest());
        }
    }

    private final Map<Node, Remembered> measured = new IdentityHashMap<>();
    private final Map<Node, ChangeListener<Boolean>> watching = new IdentityHashMap<>();
    /** Heights of blocks that await their layout, measured in this layout pass (emptied when the pass lays them out). */
    private final Map<Node, Remembered> measuredThisPass = new IdentityHashMap<>();
    private final Runnable newPulse = measuredThisPass::clear;

    MeasuredColumn() {
        sceneProperty().addListener((obs, was, now) -> {
            measuredThisPass.clear();
            if (was != null) was.removePreLayoutPulseListener(newPulse);
            if (now != null) now.addPreLayoutPulseListener(newPulse);
        });
        getChildren().addListener((ListChangeListener<Node>) change -> {
            while (change.next()) {
                for (Node gone : change.getRemoved()) {
                    if (gone.getParent() != this) forget(gone);
                }
            }
        });
    }

    /** How many blocks' heights are remembered (for tests). */
    int rememberedBlocks() {
        return measured.size();
    }

    @Override
    protected double computeMinHeight(double width) {
        return laidOutAsVBox() ? super.computeMinHeight(width) : total(width, true);
    }

    @Override
    protected double computePrefHeight(double width) {
        return laidOutAsVBox() ? super.computePrefHeight(width) : total(width, false);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        if (laidOutAsVBox() || getHeight() < total(width, false)) {
            // Squeezed below its preferred height (never so in the transcript, which scrolls): VBox's own shrinking.
            super.layoutChildren();
            measuredThisPass.clear();
            return;
        }
        double contentWidth = contentWidth(width);
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double spacing = snapSpaceY(getSpacing());
        for (Node block : getManagedChildren()) {
            double blockWidth = blockWidth(block, contentWidth);
            double height = heights(block, contentWidth).pref();
            block.resizeRelocate(x, y, blockWidth, height);
            y += height + spacing;
        }
        measuredThisPass.clear();
    }

    /** Whether VBox lays the column out itself: some block has a margin or grows, which the column does not handle. */
    private boolean laidOutAsVBox() {
        if (!isFillWidth()) return true;
        for (Node block : getManagedChildren()) {
            if (VBox.getMargin(block) != null || VBox.getVgrow(block) != null) return true;
        }
        return false;
    }

    /** The column's minimum or preferred height at {@code width} (−1: none given, each block at its own width). */
    private double total(double width, boolean min) {
        List<Node> blocks = getManagedChildren();
        double contentWidth = contentWidth(width);
        double sum = snappedTopInset() + snappedBottomInset();
        for (Node block : blocks) {
            Heights heights = heights(block, contentWidth);
            sum += min ? heights.min() : heights.pref();
        }
        if (blocks.size() > 1) sum += snapSpaceY(getSpacing()) * (blocks.size() - 1);
        return sum;
    }

    private double contentWidth(double width) {
        return width < 0 ? -1 : Math.max(0, width - snappedLeftInset() - snappedRightInset());
    }

    /** How wide {@code block} is drawn in a column content {@code contentWidth} wide, as VBox with fillWidth does. */
    private double blockWidth(Node block, double contentWidth) {
        return snapSizeX(boundedSize(block.minWidth(-1), contentWidth, block.maxWidth(-1)));
    }

    /** {@code block}'s heights at {@code contentWidth}: remembered, or measured now (and remembered if it is laid out). */
    private Heights heights(Node block, double contentWidth) {
        Remembered known = measured.get(block);
        Heights at = known == null ? null : known.at(contentWidth);
        if (at != null) return at;
        Remembered thisPass = measuredThisPass.get(block);
        at = thisPass == null ? null : thisPass.at(contentWidth);
        if (at != null && ((Parent) block).isNeedsLayout()) return at;
        double alt = -1;
        if (block.isResizable() && block.getContentBias() == Orientation.HORIZONTAL) {
            alt = blockWidth(block, contentWidth < 0 ? block.prefWidth(-1) : contentWidth);
        }
        double min = block.minHeight(alt);
        double pref = block.prefHeight(alt);
        double max = block.maxHeight(alt);
        Heights heights = new Heights(contentWidth, snapSizeY(boundedSize(min, min, max)),
                snapSizeY(boundedSize(min, pref, max)));
        if (block instanceof Parent parent) {
            if (!parent.isNeedsLayout()) remember(parent, heights);
            else if (getScene() != null) measuredThisPass.put(block, Remembered.with(thisPass, heights));
        }
        return heights;
    }

    private void remember(Parent block, Heights heights) {
        measured.put(block, Remembered.with(measured.get(block), heights));
        watching.computeIfAbsent(block, b -> {
            ChangeListener<Boolean> listener = (obs, was, needs) -> {
                if (needs) measured.remove(b);
            };
            block.needsLayoutProperty().addListener(listener);
            return listener;
        });
    }

    private void forget(Node block) {
        measured.remove(block);
        measuredThisPass.remove(block);
        ChangeListener<Boolean> listener = watching.remove(block);
        if (listener != null) ((Parent) block).needsLayoutProperty().removeListener(listener);
    }

    private static double boundedSize(double min, double pref, double max) {
        return Math.min(Math.max(pref, min), Math.max(min, max));
    }
}
