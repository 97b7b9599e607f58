package org.thinktrace.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.thinktrace.chat.TextSearch;

/** The left column: search, "New chat", the conversations (rename and delete from the context menu), undo. */
final class ConversationListView extends VBox {

    private final TextField search = new TextField();
    private final ListView<ConversationItem> list = new ListView<>();

    /**
     * @param newConversation what "New" does: opens a new conversation and puts the focus where to type
     * @param dialogs         asks where to write an export
     */
    ConversationListView(MainViewModel main, Runnable newConversation, FileDialogs dialogs) {
        getStyleClass().add("conversation-list");
        ConversationListViewModel vm = main.conversations();

        search.setPromptText("Search");
        search.setTooltip(new Tooltip("Search the conversations (Ctrl+Shift+F, or Ctrl+F in an empty chat); Esc clears"));
        search.getStyleClass().add("conversation-search");
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });
        Button newChat = new Button("New");
        newChat.getStyleClass().addAll("new-chat", "accent");
        newChat.setOnAction(e -> newConversation.run());
        newChat.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(search, newChat);
        top.getStyleClass().add("conversation-list-top");
        top.setAlignment(Pos.CENTER_LEFT);

        list.setItems(vm.shown());
        list.setCellFactory(v -> new ConversationCell(main, vm, dialogs));
        Label placeholder = new Label();
        placeholder.getStyleClass().add("conversation-list-placeholder");
        placeholder.textProperty().bind(Bindings.when(main.loadingConversationsProperty())
                .then("Loading conversations…")
                .otherwise(Bindings.when(vm.searchTextProperty().isEmpty())
                        .then("No conversations").otherwise("No matches")));
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item != vm.selectedProperty().get()) main.openConversation(item.id());
        });
        vm.selectedProperty().addListener((obs, old, item) -> selectInList(item));
        // A search hides the open conversation's row and the list forgets it; select it again when it comes back.
        vm.shown().addListener((ListChangeListener<ConversationItem>) c -> selectInList(vm.selectedProperty().get()));
        selectInList(vm.selectedProperty().get());

        getChildren().addAll(top, list, undoBar(main));
    }

    private void selectInList(ConversationItem item) {
        if (item == null || !list.getItems().contains(item)) list.getSelectionModel().clearSelection();
        else if (list.getSelectionModel().getSelectedItem() != item) list.getSelectionModel().select(item);
    }

    private static HBox undoBar(MainViewModel main) {
        Label message = new Label();
        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> main.lastDeletedProperty().get() == null ? "" : "Deleted “" + main.lastDeletedProperty().get().title() + "”",
                main.lastDeletedProperty()));
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button undo = AssistantMessageView.action("Undo", "undo-delete", main::undoDelete);
        Button dismiss = AssistantMessageView.action("✕", "dismiss-undo", main::dismissUndo);
        HBox bar = new HBox(message, undo, dismiss);
        bar.getStyleClass().add("undo-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(main.lastDeletedProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Moves the keyboard focus to the search field (Ctrl+F). */
    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** A conversation's title with its menu (rename, export as Markdown or JSON, delete) and, while searching, where it matched. */
    private static final class ConversationCell extends ListCell<ConversationItem> {
        /** The whole title, for titles cut with an ellipsis; one per cell, like its menu. */
        private final Tooltip fullTitle = new Tooltip();
        private final ConversationListViewModel vm;
        private final FileDialogs dialogs;
        private final TextFlow snippet = new TextFlow();
        private final Label titleWithSnippet = new Label();
        private final VBox withSnippet = new VBox(1);

        ConversationCell(MainViewModel main, ConversationListViewModel vm, FileDialogs dialogs) {
            this.vm = vm;
            this.dialogs = dialogs;
            snippet.getStyleClass().add("search-snippet");
            // wraps inside the cell: the cell asks for no width of its own (see below), the snippet takes the cell's
            snippet.prefWidthProperty().bind(widthProperty().subtract(snappedLeftInset() + snappedRightInset() + 4));
            snippet.maxWidthProperty().bind(snippet.prefWidthProperty());
            // a text flow asked for its height without a width measures one line: ask for the height at its width
            snippet.minHeightProperty().bind(Bindings.createDoubleBinding(
                    () -> snippet.prefHeight(snippet.getPrefWidth()), snippet.prefWidthProperty(), snippet.getChildren()));
            titleWithSnippet.getStyleClass().add("search-title");
            titleWithSnippet.setTextOverrun(OverrunStyle.ELLIPSIS);
            titleWithSnippet.maxWidthProperty().bind(snippet.prefWidthProperty());
            withSnippet.getChildren().setAll(titleWithSnippet, snippet);
            vm.searchTextProperty().addListener((obs, old, text) -> showSnippet());
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> {
                ConversationItem item = getItem();
                TextInputDialog dialog = new TextInputDialog(item.title());
                dialog.setTitle("Rename conversation");
                dialog.setHeaderText(null);
                dialog.setContentText("Title:");
                dialog.initOwner(getScene().getWindow());
                dialog.showAndWait().ifPresent(title -> main.renameConversation(item.id(), title));
            });
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(e -> main.deleteConversation(getItem().id()));
            MenuItem markdown = new MenuItem("Export as Markdown…");
            markdown.setOnAction(e -> export(main, MainViewModel.ExportFormat.MARKDOWN, "Markdown"));
            MenuItem json = new MenuItem("Export as JSON…");
            json.setOnAction(e -> export(main, MainViewModel.ExportFormat.JSON, "JSON with the full trace"));
            ContextMenu menu = new ContextMenu(rename, markdown, json, new SeparatorMenuItem(), delete);
            emptyProperty().addListener((obs, was, empty) -> setContextMenu(empty ? null : menu));
            // a cell asks for no width of its own, so the list fits its column and a long title is cut
            // with an ellipsis (shown whole in the tooltip) instead of widening the list into a scroll bar
            setPrefWidth(0);
            setTextOverrun(OverrunStyle.ELLIPSIS);
        }

        /** Asks where to write the export (the save dialog), then has the view-model write it in the background. */
        private void export(MainViewModel main, MainViewModel.ExportFormat format, String description) {
            ConversationItem item = getItem();
            dialogs.saveFile(getScene().getWindow(), new FileDialogs.SaveRequest(
                            "Export “" + item.title() + "” as " + description, main.exportFileName(item.id(), format),
                            description, format.extension()))
                    .ifPresent(target -> main.exportConversation(item.id(), format, target));
        }

        @Override
        protected void updateItem(ConversationItem item, boolean empty) {
            super.updateItem(item, empty);
            boolean none = empty || item == null;
            setText(none ? null : CombiningMarks.capped(item.title()));
            if (!none) fullTitle.setText(CombiningMarks.capped(item.title()));
            setTooltip(none ? null : fullTitle);
            showSnippet();
        }

        /** "…a few words **match** a few words…" under the title while a search finds the text in a message. */
        private void showSnippet() {
            Optional<TextSearch.Snippet> found = isEmpty() ? Optional.empty() : vm.snippetOf(getItem());
            getStyleClass().remove("with-snippet");
            if (found.isEmpty()) {
                setGraphic(null);
                setText(isEmpty() || getItem() == null ? null : CombiningMarks.capped(getItem().title()));
                return;
            }
            TextSearch.Snippet s = found.get();
            Text before = new Text((s.cutBefore() ? "…" : "") + CombiningMarks.capped(s.before()));
            Text match = new Text(CombiningMarks.capped(s.match()));
            match.getStyleClass().add("search-snippet-match");
            Text after = new Text(CombiningMarks.capped(s.after()) + (s.cutAfter() ? "…" : ""));
            before.getStyleClass().add("search-snippet-text");
            after.getStyleClass().add("search-snippet-text");
            snippet.getChildren().setAll(before, match, after);
            snippet.setAccessibleText(s.toString());
            titleWithSnippet.setText(CombiningMarks.capped(getItem().title()));
            setText(null);
            setGraphic(withSnippet);
            getStyleClass().add("with-snippet");
        }
    }
}
