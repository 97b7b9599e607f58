package org.thinktrace.generate;

import java.util.List;

/**
 * Watches streamed text for stop strings. Text that could still be the beginning of a stop string is held
 * back; once a stop string appears, the text before it is released and the rest (the stop string
 * included) is never emitted.
 *
 * <p>Contract: the concatenation of everything returned by {@link #push} and {@link #flush} equals the
 * input up to the first occurrence of any stop string (or all of it), whatever the chunking. Not thread-safe.
 */
public final class StopStringFilter {

    private final List<String> stopStrings;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    public StopStringFilter(List<String> stopStrings) {
        this.stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds text; returns what is now safe to emit (possibly empty). */
    public String push(String text) {
        if (stopped) return "";
        held.append(text);
        int stopAt = firstStop();
        if (stopAt >= 0) {
            stopped = true;
            String out = held.substring(0, stopAt);
            held.setLength(0);
            return out;
        }
        int keep = longestPossibleStart();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** Releases held-back text at the end of the stream (it did not turn into a stop string). */
    public String flush() {
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    /** A stop string has appeared. */
    public boolean stopped() {
        return stopped;
    }

    private int firstStop() {
        int first = -1;
        for (String stop : stopStrings) {
            int at = held.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    private int longestPossibleStart() {
        int longest = 0;
        for (String stop : stopStrings) longest = Math.max(longest, ThinkStreamParser.partialTagLength(held, stop));
        return longest;
    }
}
