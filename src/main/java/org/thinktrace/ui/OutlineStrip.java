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
 *
 * <p>A streaming trace is shown again a few times a second, so showing costs only the markers that change: the
 * markers are kept and restyled, new ones are plain regions, and the one tooltip they share gets its text when
 * the pointer enters a marker.
 */
final class OutlineStrip extends Pane {

    static final double WIDTH = 14;

    private final IntConsumer onStep;
    private final Tooltip tip = new Tooltip();
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
        int kept = Math.min(getChildren().size(), newSteps.size());
        if (getChildren().size() > kept) getChildren().remove(kept, getChildren().size());
        for (int i = 0; i < kept; i++) style((Region) getChildren().get(i), i);
        List<Region> added = new java.util.ArrayList<>(newSteps.size() - kept);
        for (int i = kept; i < newSteps.size(); i++) added.add(marker(i));
        getChildren().addAll(added);
        place();
    }

    private Region marker(int position) {
        Region marker = new Region();
        style(marker, position);
        Tooltip.install(marker, tip);
        marker.setOnMouseEntered(e -> tip.setText(describe(getChildren().indexOf(marker))));
        marker.setOnMouseClicked(e -> {
            int at = getChildren().indexOf(marker);
            if (at >= 0 && at < steps.size()) onStep.accept(steps.get(at).index());
        });
        return marker;
    }

    /** Gives {@code marker} the style classes of the step at {@code position} (only when they change). */
    private void style(Region marker, int position) {
        TraceStep step = steps.get(position);
        List<String> classes = looping.contains(step.index())
                ? List.of("outline-marker", "tag-" + step.tag().jsonName(), "in-loop")
                : List.of("outline-marker", "tag-" + step.tag().jsonName());
        if (!marker.getStyleClass().equals(classes)) marker.getStyleClass().setAll(classes);
    }

    private String describe(int position) {
        if (position < 0 || position >= steps.size()) return "";
        TraceStep step = steps.get(position);
        return step.tag().jsonName() + ": " + StepWords.firstWords(step.text());
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
