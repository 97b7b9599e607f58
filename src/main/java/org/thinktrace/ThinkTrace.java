package org.thinktrace;

import org.thinktrace.cli.Main;
import org.thinktrace.ui.DesktopLauncher;

/**
 * The process's entry point (reached through {@code org.thinktrace.launch.Launcher}, which checks the Java
 * version first): {@code thinktrace COMMAND …} runs a command, {@code thinktrace} alone opens the desktop app.
 * It sits above both the command line and the app, so it starts either directly.
 */
public final class ThinkTrace {

    private ThinkTrace() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(args, DesktopLauncher::launch));
    }
}
