package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
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
    private AnimationTimer revealing;
    /** How many frames a find match may take to be laid out before its response is shown instead. */
    static final int REVEAL_FRAMES = 30;

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
        FindViewModel find = main.find();
        find.matches().addListener((ListChangeListener<FindViewModel.Match>) change -> showMatches());
        find.currentMatchProperty().addListener((obs, old, match) -> {
            showMatches();
            reveal(match);
        });
    }

    /** Highlights the find matches in every response shown (none while the find bar is closed). */
    private void showMatches() {
        FindViewModel find = main.find();
        String query = find.queryProperty().get();
        FindViewModel.Match current = find.currentMatchProperty().get();
        for (Map.Entry<MessageViewModel, Node> e : views.entrySet()) {
            if (e.getValue() instanceof AssistantMessageView view) {
                view.showMatches(e.getKey().id(), query, find.matches(), current);
            }
        }
    }

    /**
     * Scrolls {@code match} into view once it is laid out (a thinking pane just opened for it takes a frame or two
     * to reach its height): tries on each frame for at most {@link #REVEAL_FRAMES} frames, then shows its response.
     */
    private void reveal(FindViewModel.Match match) {
        if (revealing != null) revealing.stop();
        if (match == null) return;
        Node view = viewOf(match.messageId());
        if (!(view instanceof AssistantMessageView response)) return;
        revealing = new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                Optional<Bounds> bounds = response.sceneBoundsOf(match);
                if (bounds.isPresent() || ++frames >= REVEAL_FRAMES) {
                    stop();
                    scrollToShow(bounds.orElseGet(() -> response.localToScene(response.getBoundsInLocal())));
                }
            }
        };
        revealing.start();
    }

    private Node viewOf(String messageId) {
        for (Map.Entry<MessageViewModel, Node> e : views.entrySet()) {
            if (e.getKey().id().equals(messageId)) return e.getValue();
        }
        return null;
    }

    /** Scrolls so that {@code sceneBounds} lies in the viewport, a third of the way down, unless it already does. */
    private void scrollToShow(Bounds sceneBounds) {
        Bounds inContent = messages.sceneToLocal(sceneBounds);
        double content = messages.getHeight();
        double viewport = getViewportBounds().getHeight();
        if (inContent == null || content <= viewport) return;
        double top = getVvalue() * (content - viewport);
        if (inContent.getMinY() >= top && inContent.getMaxY() <= top + viewport) return;
        double target = inContent.getMinY() - viewport / 3;
        setVvalue(Math.max(0, Math.min(1, target / (content - viewport))));
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
        showMatches();
    }

    private Node create(MessageViewModel vm) {
        return switch (vm) {
            case UserMessageViewModel u -> new UserMessageView(u, main);
            case AssistantMessageViewModel a -> new AssistantMessageView(a, main, markdown);
        };
    }
}
