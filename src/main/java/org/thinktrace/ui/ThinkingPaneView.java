package org.thinktrace.ui;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Bounds;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane.ScrollBarPolicy;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The collapsible thinking of one response: a header button with a chevron ("▾ Thinking… 4.2 s", "▸ Thought
 * for 12.3 s · 412 tokens") that opens and closes it, and the thinking as plain text in a read-only, virtualized
 * text area that never shows a scroll bar of its own: the transcript is the only scroller.
 *
 * <p>While the model thinks, the area is a live tail: it grows with the text up to {@link #LIVE_TAIL_HEIGHT}, then
 * shows the newest lines (text is appended, never re-set, and only the visible lines are laid out, so tens of
 * thousands of tokens stream cheaply). Once the thinking ended, the area is as tall as the whole text.
 */
final class ThinkingPaneView extends VBox {

    static final double LIVE_TAIL_HEIGHT = 320;
    private static final PseudoClass CUT_SHORT = PseudoClass.getPseudoClass("cut-short");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");

    private final AssistantMessageViewModel vm;
    private final StyleClassedTextArea text = new StyleClassedTextArea();
    private final VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(text);

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

        text.getStyleClass().add("thinking-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.replaceText(vm.thinkingProperty().get());
        scroll.getStyleClass().add("thinking-scroll");
        scroll.setVbarPolicy(ScrollBarPolicy.NEVER);
        scroll.setHbarPolicy(ScrollBarPolicy.NEVER);
        text.totalHeightEstimateProperty().addListener((obs, old, height) -> fitHeight());
        vm.phaseProperty().addListener((obs, old, phase) -> fitHeight());
        fitHeight();
        scroll.visibleProperty().bind(vm.thinkingExpandedProperty());
        scroll.managedProperty().bind(vm.thinkingExpandedProperty());

        vm.thinkingProperty().addListener((obs, old, now) -> showText(old, now));
        vm.thinkingCutShortProperty().addListener((obs, old, cut) -> pseudoClassStateChanged(CUT_SHORT, cut));
        pseudoClassStateChanged(CUT_SHORT, vm.thinkingCutShortProperty().get());
        vm.thinkingExpandedProperty().addListener((obs, old, open) -> pseudoClassStateChanged(EXPANDED, open));
        pseudoClassStateChanged(EXPANDED, vm.thinkingExpandedProperty().get());
        Button inspect = AssistantMessageView.action("Inspect", "inspect-thinking", onInspect);
        HBox.setHgrow(header, Priority.ALWAYS);
        HBox top = new HBox(header, inspect);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, scroll);
    }

    private boolean thinking() {
        return vm.phaseProperty().get() == ResponsePhase.THINKING;
    }

    /** The whole text's height once thinking ended; while it streams, at most the live tail's. */
    private void fitHeight() {
        Double estimate = text.getTotalHeightEstimate();
        double whole = (estimate == null ? 0 : estimate) + text.snappedTopInset() + text.snappedBottomInset();
        double h = thinking() ? Math.min(LIVE_TAIL_HEIGHT, whole) : whole;
        scroll.setMinHeight(h);
        scroll.setPrefHeight(h);
        scroll.setMaxHeight(h);
        if (thinking()) followEnd();
    }

    private void showText(String old, String now) {
        if (old != null && now.length() >= old.length() && now.startsWith(old)) {
            text.appendText(now.substring(old.length()));
        } else {
            text.replaceText(now);
        }
        if (thinking()) followEnd();
    }

    /**
     * Highlights find matches in the thinking: {@code ranges} as {@code [from, to)} pairs, the one at
     * {@code current} (−1 for none) apart. An empty list clears them.
     */
    void showMatches(List<int[]> ranges, int current) {
        int length = text.getLength();
        if (length == 0) return;
        if (ranges.isEmpty()) {
            text.clearStyle(0, length);
            return;
        }
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int from = Math.min(length, ranges.get(i)[0]);
            int to = Math.min(length, ranges.get(i)[1]);
            if (from < at || from >= to) continue;
            if (from > at) spans.add(List.of(), from - at);
            spans.add(i == current ? List.of("find-match", "find-current") : List.of("find-match"), to - from);
            at = to;
        }
        spans.add(List.of(), length - at);
        text.setStyleSpans(0, spans.create());
    }

    /** Where characters {@code [from, to)} of the thinking are drawn, in scene coordinates; empty until laid out. */
    Optional<Bounds> sceneBoundsOf(int from, int to) {
        if (!scroll.isVisible() || to > text.getLength()) return Optional.empty();
        return text.getCharacterBoundsOnScreen(from, Math.max(from + 1, to))
                .map(onScreen -> text.localToScene(text.screenToLocal(onScreen)))
                .filter(b -> b != null && b.getHeight() > 0);
    }

    private void followEnd() {
        if (!text.getParagraphs().isEmpty()) text.showParagraphAtBottom(text.getParagraphs().size() - 1);
    }
}
