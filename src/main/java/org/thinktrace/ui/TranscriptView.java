package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The open conversation's messages, one view per message view-model, kept while the view-model stays in the
 * list: a send or regenerate adds or replaces only the views of what changed. Follows the end while the user is
 * at the bottom.
 */
final class TranscriptView extends ScrollPane {

    /** The message views; each one's height is measured again only when it changed (a long conversation streams). */
    private final MeasuredColumn messages = new MeasuredColumn();
    private final MainViewModel main;
    private final ViewportJumps jumps;
    private final MarkdownRenderer markdown;
    private final Map<MessageViewModel, Node> views = new IdentityHashMap<>();
    private boolean followEnd = true;
    /**
     * The messages' height as last seen: a scroll position set while it changes is the skin keeping the view where it
     * was on a resized content (the top, when the content first outgrows the viewport), not the user's scroll.
     */
    private double knownHeight;
    private AnimationTimer revealing;
    /** How many frames a find match may take to be laid out before its response is shown instead. */
    static final int REVEAL_FRAMES = 30;

    /**
     * @param jumps    told when the transcript jumps (scrolls by more than its height)
     * @param openLink opens the address of a web link clicked in an answer
     */
    TranscriptView(MainViewModel main, ViewportJumps jumps, java.util.function.Consumer<String> openLink) {
        this.markdown = new MarkdownRenderer(Clipboards::copy, openLink);
        this.main = main;
        this.jumps = jumps;
        getStyleClass().addAll("transcript", "edge-to-edge");
        messages.getStyleClass().add("transcript-messages");
        setContent(messages);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        vvalueProperty().addListener((obs, old, value) -> {
            if (messages.getHeight() != knownHeight) return;
            followEnd = value.doubleValue() >= getVmax() - 0.01;
            double viewport = getViewportBounds().getHeight();
            double span = getVmax() - getVmin();
            double scrollable = Math.max(0, messages.getHeight() - viewport);
            if (span > 0) jumps.moved((value.doubleValue() - old.doubleValue()) / span * scrollable, viewport);
        });
        messages.heightProperty().addListener((obs, old, height) -> {
            knownHeight = height.doubleValue();
            if (followEnd) setVvalue(getVmax());
        });
        main.transcript().addListener((ListChangeListener<MessageViewModel>) this::apply);
        messages.getChildren().setAll(main.transcript().stream().map(this::viewOf).toList());
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
        showMatches();
    }

    /** The view of {@code vm}, made on first use and kept while the message is in the transcript. */
    Node viewOf(MessageViewModel vm) {
        return views.computeIfAbsent(vm, this::create);
    }

    private Node create(MessageViewModel vm) {
        return switch (vm) {
            case UserMessageViewModel u -> new UserMessageView(u, main);
            case AssistantMessageViewModel a -> new AssistantMessageView(a, main, markdown, jumps);
        };
    }
}
