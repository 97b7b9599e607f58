package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.thinktrace.chat.TextSearch;

/**
 * Find highlights over a rendered answer: behind every occurrence of the query in the answer's text flows, a shape
 * ({@link TextFlow#rangeShape}) added to the flow as an unmanaged child, so the flow's text and layout stay as the
 * renderer made them. Occurrences are counted in document order; the current one is styled apart. The shapes are
 * placed again when the answer is rendered anew or changes width.
 */
final class AnswerHighlights {

    private final Parent answer;
    private final List<Path> shapes = new ArrayList<>();
    private String needle = "";
    private int currentOrdinal = -1;
    private Path current;
    private boolean scheduled;

    AnswerHighlights(Parent answer) {
        this.answer = answer;
        answer.getChildrenUnmodifiable().addListener((ListChangeListener<Node>) c -> later());
        answer.layoutBoundsProperty().addListener((obs, old, now) -> {
            if (old.getWidth() != now.getWidth()) later();
        });
    }

    /**
     * Highlights every occurrence of {@code query} (none when blank), the {@code ordinal}-th (from 0, −1 for none)
     * as the current one.
     */
    void show(String query, int ordinal) {
        needle = query == null ? "" : query;
        currentOrdinal = ordinal;
        apply();
    }

    /** Where the current occurrence is, in scene coordinates; empty when there is none. */
    Optional<Bounds> currentBounds() {
        return current == null || current.getParent() == null ? Optional.empty()
                : Optional.of(current.localToScene(current.getBoundsInLocal()));
    }

    /** The answer's blocks changed (some may lie below its direct children): highlights are placed again. */
    void changed() {
        later();
    }

    private void later() {
        if (needle.isBlank() && shapes.isEmpty() || scheduled) return;
        scheduled = true;
        Platform.runLater(() -> {
            scheduled = false;
            apply();
        });
    }

    private void apply() {
        for (Path p : shapes) if (p.getParent() instanceof TextFlow flow) flow.getChildren().remove(p);
        shapes.clear();
        current = null;
        if (needle.isBlank()) return;
        List<TextFlow> flows = new ArrayList<>();
        collect(answer, flows);
        int ordinal = 0;
        for (TextFlow flow : flows) {
            String text = textOf(flow);
            for (int at : TextSearch.starts(text, needle)) {
                Path shape = new Path(flow.rangeShape(at, at + needle.length()));
                shape.setManaged(false);
                shape.getStyleClass().add("find-hit");
                if (ordinal == currentOrdinal) {
                    shape.getStyleClass().add("find-current");
                    current = shape;
                }
                flow.getChildren().add(0, shape);
                shapes.add(shape);
                ordinal++;
            }
        }
    }

    /** The flow's characters as its layout counts them: each managed non-text child is one character. */
    private static String textOf(TextFlow flow) {
        StringBuilder out = new StringBuilder();
        for (Node n : flow.getChildren()) {
            if (!n.isManaged()) continue;
            out.append(n instanceof Text t ? t.getText() : "\uFFFC");
        }
        return out.toString();
    }

    private static void collect(Node node, List<TextFlow> out) {
        if (node instanceof TextFlow flow) {
            out.add(flow);
            return;
        }
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) collect(child, out);
    }
}
