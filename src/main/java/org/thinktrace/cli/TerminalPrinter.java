package org.thinktrace.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;

/**
 * Streams a response to a terminal: the thinking (faint when styles are on, else between {@code <think>} and
 * {@code </think>} lines), then the answer (with bold and code rendered when styles are on, see
 * {@link AnswerStyler}), then one line of stats. Generated text passes through {@link Terminal#visibleLines}.
 * Runs on the generation thread.
 */
final class TerminalPrinter implements Consumer<GenerationEvent> {

    private final PrintStream out;
    private final PrintStream notes;
    private final boolean styles;
    private final AnswerStyler styler = new AnswerStyler();
    private volatile boolean showThinking;
    private boolean inThinking;
    private boolean wroteAnswer;

    /**
     * @param notes        where remarks such as a trimmed history go (stderr)
     * @param styles       use ANSI styles (faint thinking)
     * @param showThinking print the thinking at all
     */
    TerminalPrinter(PrintStream out, PrintStream notes, boolean styles, boolean showThinking) {
        this.out = out;
        this.notes = notes;
        this.styles = styles;
        this.showThinking = showThinking;
    }

    void showThinking(boolean show) {
        this.showThinking = show;
    }

    /** Resets the per-response state before the next generation. */
    void nextResponse() {
        inThinking = false;
        wroteAnswer = false;
    }

    @Override
    public void accept(GenerationEvent event) {
        switch (event) {
            case GenerationEvent.ContextTrimmed t -> notes.printf(
                    "(left out the %d oldest turns: the conversation did not fit the context of %d tokens)%n",
                    t.droppedTurns(), t.contextLength());
            case GenerationEvent.ThinkingDelta d -> thinking(d.text());
            case GenerationEvent.AnswerDelta d -> answer(d.text());
            case GenerationEvent.Finished f -> finished(f);
            case GenerationEvent.PromptProcessed p -> { }
            case GenerationEvent.TokenInfo t -> { }
            case GenerationEvent.Failed f -> endThinking();
        }
        out.flush();
    }

    private void thinking(String text) {
        if (!showThinking) return;
        if (!inThinking) {
            out.print(styles ? Terminal.DIM : "<think>\n");
            inThinking = true;
        }
        out.print(Terminal.visibleLines(text));
    }

    private void answer(String text) {
        if (inThinking) {
            endThinking();
            out.print("\n\n");
        }
        String shown = Terminal.visibleLines(text);
        out.print(styles ? styler.feed(shown) : shown);
        wroteAnswer = true;
    }

    private void endThinking() {
        if (styles) out.print(styler.finish());
        if (!inThinking) return;
        out.print(styles ? Terminal.RESET : "\n</think>");
        inThinking = false;
    }

    private void finished(GenerationEvent.Finished f) {
        boolean thought = inThinking;
        if (thought && f.thinkingUnfinished()) out.print(" [thinking cut short]");
        endThinking();
        if (wroteAnswer || thought) out.println();
        out.println();
        String line = statsLine(f);
        out.println(styles ? Terminal.DIM + line + Terminal.RESET : line);
    }

    static String statsLine(GenerationEvent.Finished f) {
        GenerationStats s = f.stats();
        StringBuilder line = new StringBuilder("[");
        line.append(f.reason().jsonName());
        if (f.thinkingForced()) line.append(", thinking budget used");
        line.append(String.format(Locale.ROOT, " · %d prompt tokens · %d thinking + %d answer tokens",
                s.promptTokens(), s.thinkingTokens(), s.answerTokens()));
        if (s.thinkingTokens() > 0) line.append(String.format(Locale.ROOT, " · thought %.1f s", s.thinkingSeconds()));
        line.append(String.format(Locale.ROOT, " · first token %.2f s · prefill %.1f tok/s · decode %.1f tok/s · %.1f s]",
                s.timeToFirstToken(), s.prefillTokensPerSecond(), s.decodeTokensPerSecond(), s.totalSeconds()));
        return line.toString();
    }
}
