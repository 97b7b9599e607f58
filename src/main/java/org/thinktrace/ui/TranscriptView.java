package org.thinktrace.ui;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * The open conversation's messages, one view per message view-model, kept while the view-model stays in the
 * list: a send or regenerate adds or replaces only the views of what changed. Follows the end while the reader is
 * within its last {@link #END_SLACK} pixels; elsewhere keeps what they see in place as messages above change height
 * ({@link ScrollAnchor}), and after a control in a message resized it (a thinking pane, a long message opened or
 * closed; not the response being generated, whose end is followed) keeps the message's top when it grew and the
 * control when it shrank. A delete keeps the reader's place.
 *
 * <p>Many messages arriving at once (a long conversation opened) get views for the last {@link #BUILT_AT_ONCE} at
 * once; the others stand as placeholders of a typical message's height and are built those in the viewport first,
 * then from the end backwards, as many a frame as {@link BackfillPace} allows, so that opening a conversation of
 * hundreds of messages does not hold the FX thread for seconds. A placeholder that a find match needs is built at
 * once.
 *
 * <p>A message whose view cannot be built (a defect) is shown as a one-line error, logged with its cause; the
 * others are shown.
 */
final class TranscriptView extends ScrollPane {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TranscriptView.class);

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
    /** The find match to scroll into view after the next layout passes (null: none). */
    private Revealing revealing;
    /** A find match made current before its message had a view or placeholder here: revealed once it has. */
    private FindViewModel.Match awaitingView;
    /** Builds the views of placeholders, the last first, a few a frame (running while there are any). */
    private final AnimationTimer backfill = new AnimationTimer() {
        @Override
        public void handle(long now) {
            buildPlaceholders();
        }
    };
    /** Keeps a reader who scrolled up seeing what they saw while messages above change height. */
    private final ScrollAnchor anchor = new ScrollAnchor(this, messages, node -> !(node instanceof Placeholder));
    /** Whether the scroll position is being set to keep {@link #anchor} in place (not the user's scroll). */
    private boolean keepingPlace;
    private final Runnable laidOut = this::afterLayout;
    /** A control in a message used since the last layout pass (a toggle may resize its message), or null. */
    private Acted acted;
    /** How near the end (in pixels) the reader counts as at the end, followed as it grows. */
    static final double END_SLACK = 4;
    /** Views built at once when many messages arrive together (the end of the conversation, shown first). */
    static final int BUILT_AT_ONCE = 6;
    /** A placeholder's height: about a question's or a short answer's. */
    private static final double PLACEHOLDER_HEIGHT = 160;
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
            if (messages.getHeight() != knownHeight || keepingPlace) return;
            followEnd = atEnd();
            double viewport = getViewportBounds().getHeight();
            double span = getVmax() - getVmin();
            double scrollable = Math.max(0, messages.getHeight() - viewport);
            if (span > 0) jumps.moved((value.doubleValue() - old.doubleValue()) / span * scrollable, viewport);
        });
        messages.heightProperty().addListener((obs, old, height) -> {
            knownHeight = height.doubleValue();
            if (followEnd && acted == null) setVvalue(getVmax());
        });
        messages.addEventFilter(ActionEvent.ACTION, e -> {
            if (e.getTarget() instanceof Node control) used(control);
        });
        sceneProperty().addListener((obs, was, now) -> {
            if (was != null) was.removePostLayoutPulseListener(laidOut);
            if (now != null) now.addPostLayoutPulseListener(laidOut);
        });
        main.transcript().addListener((ListChangeListener<MessageViewModel>) this::apply);
        messages.getChildren().setAll(viewsOrPlaceholders(main.transcript()));
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
     * Scrolls {@code match} into view once it is laid out (a view just built for it, or a thinking pane just opened
     * for it, takes a frame or two to reach its place and height): tries after each layout pass for at most
     * {@link #REVEAL_FRAMES} frames, then shows its response.
     */
    private void reveal(FindViewModel.Match match) {
        revealing = null;
        awaitingView = null;
        if (match == null) return;
        Node view = viewOf(match.messageId());
        if (view == null) awaitingView = match;              // its message is not here yet (a switch in progress)
        if (!(view instanceof AssistantMessageView response)) return;
        revealing = new Revealing(match, response);
        javafx.application.Platform.requestNextPulse();
    }

    /** After a layout pass: scrolls to {@link #revealing}'s match if it is laid out, else waits for the next pass. */
    private void revealWhenLaidOut() {
        Revealing r = revealing;
        if (r.response.getParent() != messages) {            // its message was deleted meanwhile
            revealing = null;
            return;
        }
        boolean laidOut = !r.response.isNeedsLayout() && r.response.getHeight() > 0;
        Optional<Bounds> bounds = laidOut ? r.response.sceneBoundsOf(r.match) : Optional.empty();
        if (bounds.isEmpty() && ++r.frames < REVEAL_FRAMES) {
            javafx.application.Platform.requestNextPulse();
            return;
        }
        revealing = null;
        scrollToShow(bounds.orElseGet(() -> r.response.localToScene(r.response.getBoundsInLocal())));
    }

    /** A find match waiting to be scrolled into view, in its response's view, and the layout passes it waited. */
    private static final class Revealing {
        final FindViewModel.Match match;
        final AssistantMessageView response;
        int frames;

        Revealing(FindViewModel.Match match, AssistantMessageView response) {
            this.match = match;
            this.response = response;
        }
    }

    private Node viewOf(String messageId) {
        for (Map.Entry<MessageViewModel, Node> e : views.entrySet()) {
            if (e.getKey().id().equals(messageId)) return e.getValue();
        }
        for (int i = 0; i < messages.getChildren().size(); i++) {
            if (messages.getChildren().get(i) instanceof Placeholder p && p.message.id().equals(messageId)) {
                return build(i, p);
            }
        }
        return null;
    }

    /** Stands for a message whose view is not built yet. */
    static final class Placeholder extends javafx.scene.layout.Region {
        final MessageViewModel message;

        Placeholder(MessageViewModel message) {
            this.message = message;
            getStyleClass().add("message-placeholder");
            setPrefHeight(PLACEHOLDER_HEIGHT);
            setMinHeight(PLACEHOLDER_HEIGHT);
        }
    }

    /** The nodes for {@code added}: views, or placeholders for all but the last {@link #BUILT_AT_ONCE} of many. */
    private java.util.List<Node> viewsOrPlaceholders(java.util.List<? extends MessageViewModel> added) {
        int placeholders = added.size() > BUILT_AT_ONCE ? added.size() - BUILT_AT_ONCE : 0;
        java.util.List<Node> nodes = new java.util.ArrayList<>(added.size());
        for (int i = 0; i < added.size(); i++) {
            MessageViewModel vm = added.get(i);
            nodes.add(i < placeholders && !views.containsKey(vm) ? new Placeholder(vm) : viewOf(vm));
        }
        if (placeholders > 0) backfill.start();
        return nodes;
    }

    /**
     * Replaces the placeholders that {@link BackfillPace} allows in a frame by their views: those in the viewport
     * first (where a reader scrolled to), top down, then the last first; stops the backfill when none is left.
     */
    private void buildPlaceholders() {
        java.util.List<Node> children = messages.getChildren();
        long started = System.nanoTime();
        int built = 0;
        for (int i : anchor.inViewport()) {
            if (!BackfillPace.buildsAnother(built, System.nanoTime() - started)) break;
            if (children.get(i) instanceof Placeholder p) {
                build(i, p);
                built++;
            }
        }
        for (int i = children.size() - 1; i >= 0 && BackfillPace.buildsAnother(built, System.nanoTime() - started); i--) {
            if (children.get(i) instanceof Placeholder p) {
                build(i, p);
                built++;
            }
        }
        if (children.stream().noneMatch(n -> n instanceof Placeholder)) backfill.stop();
    }

    /**
     * A control the reader used in a message, and where it and its message were on screen just before.
     *
     * @param height the message's height then
     */
    private record Acted(Node control, Node message, double controlY, double messageY, double height) {
    }

    /** Notes that the reader used {@code control} (a button in a message): its message may change height. */
    private void used(Node control) {
        Node message = control;
        while (message != null && message.getParent() != messages) message = message.getParent();
        if (message == null || streaming(message)) return;   // a streaming response grows anyway: the end is followed
        acted = new Acted(control, message, sceneTop(control), sceneTop(message), message.getLayoutBounds().getHeight());
        javafx.application.Platform.requestNextPulse();
    }

    /** Whether {@code message} is the view of a response being generated. */
    private boolean streaming(Node message) {
        for (Map.Entry<MessageViewModel, Node> e : views.entrySet()) {
            if (e.getValue() == message && e.getKey() instanceof AssistantMessageViewModel a) {
                ResponsePhase phase = a.phaseProperty().get();
                return phase == ResponsePhase.THINKING || phase == ResponsePhase.ANSWERING;
            }
        }
        return false;
    }

    private static double sceneTop(Node node) {
        return node.localToScene(node.getLayoutBounds()).getMinY();
    }

    /** Whether the viewport's bottom is within {@link #END_SLACK} pixels of the messages' end. */
    private boolean atEnd() {
        double range = getVmax() - getVmin();
        double scrollable = messages.getHeight() - getViewportBounds().getHeight();
        if (range <= 0 || scrollable <= 0) return true;
        return (getVmax() - getVvalue()) / range * scrollable <= END_SLACK;
    }

    /**
     * After each layout pass: when a control the reader used resized its message (a thinking pane or a long message
     * opened or closed), keeps what they looked at in place: the message's top when it grew (they read on from
     * there), the control when it shrank (the closed message stays above it). Else keeps the place of a reader who
     * scrolled up. Then reveals a find match waiting for its layout, and follows the block the reader sees for the
     * next pass.
     */
    private void afterLayout() {
        Acted used = acted;
        acted = null;
        keepingPlace = true;
        try {
            if (used != null && used.message().getParent() == messages
                    && used.message().getLayoutBounds().getHeight() != used.height()) {
                boolean grew = used.message().getLayoutBounds().getHeight() > used.height();
                double moved = grew ? sceneTop(used.message()) - used.messageY()
                        : sceneTop(used.control()) - used.controlY();
                anchor.scrollBy(moved);
                jumps.moved(moved, getViewportBounds().getHeight());
                followEnd = atEnd();
            } else if (followEnd) {
                setVvalue(getVmax());
            } else {
                anchor.keep();
            }
        } finally {
            keepingPlace = false;
        }
        if (revealing != null) revealWhenLaidOut();
        anchor.take();
    }

    /** Puts the view of placeholder {@code p}, child {@code index}, in its place, with the find matches shown in it. */
    private Node build(int index, Placeholder p) {
        Node view = viewOf(p.message);
        messages.getChildren().set(index, view);
        anchor.replaced(p, view);
        if (view instanceof AssistantMessageView response) {
            FindViewModel find = main.find();
            response.showMatches(p.message.id(), find.queryProperty().get(), find.matches(),
                    find.currentMatchProperty().get());
        }
        return view;
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

    /**
     * Adds and removes only the views of the messages that came and went; the others stay as they are. After messages
     * came (a send, a regenerate, another conversation), the transcript follows its end; after messages only went (a
     * delete), the reader stays where they were.
     */
    private void apply(ListChangeListener.Change<? extends MessageViewModel> change) {
        boolean added = false;
        while (change.next()) {
            if (change.wasPermutated()) {
                messages.getChildren().setAll(viewsOrPlaceholders(main.transcript()));
                added = true;
                continue;
            }
            if (change.wasRemoved()) {
                messages.getChildren().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                change.getRemoved().forEach(views::remove);
            }
            if (change.wasAdded()) {
                messages.getChildren().addAll(change.getFrom(), viewsOrPlaceholders(change.getAddedSubList()));
                added = true;
            }
        }
        showMatches();
        FindViewModel.Match waiting = awaitingView;
        if (waiting != null && waiting.equals(main.find().currentMatchProperty().get())
                && viewOf(waiting.messageId()) != null) {
            followEnd = false;
            reveal(waiting);
            return;
        }
        if (!added) return;
        followEnd = true;
        setVvalue(getVmax());
    }

    /** The view of {@code vm}, made on first use and kept while the message is in the transcript. */
    Node viewOf(MessageViewModel vm) {
        return views.computeIfAbsent(vm, this::create);
    }

    private Node create(MessageViewModel vm) {
        try {
            return switch (vm) {
                case UserMessageViewModel u -> new UserMessageView(u, main);
                case AssistantMessageViewModel a -> new AssistantMessageView(a, main, markdown, jumps);
            };
        } catch (RuntimeException e) {
            LOG.error("The view of message {} could not be built", vm.id(), e);
            javafx.scene.control.Label failed = new javafx.scene.control.Label(
                    "This message could not be shown (" + e + "). The log has the details.");
            failed.getStyleClass().add("message-error");
            failed.setWrapText(true);
            return failed;
        }
    }
}
