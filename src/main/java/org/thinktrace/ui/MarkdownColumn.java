package org.thinktrace.ui;

import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * A Markdown document's block nodes, top to bottom, as the direct children of one column. Shows the blocks of
 * {@link IncrementalMarkdown} updates: the kept blocks stay, the rest are replaced by the update's added ones. Laid out
 * by {@link MeasuredColumn}: a frame of a streaming answer measures only its new or changed blocks.
 */
final class MarkdownColumn extends MeasuredColumn {

    /** Brings the shown blocks to those of {@code update} (whose kept blocks are the first shown ones). */
    void apply(IncrementalMarkdown.Update update) {
        ObservableList<Node> shown = getChildren();
        int kept = Math.min(update.kept(), shown.size());
        if (shown.size() > kept) shown.remove(kept, shown.size());
        shown.addAll(update.added());
    }

    /** The block nodes, in order. */
    List<Node> blocks() {
        return List.copyOf(getChildren());
    }
}
