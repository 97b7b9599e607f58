package org.thinktrace.ui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.thinktrace.inspect.Span;

/**
 * Two versions of a response side by side: a picker for each, a note when the response changed while shown (a
 * version added, the response deleted), the sentence on the answers, the first divergence in words with a button
 * that scrolls to it, and one list whose rows hold a step of the left version beside the step of the right version
 * it is aligned with (so both sides always scroll together), the answers last. Binds to a {@link CompareViewModel}.
 */
final class CompareView extends VBox {

    private final CompareViewModel vm;
    private final ListView<CompareViewModel.Row> list = new ListView<>();

    CompareView(CompareViewModel vm, Runnable close) {
        this.vm = vm;
        getStyleClass().add("compare");

        ComboBox<String> pickA = picker(vm.versionAProperty(), "compare-pick-a", "The version on the left");
        ComboBox<String> pickB = picker(vm.versionBProperty(), "compare-pick-b", "The version on the right");
        pickA.disableProperty().bind(vm.deletedProperty());
        pickB.disableProperty().bind(vm.deletedProperty());
        Label with = new Label("with");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button jump = AssistantMessageView.action("Go to first divergence", "compare-jump", this::showDivergence);
        jump.disableProperty().bind(vm.divergenceRowProperty().lessThan(0));
        jump.setTooltip(new Tooltip("Scroll to the first place where the two versions differ (Ctrl+D)"));
        Button closeButton = AssistantMessageView.action("Close", "compare-close", close);
        closeButton.setTooltip(new Tooltip("Close the comparison (Esc)"));
        for (Region r : new Region[] {with, jump, closeButton}) r.setMinWidth(Region.USE_PREF_SIZE);
        HBox pickers = new HBox(6, new Label("Compare"), pickA, with, pickB, spacer, jump, closeButton);
        pickers.getStyleClass().add("compare-header");
        pickers.setAlignment(Pos.CENTER_LEFT);

        Label notice = AssistantMessageView.shownWhenNotEmpty(vm.noticeProperty(), "compare-notice");
        Label verdict = new Label();
        verdict.getStyleClass().add("compare-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        Label divergence = new Label();
        divergence.getStyleClass().add("compare-divergence");
        divergence.setWrapText(true);
        divergence.textProperty().bind(vm.divergenceTextProperty());

        Label headA = new Label();
        headA.textProperty().bind(vm.headerAProperty());
        Label headB = new Label();
        headB.textProperty().bind(vm.headerBProperty());
        HBox heads = new HBox(columnOf(headA), gutter(""), columnOf(headB));
        heads.getStyleClass().add("compare-heads");

        list.getStyleClass().add("compare-rows");
        list.setItems(vm.rows());
        list.setCellFactory(v -> new RowCell());
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(vm.deletedProperty())
                .then("The response was deleted.").otherwise("Pick two versions to compare."));
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);

