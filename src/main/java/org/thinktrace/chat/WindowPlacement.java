package org.thinktrace.chat;

/**
 * Where the main window was and how large, in screen coordinates, so the next start opens it the same way.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, at least 1
 * @param height height, at least 1
 */
public record WindowPlacement(double x, double y, double width, double height) {

    public WindowPlacement {
        if (!(width >= 1 && height >= 1)) {
            throw new IllegalArgumentException("window size must be at least 1 × 1, got " + width + " × " + height);
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("window position must be finite, got " + x + ", " + y);
        }
    }
}
