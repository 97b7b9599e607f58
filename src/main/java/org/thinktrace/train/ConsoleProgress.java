package org.thinktrace.train;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints one progress line every {@code every} steps (and at the last one): step, loss averaged
 * since the previous line, learning rate, gradient norm, tokens per second and time left, the
 * latter two measured over the steps of this process (a resumed run starts measuring afresh).
 */
public final class ConsoleProgress implements TrainingListener {

    private final PrintStream out;
    private final int every;
    private long tokensSinceStart;
    private long nanosSinceStart;
    private int stepsSinceStart;
    private double lossSum;
    private int lossCount;

    public ConsoleProgress(PrintStream out, int every) {
        this.out = out;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStep(StepReport r) {
        tokensSinceStart += r.tokens();
        nanosSinceStart += r.nanos();
        stepsSinceStart++;
        lossSum += r.loss();
        lossCount++;
        if (r.step() % every != 0 && r.step() != r.totalSteps()) {
            return;
        }
        double seconds = nanosSinceStart / 1e9;
        double tokensPerSecond = tokensSinceStart / Math.max(seconds, 1e-9);
        long secondsLeft = Math.round(seconds / stepsSinceStart * (r.totalSteps() - r.step()));
        out.printf("step %d/%d  loss %.4f  lr %.2e  grad-norm %.2f  %,.0f tok/s  left %s%n",
                r.step(), r.totalSteps(), lossSum / lossCount, r.learningRate(), r.gradientNorm(), tokensPerSecond,
                format(Duration.ofSeconds(secondsLeft)));
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    public void onCheckpoint(int step) {
        out.println("checkpoint saved at step " + step);
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
