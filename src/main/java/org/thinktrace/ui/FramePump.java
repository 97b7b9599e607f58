package org.thinktrace.ui;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Calls {@link MainViewModel#onFrame} once per JavaFX pulse, so streamed events are applied once per frame.
 *
 * <p>The events are applied right before the scene's CSS and layout passes (a pre-layout pulse listener), after the
 * pulse's input events and animations: a scroll jump made by either of them is known by then ({@link ViewportJumps}),
 * and a frame with a pending jump takes only {@link #JUMP_FRAME_CHARACTERS} of the new text, leaving room for the
 * layout of what came into view. An animation timer keeps the pulses coming while the pump runs.
 */
final class FramePump {

    /**
     * The most characters of new text a frame with a scroll jump applies: a quarter of
     * {@link AssistantMessageViewModel#FRAME_CHARACTERS}, still about 15,000 characters a second at 60 frames a second,
     * more than any model writes, so a stream is held back only while it outruns the screen anyway.
     */
    static final int JUMP_FRAME_CHARACTERS = ViewportJumps.crowdedShare(AssistantMessageViewModel.FRAME_CHARACTERS);

    private final MainViewModel main;
    private final Scene scene;
    private final ViewportJumps jumps;
    /** The time of the current pulse, as its animation timers are given it. */
    private long pulseNanos = System.nanoTime();
    private final AnimationTimer pulses = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulseNanos = now;
        }
    };
    private final Runnable beforeLayout = this::applyEvents;
    private final Runnable afterLayout;
    private boolean running;

    FramePump(MainViewModel main, Scene scene, ViewportJumps jumps) {
        this.main = main;
        this.scene = scene;
        this.jumps = jumps;
        this.afterLayout = jumps::laidOut;
    }

    void start() {
        if (running) return;
        running = true;
        scene.addPreLayoutPulseListener(beforeLayout);
        scene.addPostLayoutPulseListener(afterLayout);
        pulses.start();
    }

    void stop() {
        if (!running) return;
        running = false;
        pulses.stop();
        scene.removePreLayoutPulseListener(beforeLayout);
        scene.removePostLayoutPulseListener(afterLayout);
    }

    private void applyEvents() {
        main.onFrame(pulseNanos, jumps.pending() ? JUMP_FRAME_CHARACTERS : AssistantMessageViewModel.FRAME_CHARACTERS);
    }
}
