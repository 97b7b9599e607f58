package org.thinktrace.inspect;

/**
 * A half-open range {@code [from, to)} of characters or tokens.
 *
 * @param from first index inside the range
 * @param to   first index after the range; {@code to >= from}
 */
public record Span(int from, int to) {

    public Span {
        if (from < 0 || to < from) throw new IllegalArgumentException("bad span [" + from + ", " + to + ")");
    }

    public int length() {
        return to - from;
    }

    public boolean isEmpty() {
        return from == to;
    }

    public boolean contains(int index) {
        return index >= from && index < to;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
