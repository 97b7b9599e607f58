package org.thinktrace.ui;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.thinktrace.inspect.TraceTokens;

/**
 * What the confidence heat's shades mean, shown while the heat is on: the {@link HeatScale}'s seven shades from the
 * first shaded probability down, and how many of the shown response's tokens are shaded at all (a model sure of every
 * token leaves its text unshaded, which otherwise looks like the heat is off).
 */
final class HeatLegend extends VBox {

    private final Label summary = new Label();

    HeatLegend() {
        super(2);
        getStyleClass().add("heat-legend");
        HBox swatches = new HBox(1);
        swatches.setAlignment(Pos.CENTER_LEFT);
        for (int bin = 1; bin < HeatScale.BINS; bin++) {
            Region swatch = new Region();
            swatch.getStyleClass().add("heat-swatch");
            swatch.setBackground(new Background(new BackgroundFill(HeatScale.background(bin), new CornerRadii(2),
                    Insets.EMPTY)));
            swatch.setMinSize(14, 10);
            swatch.setPrefSize(14, 10);
            Tooltip.install(swatch, new Tooltip(range(bin)));
            swatches.getChildren().add(swatch);
        }
        // a gradient's ends: "Heat  p < 0.90 [seven shades] < 0.01"
        Label most = new Label(String.format(Locale.ROOT, "Heat  p < %.2f", probabilityAt(HeatScale.BOUNDS[0])));
        Label least = new Label(String.format(Locale.ROOT, "< %.2f",
                probabilityAt(HeatScale.BOUNDS[HeatScale.BOUNDS.length - 1])));
        for (Label l : new Label[] {most, least}) l.getStyleClass().add("heat-legend-text");
        FlowPane scale = new FlowPane(6, 2, most, swatches, least);
        scale.setAlignment(Pos.CENTER_LEFT);
        summary.getStyleClass().addAll("heat-legend-text", "heat-summary");
        summary.setWrapText(true);
        getChildren().addAll(scale, summary);
    }

    /** Says how many of {@code tokens} are shaded; empty while a response streams (its tokens are not stored yet). */
    void show(TraceTokens tokens) {
        summary.setText(tokens == null ? "" : summaryOf(tokens));
        summary.setVisible(!summary.getText().isEmpty());
        summary.setManaged(summary.isVisible());
    }

    /** "12 of 262 tokens are shaded (p below 0.90).", "1 of 262 tokens is shaded (…)." or that none is. */
    static String summaryOf(TraceTokens tokens) {
        int shaded = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (HeatScale.bin(tokens.get(i).p()) > 0) shaded++;
        }
        double first = probabilityAt(HeatScale.BOUNDS[0]);
        if (shaded == 0) {
            return String.format(Locale.ROOT, "No token is shaded: the model gave every one of the %d tokens p ≥ %.2f.",
                    tokens.size(), first);
        }
        return String.format(Locale.ROOT, "%d of %d tokens %s shaded (p below %.2f).", shaded, tokens.size(),
                shaded == 1 ? "is" : "are", first);
    }

    /** "p 0.74 to 0.90" for a bin's shade. */
    private static String range(int bin) {
        double upper = probabilityAt(HeatScale.BOUNDS[bin - 1]);
        return bin == HeatScale.BINS - 1
                ? String.format(Locale.ROOT, "p below %.2f", upper)
                : String.format(Locale.ROOT, "p %.2f to %.2f", probabilityAt(HeatScale.BOUNDS[bin]), upper);
    }

    /** The probability whose surprisal is {@code nats}. */
    private static double probabilityAt(double nats) {
        return Math.exp(-nats);
    }
}
