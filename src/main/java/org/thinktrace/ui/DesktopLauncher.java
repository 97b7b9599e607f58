package org.thinktrace.ui;

import javafx.application.Application;

/**
 * Starts the desktop app. {@code org.thinktrace.ThinkTrace} calls {@link #launch()} when no command is
 * given; this class is not an {@link Application} itself, so {@code java -jar thinktrace.jar} works with
 * JavaFX on the class path.
 */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Opens the main window and returns when the app quits. */
    public static void launch() {
        Application.launch(ThinkTraceApp.class);
    }
}
