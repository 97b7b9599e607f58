package org.thinktrace.model;

/** {@link QuantizedGemv} on {@link Q4Matrix} rows, reading half a byte per weight and two bytes per group. */
interface Q4Gemv extends QuantizedGemv<Q4Matrix> {

    /**
     * {@code x} rounded to 8-bit levels per group of 32 ({@link Q8Input}) in the layout this kernel's
     * {@link #multiply(Q4Matrix, Q8Input, float[], int, int)} reads; null when a whole group holds a NaN or an
     * infinity.
     */
    default Q8Input roundInput(float[] x) {
        return Q8Input.round(x, Q8Input.Layout.NATURAL);
    }

    /**
     * Rows {@code [first, end)} times one input rounded by this kernel's {@link #roundInput}: the single-row product of a
     * decode step, as llama.cpp multiplies Q4_0 weights by Q8_0 activations. Equals
     * {@code Σ_g d_w × (d_x × Σ n·q - 8 × d_x × Σ q)} over the whole groups, plus the shorter last group times the
     * unrounded input, up to float rounding.
     *
     * @throws IllegalArgumentException when the input's length is not the matrix's columns, or its layout is not this
     *                                  kernel's
     */
    void multiply(Q4Matrix matrix, Q8Input x, float[] out, int first, int end);

    /**
     * Adds {@code Σ_g offset[r][g] × groupSums[g]} to {@code out[r]} for rows {@code [first, end)} of a matrix with
     * offsets: the offsets' part of a product whose Q4_0 part the kernel computed.
     *
     * @param groupSums {@code Σ x} over each of the row's groups ({@link Q4Matrix#groupSums})
     */
    default void addOffsetProducts(Q4Matrix matrix, float[] groupSums, float[] out, int first, int end) {
        int groups = matrix.groups();
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            float total = 0;
            for (int g = 0; g < groups; g++) {
                total += matrix.offset(rowGroup + g) * groupSums[g];
            }
            out[r] += total;
        }
    }

    /** Checks that {@code x} fits {@code matrix} and is in {@code layout}. */
    static void checkInput(Q4Matrix matrix, Q8Input x, Q8Input.Layout layout) {
        if (x.values().length != matrix.cols() || x.layout() != layout) {
            throw new IllegalArgumentException("an input of " + x.values().length + " values in layout " + x.layout()
                    + " for rows of " + matrix.cols() + " in layout " + layout);
        }
    }

    /**
     * The fastest kernel this JVM can run: the Vector API one when the {@code jdk.incubator.vector}
     * module is present (Java 22 or newer, started with {@code --add-modules jdk.incubator.vector}),
     * else the scalar one.
     */
    static Q4Gemv best() {
        return GemvSelection.q4();
    }
}
