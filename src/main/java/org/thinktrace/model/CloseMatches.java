package org.thinktrace.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the names closest to one that was not found, to suggest them in an error message
 * ("did you mean ..."). Closeness is the edit distance; a candidate qualifies when it is within
 * half the wanted name's length, which keeps renamed prefixes ({@code transformer.} vs
 * {@code model.}) and typos while dropping unrelated keys.
 */
final class CloseMatches {

    private CloseMatches() {
    }

    /** Up to {@code limit} candidates closest to {@code wanted}, nearest first. */
    static List<String> of(String wanted, Collection<String> candidates, int limit) {
        int threshold = Math.max(3, wanted.length() / 2);
        record Scored(String name, int distance) {
        }
        return candidates.stream()
                .map(c -> new Scored(c, editDistance(wanted, c)))
                .filter(s -> s.distance <= threshold)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
