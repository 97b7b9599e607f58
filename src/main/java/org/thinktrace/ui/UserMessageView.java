package org.thinktrace.ui;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One user message in the transcript, with edit-and-resend, copy and delete. A long message (a pasted file) shows
 * its beginning and "Show all · N lines" until the reader expands it ({@link LongMessage}).
 */
final class UserMessageView extends VBox {

    private final BooleanProperty expanded = new SimpleBooleanProperty();

    UserMessageView(UserMessageViewModel vm, MainViewModel main) {
        getStyleClass().add("user-message");
        setAlignment(Pos.CENTER_RIGHT);
        Label text = new Label();
        text.getStyleClass().add("user-bubble");
        text.setWrapText(true);

        Button edit = AssistantMessageView.action("Edit", "edit-message", () -> main.beginEdit(vm.id()));
        edit.disableProperty().bind(main.stateProperty().isEqualTo(AppState.GENERATING));
        Button copy = AssistantMessageView.action("Copy", "copy-message", () -> Clipboards.copy(vm.text()));
        Button delete = AssistantMessageView.action("Delete", "delete-message", () -> main.deleteMessage(vm.id()));
        delete.disableProperty().bind(main.stateProperty().isEqualTo(AppState.GENERATING));
        HBox actions = new HBox(edit, copy, delete);
        actions.getStyleClass().add("message-actions");
        actions.setAlignment(Pos.CENTER_RIGHT);

        if (!LongMessage.isLong(vm.text())) {
            text.setText(CombiningMarks.capped(vm.text()));
            getChildren().addAll(text, actions);
            return;
        }
        int lines = LongMessage.lines(vm.text());
        String all = String.format(Locale.ROOT, "Show all · %,d %s", lines, lines == 1 ? "line" : "lines");
        Button toggle = AssistantMessageView.action(all, "show-all-message", () -> expanded.set(!expanded.get()));
        actions.getChildren().addFirst(toggle);
        Label cut = new Label(String.format(Locale.ROOT, "Showing the first %,d of %,d characters; Copy and Edit take"
                + " the whole message.", LongMessage.MOST_SHOWN_CHARS, vm.text().length()));
        cut.getStyleClass().add("message-cut-note");
        cut.setWrapText(true);
        String beginning = CombiningMarks.capped(LongMessage.beginning(vm.text())) + " …";
        Runnable show = () -> {
            boolean whole = expanded.get();
            text.setText(whole ? CombiningMarks.capped(LongMessage.expanded(vm.text())) : beginning);
            toggle.setText(whole ? "Show less" : all);
            boolean isCut = whole && vm.text().length() > LongMessage.MOST_SHOWN_CHARS;
            cut.setVisible(isCut);
            cut.setManaged(isCut);
        };
        expanded.addListener((obs, was, now) -> show.run());
        show.run();
        getChildren().addAll(text, cut, actions);
    }

    /** Whether a long message shows all of it (for tests). */
    boolean expanded() {
        return expanded.get();
    }
}
