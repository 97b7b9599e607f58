package org.thinktrace.ui;

import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import org.thinktrace.inspect.TraceStep;

/**
 * A slim vertical strip beside the inspected text with one marker per thinking step, placed where the step lies
 * in the text and coloured by the step's tag ({@code tag-restate} … {@code tag-conclude}); steps inside a loop
 * are outlined. Hovering a marker shows the step's first words; clicking it scrolls to the step.
 */
final class OutlineStrip extends Pane {

    static final double WIDTH = 14;

    private final IntConsumer onStep;
    private List<TraceStep> steps = List.of();
    private Set<Integer> looping = Set.of();
    private int textLength = 1;

    /** @param onStep told the index of a clicked step */
    OutlineStrip(IntConsumer onStep) {
        this.onStep = onStep;
        getStyleClass().add("outline-strip");
        setMinWidth(WIDTH);
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);
        heightProperty().addListener((obs, old, h) -> place());
    }

    /** Shows {@code newSteps} of a text {@code length} characters long; {@code inLoops} are the looping steps. */
    void show(List<TraceStep> newSteps, Set<Integer> inLoops, int length) {
        steps = newSteps;
        looping = inLoops;
        textLength = Math.max(1, length);
        getChildren().setAll(newSteps.stream().map(this::marker).toList());
        place();
    }

    private Region marker(TraceStep step) {
        Region marker = new Region();
        marker.getStyleClass().addAll("outline-marker", "tag-" + step.tag().jsonName());
        if (looping.contains(step.index())) marker.getStyleClass().add("in-loop");
        Tooltip.install(marker, new Tooltip(step.tag().jsonName() + ": " + StepWords.firstWords(step.text())));
        marker.setOnMouseClicked(e -> onStep.accept(step.index()));
        return marker;
    }

    private void place() {
        double h = getHeight();
        for (int i = 0; i < steps.size() && i < getChildren().size(); i++) {
            TraceStep step = steps.get(i);
            double top = h * step.chars().from() / textLength;
            double height = Math.max(3, h * step.chars().length() / textLength - 1);
            getChildren().get(i).resizeRelocate(2, Math.min(top, Math.max(0, h - height)), WIDTH - 4, height);
        }
    }

    @Override
    protected void layoutChildren() {
        place();
    }

    /** The markers, in step order (for tests). */
    List<Region> markers() {
        return getChildren().stream().map(Region.class::cast).toList();
    }
}
