package org.thinktrace.cli;

import java.io.PrintStream;
import org.thinktrace.model.LoadProgress;

/**
 * A one-line text progress bar for reading a model's weights, redrawn on each whole percent with a carriage
 * return; drawn only on a terminal (in a pipe or a file the redraws would pile up as one long line).
 */
final class LoadProgressBar implements LoadProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean drawn;
    private int shownPercent = -1;

    /** @param drawn whether to draw at all: true only when {@code out} is a terminal */
    LoadProgressBar(PrintStream out, boolean drawn) {
        this.out = out;
        this.drawn = drawn;
    }

    @Override
    public void update(Stage stage, long done, long total) {
        if (!drawn || stage != Stage.WEIGHTS) {
            return;
        }
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
