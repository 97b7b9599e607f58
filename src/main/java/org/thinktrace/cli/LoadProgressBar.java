package org.thinktrace.cli;

import java.io.PrintStream;

/** A one-line text progress bar for model loading, redrawn on each whole percent. */
final class LoadProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private int shownPercent = -1;

    LoadProgressBar(PrintStream out) {
        this.out = out;
    }

    void update(long done, long total) {
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        out.printf("\rloading [%s%s] %3d%%", "#".repeat(filled), " ".repeat(WIDTH - filled), percent);
        out.flush();
    }

    void finish() {
        if (shownPercent >= 0) {
            out.println();
        }
    }
}