        getChildren().addAll(pickers, notice, verdict, divergence, legend(), heads, list);
        vm.divergenceRowProperty().addListener((obs, old, row) -> showDivergence());
    }

    private ComboBox<String> picker(javafx.beans.property.IntegerProperty version, String styleClass, String tip) {
        ComboBox<String> box = new ComboBox<>(vm.choices());
        box.getStyleClass().add(styleClass);
        box.setTooltip(new Tooltip(tip));
        box.setMaxWidth(520);
        box.setMinWidth(120);
        HBox.setHgrow(box, Priority.SOMETIMES);
        box.getSelectionModel().select(version.get());
        version.addListener((obs, old, now) -> {
            if (box.getSelectionModel().getSelectedIndex() != now.intValue()) box.getSelectionModel().select(now.intValue());
        });
        box.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) version.set(now.intValue());
        });
        return box;
    }

    private static HBox legend() {
        HBox legend = new HBox(10);
        legend.getStyleClass().add("compare-legend");
        for (CompareViewModel.Kind kind : CompareViewModel.Kind.values()) {
            if (kind == CompareViewModel.Kind.ANSWER) continue;
            Label item = new Label(symbol(kind) + " " + kind.name().toLowerCase(Locale.ROOT));
            item.getStyleClass().addAll("compare-legend-item", "compare-" + kind.name().toLowerCase(Locale.ROOT));
            legend.getChildren().add(item);
        }
        Label mark = new Label("underlined: first divergence");
        mark.getStyleClass().add("compare-legend-mark");
        legend.getChildren().add(mark);
        return legend;
    }

    /** The connector between the two columns: how the two steps of a row relate. */
    static String symbol(CompareViewModel.Kind kind) {
        return switch (kind) {
            case KEPT -> "=";
            case CHANGED -> "≈";
            case ADDED -> "+";
            case DROPPED -> "−";
            case ANSWER -> "⇒";
        };
    }

    private static Label gutter(String text) {
        Label gutter = new Label(text);
        gutter.getStyleClass().add("compare-gutter");
        gutter.setMinWidth(28);
        gutter.setPrefWidth(28);
        gutter.setAlignment(Pos.CENTER);
        return gutter;
    }

    private static VBox columnOf(javafx.scene.Node node) {
        VBox column = new VBox(node);
        column.setPrefWidth(0);
        HBox.setHgrow(column, Priority.ALWAYS);
        return column;
    }

    /** Scrolls the first diverging row into view and selects it. */
    void showDivergence() {
        int row = vm.divergenceRowProperty().get();
        if (row < 0) return;
        list.scrollTo(Math.max(0, row - 1));
        list.getSelectionModel().select(row);
    }

    /** The rows (for tests). */
    ListView<CompareViewModel.Row> rowList() {
        return list;
    }

    /** A text with the divergence (if any) marked, as a wrapping text flow. */
    static TextFlow flow(String text, Span mark, String placeholder) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("compare-text");
        if (text.isEmpty()) {
            Text none = new Text(placeholder);
            none.getStyleClass().add("compare-none");
            flow.getChildren().add(none);
            return flow;
        }
        if (mark == null) {
            flow.getChildren().add(plain(text));
            return flow;
        }
        if (mark.from() > 0) flow.getChildren().add(plain(text.substring(0, mark.from())));
        Text marked = new Text(mark.isEmpty() ? "▌" : CombiningMarks.capped(text.substring(mark.from(), mark.to())));
        marked.getStyleClass().add("compare-mark");
        flow.getChildren().add(marked);
        if (mark.to() < text.length()) flow.getChildren().add(plain(text.substring(mark.to())));
        return flow;
    }

    private static Text plain(String text) {
        Text t = new Text(CombiningMarks.capped(text));
        t.getStyleClass().add("compare-plain");
        return t;
    }

    /** A row: the left text, the connector, the right text; coloured by how they relate. */
    private static final class RowCell extends ListCell<CompareViewModel.Row> {

        RowCell() {
            getStyleClass().add("compare-row");
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(CompareViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            for (CompareViewModel.Kind kind : CompareViewModel.Kind.values()) {
                getStyleClass().remove("compare-" + kind.name().toLowerCase(Locale.ROOT));
            }
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            getStyleClass().add("compare-" + row.kind().name().toLowerCase(Locale.ROOT));
            String missing = switch (row.kind()) {
                case ADDED -> "(not in this version)";
                case DROPPED -> "(not in this version)";
                default -> "(no answer)";
            };
            TextFlow left = flow(row.textA(), row.markA(), missing);
            TextFlow right = flow(row.textB(), row.markB(), missing);
            Label connector = gutter(symbol(row.kind()));
            HBox box = new HBox(columnOf(left), connector, columnOf(right));
            box.getStyleClass().add("compare-row-box");
            String label = row.kind() == CompareViewModel.Kind.ANSWER ? "Answers" : "Step " + stepName(row.stepA())
                    + " ↔ step " + stepName(row.stepB()) + ": " + row.kind().name().toLowerCase(Locale.ROOT);
            box.setAccessibleText(label + (row.diverges() ? ", first divergence" : ""));
            setGraphic(box);
            setText(null);
        }

        private static String stepName(int index) {
            return index < 0 ? "none" : String.valueOf(index + 1);
        }
    }
}
