package org.thinktrace.chat;

/**
 * How the main window's conversation list was left: whether it is hidden and how wide it is.
 *
 * @param hidden the list is out of the window (the conversation and the inspector take its width)
 * @param width  its width in pixels, {@value #MIN_WIDTH} to {@value #MAX_WIDTH}; 0 lets the window choose
 */
public record ConversationListLayout(boolean hidden, double width) {

    /** The narrowest the list is (its search box and New button fit). */
    public static final double MIN_WIDTH = 250;
    public static final double MAX_WIDTH = 4000;

    public ConversationListLayout {
        if (!(width == 0 || width >= MIN_WIDTH && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("conversation list width must be 0 (the window's choice) or "
                    + (int) MIN_WIDTH + " to " + (int) MAX_WIDTH + " px, got " + width);
        }
    }

    /** Shown, as wide as the window chooses. */
    public static ConversationListLayout defaults() {
        return new ConversationListLayout(false, 0);
    }

    public ConversationListLayout withHidden(boolean newHidden) {
        return new ConversationListLayout(newHidden, width);
    }

    /** This layout with {@code newWidth} clamped to the allowed range. */
    public ConversationListLayout withWidth(double newWidth) {
        return new ConversationListLayout(hidden, Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, newWidth)));
    }
}
