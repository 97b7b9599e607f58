package org.thinktrace.ui;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane.ScrollBarPolicy;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The collapsible thinking of one response: a header button with a chevron ("▾ Thinking… 4.2 s", "▸ Thought
 * for 12.3 s · 412 tokens") that opens and closes it, and the thinking as plain text in a read-only, virtualized
 * {@link TraceTextView} (without heat) that never shows a scroll bar of its own: the transcript is the only scroller.
 * Find matches in the thinking are marked in it.
 *
 * <p>While the model thinks, the text is a live tail: it grows with the text up to {@link #LIVE_TAIL_HEIGHT}, then
 * shows the newest lines (text is appended, never re-set, and only the visible paragraphs have nodes, in reused
 * cells, so tens of thousands of tokens stream cheaply). Once the thinking ended, it is as tall as the whole text.
 */
final class ThinkingPaneView extends VBox {

    static final double LIVE_TAIL_HEIGHT = 320;
    private static final PseudoClass CUT_SHORT = PseudoClass.getPseudoClass("cut-short");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");

    private final AssistantMessageViewModel vm;
    private final TraceTextView text = new TraceTextView();

    /** @param onInspect opens this response in the inspector side panel */
    ThinkingPaneView(AssistantMessageViewModel vm, Runnable onInspect) {
        this.vm = vm;
        getStyleClass().add("thinking-pane");
        Label chevron = new Label();
        chevron.getStyleClass().add("thinking-chevron");
        chevron.textProperty().bind(Bindings.when(vm.thinkingExpandedProperty()).then("▾").otherwise("▸"));
        Button header = new Button();
        header.getStyleClass().addAll("thinking-header", "flat");
        header.setGraphic(chevron);
        header.textProperty().bind(vm.thinkingHeaderProperty());
        header.setOnAction(e -> vm.thinkingExpandedProperty().set(!vm.thinkingExpandedProperty().get()));
        header.setMaxWidth(Double.MAX_VALUE);
        header.setWrapText(true);                                   // "Thought for … · … tokens" wraps when narrow

        text.getStyleClass().addAll("thinking-text", "thinking-scroll");
        text.setVbarPolicy(ScrollBarPolicy.NEVER);
        text.replace(vm.thinkingProperty().get());
        text.totalHeightEstimateProperty().addListener((obs, old, height) -> fitHeight());
        vm.phaseProperty().addListener((obs, old, phase) -> fitHeight());
        fitHeight();
        text.visibleProperty().bind(vm.thinkingExpandedProperty());
        text.managedProperty().bind(vm.thinkingExpandedProperty());

        vm.thinkingProperty().addListener((obs, old, now) -> showText(old, now));
        vm.thinkingCutShortProperty().addListener((obs, old, cut) -> pseudoClassStateChanged(CUT_SHORT, cut));
        pseudoClassStateChanged(CUT_SHORT, vm.thinkingCutShortProperty().get());
        vm.thinkingExpandedProperty().addListener((obs, old, open) -> pseudoClassStateChanged(EXPANDED, open));
        pseudoClassStateChanged(EXPANDED, vm.thinkingExpandedProperty().get());
        Button inspect = AssistantMessageView.action("Inspect", "inspect-thinking", onInspect);
        inspect.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(header, Priority.ALWAYS);
        HBox top = new HBox(header, inspect);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, text);
    }

    private boolean thinking() {
        return vm.phaseProperty().get() == ResponsePhase.THINKING;
    }

    /** The whole text's height once thinking ended; while it streams, at most the live tail's. */
    private void fitHeight() {
        Double estimate = text.totalHeightEstimateProperty().getValue();
        double whole = (estimate == null ? 0 : estimate) + text.snappedTopInset() + text.snappedBottomInset();
        double h = thinking() ? Math.min(LIVE_TAIL_HEIGHT, whole) : whole;
        text.setMinHeight(h);
        text.setPrefHeight(h);
        text.setMaxHeight(h);
        if (thinking()) followEnd();
    }

    private void showText(String old, String now) {
        if (old != null && now.length() >= old.length() && now.startsWith(old)) {
            text.append(now.substring(old.length()));
        } else {
            text.replace(now);
        }
        if (thinking()) followEnd();
    }

    /**
     * Highlights find matches in the thinking: {@code ranges} as {@code [from, to)} pairs, the one at
     * {@code current} (−1 for none) apart. An empty list clears them.
     */
    void showMatches(List<int[]> ranges, int current) {
        text.showMarks(ranges, current);
    }

    /** Where characters {@code [from, to)} of the thinking are drawn, in scene coordinates; empty until laid out. */
    Optional<Bounds> sceneBoundsOf(int from, int to) {
        if (!text.isVisible() || to > text.length()) return Optional.empty();
        return text.charBoundsOnScreen(from, Math.max(from + 1, to))
                .map(onScreen -> text.localToScene(text.screenToLocal(onScreen)))
                .filter(b -> b != null && b.getHeight() > 0);
    }

    /** The thinking's text view (for tests). */
    TraceTextView textView() {
        return text;
    }

    private void followEnd() {
        text.showLastAtBottom();
    }
}
