package org.thinktrace.model;

import java.util.Arrays;

/** Arithmetic on tensor shapes given as {@code long[]} dimensions (row-major, outermost first). */
public final class TensorShape {

    private TensorShape() {
    }

    /**
     * The number of elements of a tensor of this shape (1 for a scalar {@code []}).
     *
     * @throws IllegalArgumentException when a dimension is negative
     * @throws ArithmeticException      when the count does not fit in a long
     */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension " + dim + " in shape " + format(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** The shape as {@code [d0, d1, ...]}. */
    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }
}
