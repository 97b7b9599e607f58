package org.thinktrace.ui;

import javafx.animation.AnimationTimer;

/** Calls {@link MainViewModel#onFrame} once per JavaFX pulse, so streamed events are applied once per frame. */
final class FramePump extends AnimationTimer {

    private final MainViewModel main;

    FramePump(MainViewModel main) {
        this.main = main;
    }

    @Override
    public void handle(long now) {
        main.onFrame(now);
    }
}
