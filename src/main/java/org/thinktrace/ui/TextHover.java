package org.thinktrace.ui;

import java.util.function.ToIntFunction;
import javafx.animation.PauseTransition;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * Tells when the pointer rests over a character of a text node: once it has stayed still over one for a delay,
 * {@link Listener#begin} with the character's offset; when it moves again, leaves the node or presses a button
 * after that, {@link Listener#end}. FX thread only.
 */
final class TextHover {

    /** What is told about the pointer resting over characters. */
    interface Listener {
        /** The pointer rests over character {@code charIndex}, at {@code screen} (screen coordinates). */
        void begin(int charIndex, Point2D screen);

        /** The pointer no longer rests over the character last told. */
        void end();
    }

    private final PauseTransition wait;
    private Point2D local = Point2D.ZERO;
    private Point2D screen = Point2D.ZERO;
    private boolean resting;

    /**
     * @param target the node whose mouse events are watched
     * @param charAt the character at a point in {@code target}'s coordinates, or −1 when the point is over none
     */
    TextHover(Node target, Duration delay, ToIntFunction<Point2D> charAt, Listener listener) {
        wait = new PauseTransition(delay);
        wait.setOnFinished(e -> {
            int index = charAt.applyAsInt(local);
            if (index < 0) return;
            resting = true;
            listener.begin(index, screen);
        });
        target.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            stop(listener);
            local = new Point2D(e.getX(), e.getY());
            screen = new Point2D(e.getScreenX(), e.getScreenY());
            wait.playFromStart();
        });
        target.addEventHandler(MouseEvent.MOUSE_EXITED, e -> stop(listener));
        target.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> stop(listener));
    }

    private void stop(Listener listener) {
        wait.stop();
        if (resting) {
            resting = false;
            listener.end();
        }
    }
}
