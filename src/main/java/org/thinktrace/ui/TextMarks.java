package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.IndexRange;

/**
 * Marked ranges of a text (find matches), in order and not overlapping, one of them (or none) the current one.
 *
 * @param ranges  the marked characters, each {@code [start, end)}, non-empty, ordered, not overlapping
 * @param current the index in {@code ranges} of the current mark, −1 for none
 */
record TextMarks(List<IndexRange> ranges, int current) {

    static final TextMarks NONE = new TextMarks(List.of(), -1);

    /** What a character is marked as. */
    enum Kind { NONE, MARK, CURRENT }

    TextMarks {
        ranges = List.copyOf(ranges);
    }

    /**
     * The marks of {@code pairs} ({@code [from, to)} each), the one at {@code current} (−1 for none) apart: empty
     * ranges and those that start before the previous one ends are left out.
     */
    static TextMarks of(List<int[]> pairs, int current) {
        List<IndexRange> kept = new ArrayList<>(pairs.size());
        int keptCurrent = -1;
        int end = 0;
        for (int i = 0; i < pairs.size(); i++) {
            int from = pairs.get(i)[0];
            int to = pairs.get(i)[1];
            if (from < end || from >= to) continue;
            if (i == current) keptCurrent = kept.size();
            kept.add(new IndexRange(from, to));
            end = to;
        }
        return new TextMarks(kept, keptCurrent);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The index in {@link #ranges} of the first mark that ends after {@code offset}. */
    int firstEndingAfter(int offset) {
        int low = 0;
        int high = ranges.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ranges.get(mid).getEnd() <= offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /** What character {@code index} is marked as. */
    Kind at(int index) {
        int i = firstEndingAfter(index);
        if (i == ranges.size() || ranges.get(i).getStart() > index) return Kind.NONE;
        return i == current ? Kind.CURRENT : Kind.MARK;
    }
}
