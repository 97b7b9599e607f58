package org.thinktrace.ui;

import javafx.application.Application;
import org.thinktrace.model.OpenMpWaitPolicy;

/**
 * Starts the desktop app. {@code org.thinktrace.ThinkTrace} calls {@link #launch()} when no command is
 * given; this class is not an {@link Application} itself, so {@code java -jar thinktrace.jar} works with
 * JavaFX on the class path. Started that way, it runs the app in a second Java process with JavaFX on the module
 * path ({@link JavaFxModulePath}), the configuration JavaFX supports; the first process waits for it.
 */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /**
     * Opens the main window and returns when the app quits.
     *
     * @throws IllegalStateException when the app's second process could not start or ended with a failure
     */
    public static void launch() {
        var relaunch = JavaFxModulePath.relaunchCommand("org.thinktrace.ThinkTrace");
        if (relaunch.isEmpty()) {
            Application.launch(ThinkTraceApp.class);
            return;
        }
        int exit;
        try {
            ProcessBuilder app = new ProcessBuilder(relaunch.get()).inheritIO();
            OpenMpWaitPolicy.sleepWhenIdle(app.environment());
            exit = app.start().waitFor();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start Java again with JavaFX on the module path: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the desktop app ran", e);
        }
        if (exit != 0) throw new IllegalStateException("the desktop app ended with exit code " + exit);
    }
}
