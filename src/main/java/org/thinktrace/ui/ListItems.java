package org.thinktrace.ui;

import java.util.List;
import javafx.collections.ObservableList;

/** Brings a list control's items to new contents by changing only the rows that differ. */
final class ListItems {

    private ListItems() {
    }

    /**
     * Makes {@code shown} equal to {@code now}: the longest common prefix (by {@code equals}) stays as it is, the rest
     * is replaced. A live analysis's steps and forks mostly grow at the end, so this keeps the rows (and their cells
     * and selection) that did not change, where {@code setAll} would make the list control update every row.
     */
    static <T> void update(ObservableList<T> shown, List<? extends T> now) {
        int common = 0;
        int limit = Math.min(shown.size(), now.size());
        while (common < limit && shown.get(common).equals(now.get(common))) common++;
        if (common < shown.size()) shown.remove(common, shown.size());
        if (common < now.size()) shown.addAll(now.subList(common, now.size()));
    }
}
