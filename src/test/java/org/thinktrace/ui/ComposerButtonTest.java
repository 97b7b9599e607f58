package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.thinktrace.testing.ScriptedGenerator;

/**
 * The composer's one button reads Stop while a reply streams and Send after it; on the screen (the headless
 * frame buffer, software rendering, where only changed regions are redrawn) nothing red of Stop is left around
 * Send once the reply finished.
 */
@ExtendWith(ApplicationExtension.class)
class ComposerButtonTest extends DesktopTestBase {

    /** How far around the button the screen is checked, in pixels. */
    private static final int MARGIN = 3;

    @Start
    void start(Stage testStage) {
        stage = testStage;
    }

    @Test
    void afterAReplyNothingOfStopShowsAroundSend() throws Exception {
        ScriptedGenerator generator = new ScriptedGenerator(List.of("Adding ", "two."), List.of("It ", "is ", "4."));
        MainViewModel vm = fx(() -> openWindow(stage, generator));
        fx(() -> {
            vm.composerTextProperty().set("What is 2+2?");
            vm.send();
            return null;
        });
        waitUntil(() -> "Stop".equals(button().getText()));
        // The whole window drawn again while Stop shows, as when it is uncovered, until Stop's anti-aliased edge
        // reaches the pixels around it (software rendering draws it there in some frames, not in every one).
        boolean edgeShown = false;
        for (int attempt = 0; attempt < 8 && !edgeShown; attempt++) {
            redrawWholeWindow();
            edgeShown = !reddishAroundButton().isEmpty();
        }
        assumeTrue(edgeShown, "this renderer draws nothing of Stop outside its bounds");
        generator.releaseAll();
        waitUntil(() -> vm.stateProperty().get() == AppState.READY && "Send".equals(button().getText()));
        Thread.sleep(300); // a few frames for the change to reach the screen

        assertEquals(List.of(), reddishAroundButton(), "red pixels around Send");
        assertTrue(fx(() -> button().getStyleClass().containsAll(List.of("send", "accent"))));
        // Why: a repaint of the button covers its drawn bounds, which must reach past its layout on every side,
        // since an anti-aliased edge can fall on the pixel row just outside (where it is redrawn otherwise
        // depends on what else changed in that frame).
        Bounds drawn = fx(() -> button().getBoundsInLocal());
        Bounds laidOut = fx(() -> button().getLayoutBounds());
        assertTrue(drawn.getMinX() <= laidOut.getMinX() - 1 && drawn.getMinY() <= laidOut.getMinY() - 1
                && drawn.getMaxX() >= laidOut.getMaxX() + 1 && drawn.getMaxY() >= laidOut.getMaxY() + 1,
                "drawn " + drawn + ", laid out " + laidOut);
    }

    private void redrawWholeWindow() throws Exception {
        fx(() -> {
            stage.getScene().getRoot().setOpacity(0.99);
            return null;
        });
        Thread.sleep(100);
        fx(() -> {
            stage.getScene().getRoot().setOpacity(1);
            return null;
        });
        Thread.sleep(100);
    }

    /** Red pixels on the screen within {@link #MARGIN} of the button's bounds, outside them. */
    private List<String> reddishAroundButton() throws Exception {
        Bounds b = fx(() -> button().localToScreen(button().getLayoutBounds()));
        Image around = capture(new Rectangle2D(b.getMinX() - MARGIN, b.getMinY() - MARGIN, b.getWidth() + 2 * MARGIN,
                b.getHeight() + 2 * MARGIN)).getImage();
        return reddishOutside(around, MARGIN);
    }

    private Button button() {
        return (Button) stage.getScene().getRoot().lookup(".composer-row > .button");
    }

    /** Pixels of {@code image} within {@code margin} of its edge (outside the button) whose red clearly dominates. */
    private static List<String> reddishOutside(Image image, int margin) {
        PixelReader pixels = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        List<String> red = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean ring = x < margin || y < margin || x >= w - margin || y >= h - margin;
                Color c = pixels.getColor(x, y);
                if (ring && c.getRed() - Math.max(c.getGreen(), c.getBlue()) > 0.15) {
                    red.add(String.format(Locale.ROOT, "(%d, %d) %s", x, y, c));
                }
            }
        }
        return red.size() > 5 ? red.subList(0, 5) : red;
    }
}
