package org.thinktrace.ui;

import java.util.Arrays;

/**
 * The confidence heat bin drawn at each character of a text ({@link HeatScale#NONE} where none), and which
 * characters a change touched, so that only those are redrawn. Not thread-safe.
 */
final class HeatBins {

    /** Characters {@code [from, to)} whose bin changed. */
    record Change(int from, int to) {
    }

    private byte[] bins = new byte[0];
    private int length;

    /** The text now has {@code newLength} characters; those past the old length have no heat. */
    void resize(int newLength) {
        if (newLength > bins.length) bins = Arrays.copyOf(bins, Math.max(newLength, bins.length * 2));
        if (newLength > length) Arrays.fill(bins, length, newLength, HeatScale.NONE);
        length = newLength;
    }

    /** Forgets all heat: the text was replaced by one of {@code newLength} unshaded characters. */
    void reset(int newLength) {
        length = 0;
        resize(newLength);
    }

    int length() {
        return length;
    }

    byte at(int index) {
        return bins[index];
    }

    /**
     * Takes {@code wanted} (one bin per character; characters past either length are left as they are) and returns
     * the span of characters that changed, or null when none did.
     */
    Change paint(byte[] wanted) {
        int n = Math.min(wanted.length, length);
        int from = Arrays.mismatch(bins, 0, n, wanted, 0, n);
        if (from < 0) return null;
        int to = n;
        while (to > from && bins[to - 1] == wanted[to - 1]) to--;
        System.arraycopy(wanted, from, bins, from, to - from);
        return new Change(from, to);
    }

    /** Draws bin {@code bin} over characters {@code [from, to)}, clipped to the text. */
    void fill(int from, int to, byte bin) {
        Arrays.fill(bins, Math.min(from, length), Math.min(to, length), bin);
    }

    /** Every character's bin. */
    byte[] toArray() {
        return Arrays.copyOf(bins, length);
    }
}
