package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The open conversation's messages, one view per message view-model, kept while the view-model stays in the
 * list: a send or regenerate adds or replaces only the views of what changed. Follows the end while the user is
 * at the bottom.
 */
final class TranscriptView extends ScrollPane {

    private final VBox messages = new VBox();
    private final MainViewModel main;
    private final MarkdownRenderer markdown = new MarkdownRenderer(Clipboards::copy);
    private final Map<MessageViewModel, Node> views = new IdentityHashMap<>();
    private boolean followEnd = true;

    TranscriptView(MainViewModel main) {
        this.main = main;
        getStyleClass().addAll("transcript", "edge-to-edge");
        messages.getStyleClass().add("transcript-messages");
        setContent(messages);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        vvalueProperty().addListener((obs, old, value) -> followEnd = value.doubleValue() >= getVmax() - 0.01);
        messages.heightProperty().addListener((obs, old, height) -> {
            if (followEnd) setVvalue(getVmax());
        });
        main.transcript().addListener((ListChangeListener<MessageViewModel>) this::apply);
        messages.getChildren().setAll(main.transcript().stream().map(this::viewOf).toList());
    }

    /** Adds and removes only the views of the messages that came and went; the others stay as they are. */
    private void apply(ListChangeListener.Change<? extends MessageViewModel> change) {
        while (change.next()) {
            if (change.wasPermutated()) {
                messages.getChildren().setAll(main.transcript().stream().map(this::viewOf).toList());
                continue;
            }
            if (change.wasRemoved()) {
                messages.getChildren().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                change.getRemoved().forEach(views::remove);
            }
            if (change.wasAdded()) {
                messages.getChildren().addAll(change.getFrom(),
                        change.getAddedSubList().stream().map(this::viewOf).toList());
            }
        }
        followEnd = true;
        setVvalue(getVmax());
    }

    /** The view of {@code vm}, made on first use and kept while the message is in the transcript. */
    Node viewOf(MessageViewModel vm) {
        return views.computeIfAbsent(vm, this::create);
    }

    private Node create(MessageViewModel vm) {
        return switch (vm) {
            case UserMessageViewModel u -> new UserMessageView(u, main);
            case AssistantMessageViewModel a -> new AssistantMessageView(a, main, markdown);
        };
    }
}
