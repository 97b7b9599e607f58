package org.thinktrace.ui;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;

/**
 * The collapsible thinking of one response: a header button ("Thinking… 4.2 s", "Thought for 12.3 s ·
 * 412 tokens") that opens and closes it, and the thinking as plain text in a virtualized, read-only text
 * area of bounded height, so tens of thousands of tokens stay cheap to show. While thinking streams, the
 * text is appended (never re-set) and the area follows the end.
 */
final class ThinkingPaneView extends VBox {

    static final double MAX_TEXT_HEIGHT = 320;
    private static final PseudoClass CUT_SHORT = PseudoClass.getPseudoClass("cut-short");
    private static final PseudoClass EXPANDED = PseudoClass.getPseudoClass("expanded");

    private final StyleClassedTextArea text = new StyleClassedTextArea();

    /** @param onInspect opens this response in the inspector side panel */
    ThinkingPaneView(AssistantMessageViewModel vm, Runnable onInspect) {
        getStyleClass().add("thinking-pane");
        Button header = new Button();
        header.getStyleClass().addAll("thinking-header", "flat");
        header.textProperty().bind(vm.thinkingHeaderProperty());
        header.setOnAction(e -> vm.thinkingExpandedProperty().set(!vm.thinkingExpandedProperty().get()));
        header.setMaxWidth(Double.MAX_VALUE);

        text.getStyleClass().add("thinking-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.replaceText(vm.thinkingProperty().get());
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(text);
        scroll.getStyleClass().add("thinking-scroll");
        // Grow with the text up to a bound, then scroll inside (virtualized: only visible lines are laid out).
        text.totalHeightEstimateProperty().addListener((obs, old, height) ->
                scroll.setPrefHeight(Math.min(MAX_TEXT_HEIGHT, height == null ? 0 : height + 4)));
        scroll.setPrefHeight(Math.min(MAX_TEXT_HEIGHT, 24));
        scroll.visibleProperty().bind(vm.thinkingExpandedProperty());
        scroll.managedProperty().bind(vm.thinkingExpandedProperty());

        vm.thinkingProperty().addListener((obs, old, now) -> showText(vm, old, now));
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

    private void showText(AssistantMessageViewModel vm, String old, String now) {
        if (old != null && now.length() >= old.length() && now.startsWith(old)) {
            text.appendText(now.substring(old.length()));
        } else {
            text.replaceText(now);
        }
        if (vm.phaseProperty().get() == ResponsePhase.THINKING) {
            text.showParagraphAtBottom(text.getParagraphs().size() - 1);
        }
    }
}
