package org.thinktrace.ui;

import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.thinktrace.chat.WindowPlacement;

/** Reads a stage's place and size into a {@link WindowPlacement}, and puts a stage back where one says. */
final class WindowPlacements {

    private WindowPlacements() {
    }

    /** Where the stage is now; empty while it is maximized, full-screen or minimized (those are not restored). */
    static Optional<WindowPlacement> of(Stage stage) {
        if (stage.isMaximized() || stage.isFullScreen() || stage.isIconified()) return Optional.empty();
        if (!(stage.getWidth() >= 1 && stage.getHeight() >= 1)) return Optional.empty();
        return Optional.of(new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
    }

    /**
     * Moves and sizes the stage as {@code placement} says, no smaller than the stage's minimum and no larger than
     * the screen it lands on. Does nothing when there is no placement or when its title bar would be on no
     * screen (a monitor since unplugged): the window then opens at its default size, centred.
     */
    static void restore(Stage stage, WindowPlacement placement) {
        if (placement == null) return;
        // the top strip of the window, where the user grabs it, must be on a screen
        var grip = Screen.getScreensForRectangle(placement.x(), placement.y(), placement.width(), 40);
        if (grip.isEmpty()) return;
        Rectangle2D screen = grip.getFirst().getVisualBounds();
        stage.setWidth(Math.max(stage.getMinWidth(), Math.min(placement.width(), screen.getWidth())));
        stage.setHeight(Math.max(stage.getMinHeight(), Math.min(placement.height(), screen.getHeight())));
        stage.setX(placement.x());
        stage.setY(placement.y());
    }
}
