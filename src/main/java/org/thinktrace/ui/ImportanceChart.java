package org.thinktrace.ui;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javafx.geometry.Orientation;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.thinktrace.chat.StepResampling;

/**
 * Step importance along the trace: one column per thinking step, in the order of the outline, the step list and
 * the convergence chart, each a diverging {@link ImportanceBar}. Hovering a column shows the step's first words
 * and its shares and answers before and after it; clicking selects it ({@code selected}).
 */
final class ImportanceChart extends HBox {

    static final double HEIGHT = 48;

    private final IntConsumer onSelect;
    private int selected = -1;

    /** @param onSelect told the index of a clicked step */
    ImportanceChart(IntConsumer onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("importance-chart");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
    }

    /**
     * Draws {@code steps} columns; {@code resampling} gives each step's result (null: not resampled) and
     * {@code describe} its tooltip.
     */
    void show(int steps, IntFunction<StepResampling> resampling, IntFunction<String> describe) {
        selected = -1;
        getChildren().clear();
        for (int i = 0; i < steps; i++) {
            int step = i;
            StepResampling result = resampling.apply(step);
            ImportanceBar bar = new ImportanceBar(result, Orientation.VERTICAL);
            HBox.setHgrow(bar, Priority.ALWAYS);
            bar.setMinWidth(2);
            bar.setPrefWidth(12);
            bar.setMaxWidth(Double.MAX_VALUE);
            if (result != null) {
                Tooltip.install(bar, new Tooltip(describe.apply(step)));
                bar.setOnMouseClicked(e -> select(step));
            }
            getChildren().add(bar);
        }
    }

    /** Marks step {@code index}'s column as selected and tells the listener. */
    void select(int index) {
        List<ImportanceBar> bars = bars();
        if (selected >= 0 && selected < bars.size()) bars.get(selected).getStyleClass().remove("selected");
        selected = index;
        if (index >= 0 && index < bars.size()) bars.get(index).getStyleClass().add("selected");
        onSelect.accept(index);
    }

    /** The columns, one per step (for tests). */
    List<ImportanceBar> bars() {
        return getChildren().stream().map(ImportanceBar.class::cast).toList();
    }
}
