package org.thinktrace.generate;

/** Small operations on arrays of token ids. */
public final class TokenIds {

    private TokenIds() {
    }

    /** The ids of {@code parts}, one after another, in a new array. */
    public static int[] concat(int[]... parts) {
        int length = 0;
        for (int[] part : parts) length += part.length;
        int[] out = new int[length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
