package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** {@link TranscriptDiff} on random edits: the list ends as wanted and no element that stays is ever removed. */
class TranscriptDiffTest {

    @Test
    void randomEditsEndAsWantedWithoutTouchingWhatStays() {
        Random random = new Random(17);
        int fresh = 0;
        for (int round = 0; round < 2000; round++) {
            List<Object> before = new ArrayList<>();
            int size = random.nextInt(8);
            for (int i = 0; i < size; i++) before.add("m" + fresh++);
            // The kind of edit a transcript sees: drop some, replace some in place, append some, keep the order.
            List<Object> wanted = new ArrayList<>();
            for (Object o : before) {
                int what = random.nextInt(6);
                if (what == 0) continue;
                wanted.add(what == 1 ? "m" + fresh++ : o);
            }
            int appended = random.nextInt(3);
            for (int i = 0; i < appended; i++) wanted.add("m" + fresh++);

            ObservableList<Object> list = FXCollections.observableArrayList(before);
            List<Object> removed = new ArrayList<>();
            int[] changes = {0};
            list.addListener((ListChangeListener<Object>) c -> {
                while (c.next()) {
                    removed.addAll(c.getRemoved());
                    changes[0]++;
                }
            });
            TranscriptDiff.apply(list, wanted);
            assertEquals(wanted, list, "from " + before);
            for (Object r : removed) {
                assertTrue(wanted.stream().noneMatch(w -> w == r), r + " stays but was removed, from " + before + " to " + wanted);
            }
            long differing = wanted.stream().filter(w -> before.stream().noneMatch(b -> b == w)).count()
                    + before.stream().filter(b -> wanted.stream().noneMatch(w -> w == b)).count();
            assertTrue(changes[0] <= differing, changes[0] + " changes for " + differing + " differing elements");
        }
    }
}
