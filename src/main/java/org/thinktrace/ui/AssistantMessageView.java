package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One response in the transcript: thinking pane, Markdown answer, error, and its actions. Binds only. */
final class AssistantMessageView extends VBox {

    private final ThinkingPaneView thinking;
    private final AnswerHighlights answerHighlights;

    /** @param jumps scroll jumps of the window, in whose frames the streaming answer builds less */
    AssistantMessageView(AssistantMessageViewModel vm, MainViewModel main, MarkdownRenderer markdown, ViewportJumps jumps) {
        getStyleClass().add("assistant-message");

        ThinkingPaneView thinking = new ThinkingPaneView(vm, () -> main.inspect(vm.id()));
        thinking.visibleProperty().bind(vm.thinkingProperty().isNotEmpty()
                .or(vm.phaseProperty().isEqualTo(ResponsePhase.THINKING)));
        thinking.managedProperty().bind(thinking.visibleProperty());

        MarkdownColumn answer = new MarkdownColumn();
        answer.getStyleClass().add("answer");
        this.thinking = thinking;
        this.answerHighlights = new AnswerHighlights(answer);
        // A streaming answer grows each frame: only its last, open block is parsed and rendered again, and no more
        // than a bounded part of what arrived is built in one frame.
        PacedMarkdown rendering = new PacedMarkdown(markdown, answer, answerHighlights::changed, jumps::pending);
        rendering.show(vm.answerProperty().get(), false);
        vm.answerProperty().addListener((obs, old, text) -> rendering.show(text,
                vm.phaseProperty().get() == ResponsePhase.THINKING || vm.phaseProperty().get() == ResponsePhase.ANSWERING));

        Label error = shownWhenNotEmpty(vm.errorProperty(), "message-error");
        Label notice = shownWhenNotEmpty(vm.noticeProperty(), "message-notice");

        Label stopped = new Label("Stopped");
        stopped.getStyleClass().add("message-stopped");
        stopped.visibleProperty().bind(vm.phaseProperty().isEqualTo(ResponsePhase.STOPPED));
        stopped.managedProperty().bind(stopped.visibleProperty());

        getChildren().addAll(notice, thinking, answer, error, stopped, footer(vm, main));
    }

    /**
     * Highlights this response's find matches (those of {@code matches} with its id) and marks {@code current} apart
     * when it is one of them.
     */
    void showMatches(String messageId, String query, List<FindViewModel.Match> matches, FindViewModel.Match current) {
        List<int[]> inThinking = new ArrayList<>();
        int currentInThinking = -1;
        int currentInAnswer = -1;
        int answerOrdinal = 0;
        for (FindViewModel.Match m : matches) {
            if (!m.messageId().equals(messageId)) continue;
            if (m.part() == FindViewModel.Part.THINKING) {
                if (m.equals(current)) currentInThinking = inThinking.size();
                inThinking.add(new int[] {m.from(), m.to()});
            } else {
                if (m.equals(current)) currentInAnswer = answerOrdinal;
                answerOrdinal++;
            }
        }
        thinking.showMatches(inThinking, currentInThinking);
        answerHighlights.show(answerOrdinal == 0 ? "" : query, currentInAnswer);
    }

    /** Where {@code match} (one of this response's) is drawn, in scene coordinates; empty until it is laid out. */
    Optional<Bounds> sceneBoundsOf(FindViewModel.Match match) {
        return match.part() == FindViewModel.Part.THINKING ? thinking.sceneBoundsOf(match.from(), match.to())
                : answerHighlights.currentBounds();
    }

    private static FlowPane footer(AssistantMessageViewModel vm, MainViewModel main) {
        var done = vm.phaseProperty().isNotEqualTo(ResponsePhase.THINKING)
                .and(vm.phaseProperty().isNotEqualTo(ResponsePhase.ANSWERING));

        Button previous = action("‹", "version-previous", () -> main.previousVersion(vm.id()));
        previous.disableProperty().bind(vm.hasPreviousVersionProperty().not().or(done.not()));
        Label version = new Label();
        version.getStyleClass().add("version-label");
        version.textProperty().bind(vm.versionLabelProperty());
        Button next = action("›", "version-next", () -> main.nextVersion(vm.id()));
        next.disableProperty().bind(vm.hasNextVersionProperty().not().or(done.not()));
        HBox versions = new HBox(previous, version, next);
        versions.setAlignment(Pos.CENTER_LEFT);
        versions.visibleProperty().bind(vm.versionLabelProperty().isNotEmpty());
        versions.managedProperty().bind(versions.visibleProperty());

        Button regenerate = action("Regenerate", "regenerate", () -> main.regenerate(vm.id()));
        regenerate.visibleProperty().bind(vm.lastProperty().and(done));
        regenerate.managedProperty().bind(regenerate.visibleProperty());
        regenerate.disableProperty().bind(main.stateProperty().isNotEqualTo(AppState.READY));
        Button copyAnswer = action("Copy answer", "copy-answer", () -> Clipboards.copy(main.answerOf(vm.id())));
        Button copyThinking = action("Copy thinking", "copy-thinking", () -> Clipboards.copy(main.thinkingOf(vm.id())));
        copyThinking.disableProperty().bind(vm.thinkingProperty().isEmpty());
        Button delete = action("Delete", "delete-message", () -> main.deleteMessage(vm.id()));
        for (Button b : new Button[]{copyAnswer, copyThinking, delete}) {
            b.visibleProperty().bind(done);
            b.managedProperty().bind(done);
        }

        Label details = new Label();
        details.getStyleClass().add("message-details");
        details.textProperty().bind(Bindings.when(done).then(vm.detailsProperty()).otherwise(""));
        // Actions keep their whole label; where the row is too narrow for all of them (and the details), the rest go
        // on the next line, so the row is never wider than its widest item.
        for (Button b : new Button[]{previous, next, regenerate, copyAnswer, copyThinking, delete}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        versions.getStyleClass().add("message-versions");
        FlowPane footer = new FlowPane(versions, regenerate, copyAnswer, copyThinking, delete, details) {
            /** The widest item's least width (a flow pane takes its widest preferred width, the details' whole line). */
            @Override
            protected double computeMinWidth(double height) {
                double widest = 0;
                for (javafx.scene.Node child : getManagedChildren()) {
                    javafx.geometry.Insets margin = FlowPane.getMargin(child);
                    double around = margin == null ? 0 : margin.getLeft() + margin.getRight();
                    widest = Math.max(widest, child.minWidth(-1) + around);
                }
                return snappedLeftInset() + widest + snappedRightInset();
            }
        };
        FlowPane.setMargin(details, new javafx.geometry.Insets(0, 0, 0, 10));
        // The details wrap rather than widen the row past a narrow transcript. Before the row's first layout (width
        // 0) they keep their one line: squeezed to nothing, they would stand a word a line, many lines tall.
        details.setWrapText(true);
        details.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> footer.getWidth() > 10 ? footer.getWidth() - 10 : Region.USE_PREF_SIZE, footer.widthProperty()));
        footer.getStyleClass().add("message-footer");
        footer.setAlignment(Pos.CENTER_LEFT);
        return footer;
    }

    /** A wrapping label that shows {@code text}, and takes room only while that is not empty. */
    static Label shownWhenNotEmpty(javafx.beans.value.ObservableStringValue text, String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    static Button action(String text, String styleClass, Runnable onAction) {
        Button button = new Button(text);
        button.getStyleClass().addAll(styleClass, "flat", "small");
        button.setOnAction(e -> onAction.run());
        return button;
    }
}
