package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** What the skins of labels, buttons and check boxes actually draw, for tests that no text is cut to "…". */
final class DrawnTexts {

    private DrawnTexts() {
    }

    /** Each of {@code labeleds} whose skin draws less than its text, as "'full' drawn as 'drawn'". */
    static List<String> cut(List<? extends Labeled> labeleds) {
        List<String> cut = new ArrayList<>();
        for (Labeled labeled : labeleds) {
            String full = labeled.getText();
            if (full == null || full.isEmpty()) continue;
            String drawn = drawn(labeled);
            if (!full.equals(drawn)) cut.add("'" + full + "' drawn as '" + drawn + "'");
        }
        return cut;
    }

    /** The text a label's skin draws (its lines joined when it wraps), or empty when it draws none. */
    static String drawn(Labeled labeled) {
        StringBuilder drawn = new StringBuilder();
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && t.isVisible()) drawn.append(t.getText());
        }
        // a wrapped label draws its lines with the breaks as spaces or newlines: compare without them
        return labeled.isWrapText() && drawn.toString().replaceAll("\\s+", " ").strip()
                .equals(labeled.getText().replaceAll("\\s+", " ").strip()) ? labeled.getText() : drawn.toString();
    }

    /** The visible nodes of {@code type} under {@code root} (itself included), skipping hidden subtrees. */
    static <T extends Node> List<T> visible(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
        if (!node.isVisible()) return;
        if (type.isInstance(node)) found.add(type.cast(node));
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) collect(child, type, found);
        }
    }
}
