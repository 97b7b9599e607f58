package org.thinktrace.ui;

import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.thinktrace.chat.StepResampling;
import org.thinktrace.inspect.TraceStep;

/**
 * One row of the inspector's step list: the tag, the step's first words, its mean surprisal, a loop flag, and its
 * importance bar once step importance was run.
 */
final class StepListCell extends ListCell<TraceStep> {

    private final Supplier<Set<Integer>> looping;
    private final IntFunction<StepResampling> importance;
    private final Label tag = new Label();
    private final Label words = new Label();
    private final Label surprisal = new Label();
    private final HBox row = new HBox(6, tag, words, surprisal);
    private String tagClass;
    private ImportanceBar bar;

    /** @param importance the resampling of a step, or null when it has none */
    StepListCell(Supplier<Set<Integer>> looping, IntFunction<StepResampling> importance) {
        this.looping = looping;
        this.importance = importance;
        tag.getStyleClass().add("step-tag");
        tag.setMinWidth(Region.USE_PREF_SIZE);
        words.getStyleClass().add("step-words");
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        surprisal.getStyleClass().add("step-surprisal");
        surprisal.setMinWidth(Region.USE_PREF_SIZE);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("step-row");
        ListCells.fitToList(this);
    }

    /** Shows {@code step} in this cell's own nodes (made once per cell: a list reuses its cells for other rows). */
    @Override
    protected void updateItem(TraceStep step, boolean empty) {
        super.updateItem(step, empty);
        setText(null);
        if (empty || step == null) {
            setGraphic(null);
            return;
        }
        String name = step.tag().jsonName();
        tag.setText(name);
        if (!("tag-" + name).equals(tagClass)) {
            if (tagClass != null) tag.getStyleClass().remove(tagClass);
            tagClass = "tag-" + name;
            tag.getStyleClass().add(tagClass);
        }
        words.setText((looping.get().contains(step.index()) ? "↻ " : "") + StepWords.firstWords(step.text()));
        surprisal.setText(Double.isNaN(step.surprisalMean()) ? ""
                : String.format(Locale.ROOT, "%.2f nats", step.surprisalMean()));
        if (bar != null) row.getChildren().remove(bar);
        bar = null;
        StepResampling resampled = importance.apply(step.index());
        if (resampled != null) {
            bar = new ImportanceBar(resampled, Orientation.HORIZONTAL);
            bar.setMinSize(40, 10);
            bar.setPrefSize(40, 10);
            bar.setMaxSize(40, 10);
            row.getChildren().add(bar);
        }
        setGraphic(row);
    }
}
