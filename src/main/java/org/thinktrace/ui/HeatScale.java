package org.thinktrace.ui;

import javafx.scene.paint.Color;

/**
 * The confidence heat's eight shades: a token's surprisal ({@code −ln p}, nats) falls in one of eight bins, from 0
 * (near-certain, unshaded) to 7 (most surprising). Bins 1 to 7 have a background colour that follows viridis (a
 * colour-blind-safe sequential scale) and a text colour of their own (black on the light shades 1 to 4, white on the
 * dark shades 5 to 7), so the shaded text reads the same in the light and the dark theme.
 */
final class HeatScale {

    /** No heat at a character (no token placed there, or the heat is off). */
    static final byte NONE = -1;
    /** Upper bounds (exclusive) of bins 0 to 6 in nats; bin 7 is everything above the last. */
    static final double[] BOUNDS = {0.1, 0.3, 0.7, 1.2, 2.0, 3.0, 4.5};
    static final int BINS = BOUNDS.length + 1;
    /** The first bin whose background is dark enough to need white text. */
    static final int FIRST_DARK = 5;

    private static final Color[] BACKGROUNDS = {null, Color.web("#fde725"), Color.web("#a0da39"),
        Color.web("#4ac16d"), Color.web("#1fa187"), Color.web("#277f8e"), Color.web("#365c8d"), Color.web("#46327e")};

    private HeatScale() {
    }

    /** The bin of a token with probability {@code p}; a NaN probability (unknown) is bin 0. */
    static int bin(float p) {
        if (Float.isNaN(p)) return 0;
        double surprisal = p <= 0 ? Double.POSITIVE_INFINITY : -Math.log(p);
        for (int i = 0; i < BOUNDS.length; i++) if (surprisal < BOUNDS[i]) return i;
        return BOUNDS.length;
    }

    /** The background of bin {@code bin} (1 to 7). */
    static Color background(int bin) {
        return BACKGROUNDS[bin];
    }

    /** The text colour on bin {@code bin}'s background (1 to 7). */
    static Color textFill(int bin) {
        return bin >= FIRST_DARK ? Color.WHITE : Color.BLACK;
    }
}
