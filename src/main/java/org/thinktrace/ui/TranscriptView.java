package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The open conversation's messages, one view per message view-model (kept while the model stays in the
 * list, so a streaming response is never rebuilt). Follows the end while the user is at the bottom.
 */
final class TranscriptView extends ScrollPane {

    private final VBox messages = new VBox();
    private final MainViewModel main;
    private final MarkdownRenderer markdown = new MarkdownRenderer(Clipboards::copy);
    private Map<MessageViewModel, Node> views = new IdentityHashMap<>();
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
        main.transcript().addListener((ListChangeListener<MessageViewModel>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        Map<MessageViewModel, Node> kept = new IdentityHashMap<>();
        for (MessageViewModel vm : main.transcript()) {
            Node view = views.get(vm);
            kept.put(vm, view != null ? view : create(vm));
        }
        views = kept;
        messages.getChildren().setAll(main.transcript().stream().map(kept::get).toList());
        followEnd = true;
        setVvalue(getVmax());
    }

    private Node create(MessageViewModel vm) {
        return switch (vm) {
            case UserMessageViewModel u -> new UserMessageView(u, main);
            case AssistantMessageViewModel a -> new AssistantMessageView(a, main, markdown);
        };
    }
}
