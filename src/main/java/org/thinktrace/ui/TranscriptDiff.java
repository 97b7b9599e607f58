package org.thinktrace.ui;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns one list into another with few changes, comparing elements by identity: elements already in place stay
 * (no change is reported for them), elements that are no longer wanted are removed or replaced by a new one in
 * their place, new ones are inserted. An observable list so changed tells its listeners only what changed; one of
 * which nothing stays is replaced whole in one change.
 */
final class TranscriptDiff {

    private TranscriptDiff() {
    }

    /** Changes {@code list} until it holds {@code wanted}, in order. */
    static <T> void apply(List<T> list, List<T> wanted) {
        Set<T> stays = Collections.newSetFromMap(new IdentityHashMap<>());
        stays.addAll(wanted);
        if (list.stream().noneMatch(stays::contains)) {
            // Nothing stays (another conversation): one replacement, so that listeners see the new list at once.
            if (list instanceof javafx.collections.ObservableList<T> observable) observable.setAll(wanted);
            else {
                list.clear();
                list.addAll(wanted);
            }
            return;
        }
        for (int i = 0; i < wanted.size(); i++) {
            T next = wanted.get(i);
            if (i < list.size() && list.get(i) == next) continue;
            int at = indexOf(list, next, i);
            if (at >= 0) {
                list.subList(i, at).clear(); // what came between goes (anything wanted later comes back there)
            } else if (i < list.size() && !stays.contains(list.get(i))) {
                list.set(i, next);
            } else {
                list.add(i, next);
            }
        }
        if (list.size() > wanted.size()) list.subList(wanted.size(), list.size()).clear();
    }

    private static <T> int indexOf(List<T> list, T element, int from) {
        for (int k = from; k < list.size(); k++) if (list.get(k) == element) return k;
        return -1;
    }
}
