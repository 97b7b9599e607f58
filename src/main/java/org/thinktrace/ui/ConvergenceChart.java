package org.thinktrace.ui;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.thinktrace.chat.Convergence;
import org.thinktrace.chat.InterimAnswer;

/**
 * "When did it know?" as a compact strip along the steps: one cell per probed step, {@code interim-same} when
 * the interim answer equals the final one, {@code interim-other} when it does not, {@code interim-none} when
 * no answer could be read; the step where the answer settled is also {@code settled}. Each cell's tooltip names
 * the step and its interim answer.
 */
final class ConvergenceChart extends HBox {

    ConvergenceChart() {
        getStyleClass().add("convergence-chart");
        setMinHeight(18);
        setPrefHeight(18);
    }

    /** Draws {@code convergence}, or nothing when null. */
    void show(Convergence convergence) {
        if (convergence == null) {
            getChildren().clear();
            return;
        }
        getChildren().setAll(convergence.steps().stream().map(s -> cell(s, convergence)).toList());
    }

    private static Region cell(InterimAnswer step, Convergence convergence) {
        Region cell = new Region();
        cell.getStyleClass().add("interim");
        cell.getStyleClass().add(step.answer().isEmpty() ? "interim-none"
                : step.answer().equals(convergence.finalAnswer()) ? "interim-same" : "interim-other");
        if (step.step() == convergence.settledStep()) cell.getStyleClass().add("settled");
        HBox.setHgrow(cell, Priority.ALWAYS);
        cell.setMinWidth(2);
        cell.setPrefWidth(12);
        cell.setMaxWidth(Double.MAX_VALUE);
        Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT, "Step %d: %s%s", step.step() + 1,
                step.answer().isEmpty() ? "no answer" : step.answer(),
                step.step() == convergence.settledStep() ? " (settled here)" : "")));
        return cell;
    }

    /** The drawn cells, one per probed step (for tests). */
    List<Region> cells() {
        return getChildren().stream().map(Region.class::cast).toList();
    }
}
