package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** {@link ListItems#update} leaves the rows of the common prefix alone and replaces only the rest. */
class ListItemsTest {

    /** The changes {@code shown} reports while it is brought to {@code now}, as "+from..to" and "-from:count". */
    private static List<String> changes(ObservableList<String> shown, List<String> now) {
        List<String> seen = new ArrayList<>();
        ListChangeListener<String> listener = c -> {
            while (c.next()) {
                if (c.wasRemoved()) seen.add("-" + c.getFrom() + ":" + c.getRemovedSize());
                if (c.wasAdded()) seen.add("+" + c.getFrom() + ".." + c.getTo());
            }
        };
        shown.addListener(listener);
        ListItems.update(shown, now);
        shown.removeListener(listener);
        assertEquals(now, shown);
        return seen;
    }

    @Test
    void onlyTheRowsAfterTheCommonPrefixChange() {
        assertEquals(List.of(), changes(FXCollections.observableArrayList("a", "b"), List.of("a", "b")), "equal");
        assertEquals(List.of("+2..3"), changes(FXCollections.observableArrayList("a", "b"), List.of("a", "b", "c")),
                "grown");
        assertEquals(List.of("-1:2", "+1..3"),
                changes(FXCollections.observableArrayList("a", "b", "c"), List.of("a", "B", "c")), "changed inside");
        assertEquals(List.of("-1:2"), changes(FXCollections.observableArrayList("a", "b", "c"), List.of("a")), "shrunk");
        assertEquals(List.of("-0:1", "+0..2"), changes(FXCollections.observableArrayList("x"), List.of("a", "b")),
                "nothing in common");
        assertEquals(List.of("+0..1"), changes(FXCollections.observableArrayList(), List.of("a")), "from empty");
    }
}
