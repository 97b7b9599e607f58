package org.thinktrace.ui;

/**
 * The confidence heat's eight shades: a token's surprisal ({@code −ln p}, nats) falls in one of eight bins,
 * drawn with the style classes {@code heat-0} (near-certain, unshaded) to {@code heat-7} (most surprising).
 * The shades follow viridis (a colour-blind-safe sequential scale); each bin sets its own text colour, so the
 * shaded text reads the same in the light and the dark theme.
 */
final class HeatScale {

    /** Upper bounds (exclusive) of bins 0 to 6 in nats; bin 7 is everything above the last. */
    static final double[] BOUNDS = {0.1, 0.3, 0.7, 1.2, 2.0, 3.0, 4.5};
    static final int BINS = BOUNDS.length + 1;

    private HeatScale() {
    }

    /** The bin of a token with probability {@code p}; a NaN probability (unknown) is bin 0. */
    static int bin(float p) {
        if (Float.isNaN(p)) return 0;
        double surprisal = p <= 0 ? Double.POSITIVE_INFINITY : -Math.log(p);
        for (int i = 0; i < BOUNDS.length; i++) if (surprisal < BOUNDS[i]) return i;
        return BOUNDS.length;
    }

    static String styleClass(int bin) {
        return "heat-" + bin;
    }
}
