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
import org.thinktrace.chat.StepResampling;
import org.thinktrace.inspect.TraceStep;

/**
 * One row of the inspector's step list: the tag, the step's first words, its mean surprisal, a loop flag, and its
 * importance bar once step importance was run.
 */
final class StepListCell extends ListCell<TraceStep> {

    private final Supplier<Set<Integer>> looping;
    private final IntFunction<StepResampling> importance;

    /** @param importance the resampling of a step, or null when it has none */
    StepListCell(Supplier<Set<Integer>> looping, IntFunction<StepResampling> importance) {
        this.looping = looping;
        this.importance = importance;
    }

    @Override
    protected void updateItem(TraceStep step, boolean empty) {
        super.updateItem(step, empty);
        if (empty || step == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        Label tag = new Label(step.tag().jsonName());
        tag.getStyleClass().addAll("step-tag", "tag-" + step.tag().jsonName());
        Label words = new Label((looping.get().contains(step.index()) ? "↻ " : "") + StepWords.firstWords(step.text()));
        words.getStyleClass().add("step-words");
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        Label surprisal = new Label(Double.isNaN(step.surprisalMean()) ? ""
                : String.format(Locale.ROOT, "%.2f nats", step.surprisalMean()));
        surprisal.getStyleClass().add("step-surprisal");
        HBox row = new HBox(6, tag, words, surprisal);
        StepResampling resampled = importance.apply(step.index());
        if (resampled != null) {
            ImportanceBar bar = new ImportanceBar(resampled, Orientation.HORIZONTAL);
            bar.setMinSize(40, 10);
            bar.setPrefSize(40, 10);
            bar.setMaxSize(40, 10);
            row.getChildren().add(bar);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("step-row");
        setText(null);
        setGraphic(row);
    }
}
