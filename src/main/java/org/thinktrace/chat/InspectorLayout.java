package org.thinktrace.chat;

/**
 * How the inspector side panel was left: whether it is open and how wide it is.
 *
 * @param open  the panel is shown beside the transcript
 * @param width the panel's width in pixels, 240 to 4000
 */
public record InspectorLayout(boolean open, double width) {

    public static final double DEFAULT_WIDTH = 420;
    public static final double MIN_WIDTH = 240;
    public static final double MAX_WIDTH = 4000;

    public InspectorLayout {
        if (!(width >= MIN_WIDTH && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("inspector width must be " + (int) MIN_WIDTH + " to " + (int) MAX_WIDTH
                    + " px, got " + width);
        }
    }

    /** Closed, at the default width. */
    public static InspectorLayout defaults() {
        return new InspectorLayout(false, DEFAULT_WIDTH);
    }

    /** This layout with {@code newWidth} clamped to the allowed range. */
    public InspectorLayout withWidth(double newWidth) {
        return new InspectorLayout(open, Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, newWidth)));
    }

    public InspectorLayout withOpen(boolean newOpen) {
        return new InspectorLayout(newOpen, width);
    }
}
