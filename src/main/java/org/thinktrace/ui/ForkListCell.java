package org.thinktrace.ui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.inspect.Fork;

/**
 * One row of the inspector's fork list: where the token is, the token and the likeliest other choice (cut to "…"
 * when the panel is narrow), then its probability and entropy, which are always drawn whole.
 */
final class ForkListCell extends ListCell<Fork> {

    private final Label position = new Label();
    private final Label choice = new Label();
    private final Label odds = new Label();
    private final HBox row = new HBox(6, position, choice, odds);

    ForkListCell() {
        position.getStyleClass().add("fork-position");
        position.setMinWidth(Region.USE_PREF_SIZE);
        choice.getStyleClass().add("fork-choice");
        HBox.setHgrow(choice, Priority.ALWAYS);
        choice.setMaxWidth(Double.MAX_VALUE);
        odds.getStyleClass().add("fork-odds");
        odds.setMinWidth(Region.USE_PREF_SIZE);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("fork-row");
        ListCells.fitToList(this);
    }

    /** Shows {@code fork} in this cell's own nodes (made once per cell: a list reuses its cells for other rows). */
    @Override
    protected void updateItem(Fork fork, boolean empty) {
        super.updateItem(fork, empty);
        setText(null);
        if (empty || fork == null) {
            setGraphic(null);
            return;
        }
        position.setText("#" + fork.token());
        choice.setText(choiceText(fork));
        odds.setText(String.format(Locale.ROOT, "p %.2f · entropy %.2f", fork.p(), fork.entropy()));
        setGraphic(row);
    }

    /** {@code "Wait" or "So"}: the token written and the likeliest token it did not write, if any. */
    static String choiceText(Fork fork) {
        String written = InspectorViewModel.quote(fork.text());
        for (TokenAlternative alt : fork.alternatives()) {
            if (!alt.text().equals(fork.text())) return written + " or " + InspectorViewModel.quote(alt.text());
        }
        return written;
    }
}
