package org.thinktrace.ui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.thinktrace.generate.TokenAlternative;

/**
 * One alternative of the focused token in the inspector: the token (cut to "…" first when room is short), its
 * probability, and the button that branches with it. The probability and the button are always drawn whole: where
 * "Continue with this instead" does not fit beside them, the button says "Continue" (its tooltip and accessible text
 * keep the whole action).
 */
final class AlternativeRow extends HBox {

    static final String LONG_TEXT = "Continue with this instead";
    static final String SHORT_TEXT = "Continue";
    /** Room kept for the token beside the long button text before the short one is taken. */
    private static final double TOKEN_ROOM = 48;

    private final Label choice;
    private final Label probability;
    private final Button go;
    private double longButtonWidth = -1;

    /**
     * @param alt    the alternative shown
     * @param go     its branch button (made by the caller, which owns its action and state)
     * @param holder what holds the button in the row (the button itself, or a holder carrying its tooltip)
     */
    AlternativeRow(TokenAlternative alt, Button go, Region holder) {
        super(6);
        this.go = go;
        choice = new Label(InspectorViewModel.quote(alt.text()));
        choice.getStyleClass().add("alternative-text");
        choice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(choice, Priority.ALWAYS);
        probability = new Label(String.format(Locale.ROOT, "%.3f", alt.probability()));
        probability.getStyleClass().add("alternative-probability");
        probability.setMinWidth(Region.USE_PREF_SIZE);
        go.setText(LONG_TEXT);
        go.setAccessibleText(LONG_TEXT);
        go.setMinWidth(Region.USE_PREF_SIZE);
        holder.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(choice, probability, holder);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("alternative-row");
    }

    @Override
    protected void layoutChildren() {
        String fitting = getWidth() >= widthForLongText() ? LONG_TEXT : SHORT_TEXT;
        if (!fitting.equals(go.getText())) go.setText(fitting);
        super.layoutChildren();
    }

    /** The row's width with the long button text, the probability and {@link #TOKEN_ROOM} for the token. */
    private double widthForLongText() {
        // measured while the button shows the long text (kept for when it shows the short one)
        if (LONG_TEXT.equals(go.getText()) && go.getSkin() != null) longButtonWidth = go.prefWidth(-1);
        double button = longButtonWidth >= 0 ? longButtonWidth : go.prefWidth(-1);
        return snappedLeftInset() + snappedRightInset() + 2 * getSpacing()
                + Math.min(TOKEN_ROOM, choice.prefWidth(-1)) + probability.prefWidth(-1) + button;
    }
}
