package org.thinktrace.model;

/**
 * One input vector of a 4-bit product rounded as llama.cpp rounds a Q4_0 product's activations (its Q8_0 rule): per
 * whole group of {@value Q4Matrix#GROUP} values, {@code d = max|x| / 127} and each value becomes the integer
 * {@code q = round(x × (1 / d))} in [-127, 127] ({@link Math#round}; 0 where the group is all zeros); a shorter last group is
 * not rounded. A 4-bit weight {@code (n - 8) × d_w} times such an input sums per group as
 * {@code d_w × (d × Σ n·q - 8 × d × Σ q)}: the nibbles multiply small integers, and {@link #offsets} holds the second
 * term's {@code 8 × d × Σ q}.
 *
 * <p>The levels are laid out for the kernel that asked ({@link Q4Gemv#roundInput}): in the input's order, or
 * {@linkplain Layout#PAIRED paired} for 16 float lanes, where each two groups {@code 2p, 2p + 1} take 64 shorts: the first
 * 16 values of group 2p, the first 16 of group 2p + 1, then the last 16 of each (the order of their 32 nibble bytes
 * widened to shorts, low nibbles then high ones). An odd last group is paired with zeros.
 *
 * <p>Past the whole groups everything is zero up to a multiple of 16 groups, so that a kernel may multiply whole
 * chunks of 16 groups whatever lies in the weights there.
 *
 * @param values  the input as given (read for a shorter last group; not copied)
 * @param levels  q of every whole group, in {@code layout}, then zeros up to a multiple of 16 groups
 * @param scales  d per whole group, then zeros up to a multiple of 16
 * @param offsets {@code 8 × d × Σ q} per whole group, then zeros up to a multiple of 16
 * @param layout  where each level is in {@code levels}
 * @param groupSums {@code Σ x} over each group of the unrounded input, the last one possibly shorter
 *                  ({@link Q4Matrix#groupSums}): what the offsets of affine 4-bit groups multiply
 */
record Q8Input(float[] values, short[] levels, float[] scales, float[] offsets, Layout layout, float[] groupSums) {

    /** Where the levels of a whole group are in {@link #levels}. */
    enum Layout {
        /** In the input's order. */
        NATURAL,
        /** Each two groups interleaved by halves (see the class comment). */
        PAIRED
    }

    /** The largest level. */
    static final int MAX_LEVEL = 127;
    /** Groups per padded block of scales and offsets. */
    private static final int PADDING = 16;

    /**
     * Rounds {@code x} group by group, or returns null when a whole group holds a NaN or an infinity (the product is
     * then left to the float kernel, which carries them through as an unrounded product would).
     */
    static Q8Input round(float[] x, Layout layout) {
        int full = x.length / Q4Matrix.GROUP;
        int padded = (full + PADDING - 1) / PADDING * PADDING;
        short[] levels = new short[padded * Q4Matrix.GROUP];
        float[] scales = new float[padded];
        float[] offsets = new float[padded];
        for (int g = 0; g < full; g++) {
            int start = g * Q4Matrix.GROUP;
            float max = 0;
            for (int j = 0; j < Q4Matrix.GROUP; j++) {
                max = Math.max(max, Math.abs(x[start + j]));
            }
            if (!Float.isFinite(max)) {
                return null;
            }
            float d = max / MAX_LEVEL;
            float inverse = d == 0 ? 0 : 1 / d;
            int sum = 0;
            for (int j = 0; j < Q4Matrix.GROUP; j++) {
                int q = Math.round(x[start + j] * inverse);
                sum += q;
                levels[position(layout, g, j)] = (short) q;
            }
            scales[g] = d;
            offsets[g] = Q4Quantizer.ZERO * d * sum;
        }
        return new Q8Input(x, levels, scales, offsets, layout, Q4Matrix.groupSums(x));
    }

    /** Where value {@code j} of whole group {@code g} goes in {@code layout}. */
    static int position(Layout layout, int g, int j) {
        if (layout == Layout.NATURAL) {
            return g * Q4Matrix.GROUP + j;
        }
        int half = j < Q4Matrix.GROUP_BYTES ? 0 : 2 * Q4Matrix.GROUP_BYTES;
        return (g / 2) * 2 * Q4Matrix.GROUP + half + (g % 2) * Q4Matrix.GROUP_BYTES + j % Q4Matrix.GROUP_BYTES;
    }

    /** Whole groups rounded. */
    int groups() {
        return values.length / Q4Matrix.GROUP;
    }

    /** Level {@code j} of whole group {@code g}. */
    int level(int g, int j) {
        return levels[position(layout, g, j)];
    }
}
