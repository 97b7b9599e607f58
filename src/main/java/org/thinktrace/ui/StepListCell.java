package org.thinktrace.ui;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.thinktrace.inspect.TraceStep;

/** One row of the inspector's step list: the tag, the step's first words, its mean surprisal and a loop flag. */
final class StepListCell extends ListCell<TraceStep> {

    private static final int FIRST_WORDS = 8;

    private final Supplier<Set<Integer>> looping;

    StepListCell(Supplier<Set<Integer>> looping) {
        this.looping = looping;
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
        Label words = new Label((looping.get().contains(step.index()) ? "↻ " : "") + firstWords(step.text()));
        words.getStyleClass().add("step-words");
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        Label surprisal = new Label(Double.isNaN(step.surprisalMean()) ? ""
                : String.format(Locale.ROOT, "%.2f nats", step.surprisalMean()));
        surprisal.getStyleClass().add("step-surprisal");
        HBox row = new HBox(6, tag, words, surprisal);
        row.getStyleClass().add("step-row");
        setText(null);
        setGraphic(row);
    }

    /** The first words of a step's text, on one line, with "…" when cut. */
    static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length <= FIRST_WORDS) return String.join(" ", words);
        return String.join(" ", java.util.Arrays.copyOf(words, FIRST_WORDS)) + " …";
    }
}
