package org.thinktrace.text.jinja;

import java.util.BitSet;
import java.util.Objects;

/**
 * A string whose characters each carry a mark saying "came from marked input". The chat template marks
 * message content; string operations the interpreter performs (concatenation, slicing, split, strip, …)
 * carry the marks along, so after rendering every output character is known to be template structure or
 * content. Equality, comparison and hashing look at the text only.
 */
public final class MarkedString implements CharSequence {

    private final String text;
    private final BitSet marks;

    private MarkedString(String text, BitSet marks) {
        this.text = text;
        this.marks = marks;
    }

    /** A string every character of which is marked. */
    public static MarkedString marked(String text) {
        BitSet marks = new BitSet(text.length());
        marks.set(0, text.length());
        return new MarkedString(Objects.requireNonNull(text, "text"), marks);
    }

    static MarkedString of(String text, BitSet marks) {
        return new MarkedString(text, marks);
    }

    /** Marks of any template value seen as a string: a plain string has none. */
    static BitSet marksOf(Object value) {
        return value instanceof MarkedString marked ? marked.marks : new BitSet();
    }

    /** Builds a string from parts, keeping the marks of marked parts; plain parts add unmarked characters. */
    static Object concat(Object... parts) {
        long length = 0;
        for (Object part : parts) {
            length += part instanceof CharSequence sequence ? sequence.length() : part.toString().length();
        }
        RenderBudget.current().text(length);
        StringBuilder text = new StringBuilder((int) length);
        BitSet marks = new BitSet();
        boolean anyMarked = false;
        for (Object part : parts) {
            String partText = part.toString();
            if (part instanceof MarkedString marked) {
                anyMarked |= !marked.marks.isEmpty();
                BitSet shifted = marked.marks;
                for (int i = shifted.nextSetBit(0); i >= 0; i = shifted.nextSetBit(i + 1)) {
                    marks.set(text.length() + i);
                }
            }
            text.append(partText);
        }
        return anyMarked ? new MarkedString(text.toString(), marks) : text.toString();
    }

    /** The characters {@code [from, to)} of a string value, marks kept. */
    static Object substring(Object value, int from, int to) {
        String text = value.toString();
        if (value instanceof MarkedString marked) {
            return new MarkedString(text.substring(from, to), marked.marks.get(from, to));
        }
        return text.substring(from, to);
    }

    /**
     * The result of an operation that rewrites a string wholesale (upper, replace, tojson …): marked as a
     * whole when any character of the source was marked.
     */
    static Object derived(Object source, String result) {
        RenderBudget.current().text(result.length());
        if (source instanceof MarkedString marked && !marked.marks.isEmpty()) {
            return MarkedString.marked(result);
        }
        return result;
    }

    BitSet marks() {
        return (BitSet) marks.clone();
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarkedString marked && marked.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
