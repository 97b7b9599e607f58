package org.thinktrace.ui;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** What the transcript tests look at: its column of messages, its scroll pane, placeholders, the viewport. */
abstract class TranscriptTestBase extends DesktopTestBase {

    MeasuredColumn messages() {
        return lookup(".transcript-messages").queryAs(MeasuredColumn.class);
    }

    ScrollPane transcript() {
        return lookup(".transcript").queryAs(ScrollPane.class);
    }

    static long placeholders(List<Node> children) {
        return children.stream().filter(n -> n instanceof TranscriptView.Placeholder).count();
    }

    /** Whether any of {@code node} is in the transcript's viewport (FX thread). */
    boolean inViewport(Node node) {
        Node pane = lookup(".transcript").query();
        Bounds shown = node.localToScene(node.getLayoutBounds());
        Bounds viewport = pane.localToScene(pane.getLayoutBounds());
        return shown.getMaxY() > viewport.getMinY() && shown.getMinY() < viewport.getMaxY();
    }

    /** Whether {@code node} is a message's view (not a placeholder) and in the viewport (FX thread). */
    boolean shownInViewport(Node node) {
        return !(node instanceof TranscriptView.Placeholder) && inViewport(node);
    }
}
