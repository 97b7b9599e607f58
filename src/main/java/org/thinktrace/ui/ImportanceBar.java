package org.thinktrace.ui;

import javafx.geometry.Orientation;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import org.thinktrace.chat.StepResampling;

/**
 * One step's importance as a diverging bar from a centre line: up (or right) and {@code importance-towards} when
 * the step moved the model towards its answer, down (or left) and {@code importance-away} when it moved it away;
 * the length is the importance's size (1 fills the half). A step that was not resampled shows only the line.
 */
final class ImportanceBar extends Pane {

    private final Orientation orientation;
    private final Region axis = new Region();
    private final Region bar = new Region();
    private double value;

    /** @param resampling the step's resampling, or null when it was not resampled */
    ImportanceBar(StepResampling resampling, Orientation orientation) {
        this.orientation = orientation;
        getStyleClass().add("importance-bar");
        axis.getStyleClass().add("importance-axis");
        bar.getStyleClass().add("importance-value");
        if (resampling == null || Double.isNaN(resampling.importance())) {
            getStyleClass().add("importance-none");
            getChildren().add(axis);
            return;
        }
        value = Math.max(-1, Math.min(1, resampling.importance()));
        getStyleClass().add(value > 0 ? "importance-towards" : value < 0 ? "importance-away" : "importance-zero");
        getChildren().addAll(axis, bar);
    }

    /** The shown importance, −1 to 1 (0 when not resampled). */
    double value() {
        return value;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (orientation == Orientation.VERTICAL) {
            double half = h / 2;
            double length = Math.abs(value) * half;
            axis.resizeRelocate(0, Math.floor(half), w, 1);
            bar.resizeRelocate(0, value > 0 ? half - length : half, w, length);
        } else {
            double half = w / 2;
            double length = Math.abs(value) * half;
            axis.resizeRelocate(Math.floor(half), 0, 1, h);
            bar.resizeRelocate(value < 0 ? half - length : half, 0, length, h);
        }
    }
}
