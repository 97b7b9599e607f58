package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

class PrintersTest {

    static final GenerationStats STATS = new GenerationStats(7, 0.5, 100, 20, 2, 1, 1.5, 2.0);
    static final GenerationEvent.Finished DONE =
            new GenerationEvent.Finished(FinishReason.EOS, "ab", "X", false, false, STATS);

    static String print(boolean styles, boolean showThinking) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        TerminalPrinter printer = new TerminalPrinter(stream, stream, styles, showThinking);
        for (GenerationEvent e : List.of(new GenerationEvent.ThinkingDelta("a"), new GenerationEvent.ThinkingDelta("b"),
                new GenerationEvent.AnswerDelta("X"), DONE)) {
            printer.accept(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalShowsTheThinkingFaintThenTheAnswerThenTheStats() {
        String stats = TerminalPrinter.statsLine(DONE);
        String nl = System.lineSeparator();
        assertEquals("\u001b[2mab\u001b[0m\n\nX" + nl + nl + "\u001b[2m" + stats + "\u001b[0m" + nl, print(true, true));
        assertEquals("<think>\nab\n</think>\n\nX" + nl + nl + stats + nl, print(false, true));
        assertEquals("X" + nl + nl + stats + nl, print(false, false));
    }

    @Test
    void thinkingCutShortIsMarkedInsideTheThinking() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        TerminalPrinter printer = new TerminalPrinter(stream, stream, false, true);
        GenerationEvent.Finished cut = new GenerationEvent.Finished(FinishReason.LENGTH, "hmm", "", true, false, STATS);
        printer.accept(new GenerationEvent.ThinkingDelta("hmm"));
        printer.accept(cut);
        String nl = System.lineSeparator();
        assertEquals("<think>\nhmm [thinking cut short]\n</think>" + nl + nl + TerminalPrinter.statsLine(cut) + nl,
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theStatsLineNamesReasonTokensAndRates() {
        assertEquals("[eos · 7 prompt tokens · 2 thinking + 1 answer tokens · thought 1.5 s · first token 0.50 s"
                + " · prefill 100.0 tok/s · decode 20.0 tok/s · 2.0 s]", TerminalPrinter.statsLine(DONE));
    }

    @Test
    void jsonLinesFollowTheDocumentedShape() throws Exception {
        assertEquals("{\"type\":\"prompt\",\"ids\":[1,2],\"text\":\"hi\"}",
                JsonLinesPrinter.prompt(new GenerationEvent.PromptProcessed(new int[] {1, 2}, "hi", true)).toString());
        assertEquals("{\"type\":\"token\",\"id\":5,\"text\":\" the\",\"phase\":\"thinking\",\"p\":0.75,\"entropy\":1.25,"
                        + "\"top\":[{\"id\":5,\"text\":\" the\",\"p\":0.75},{\"id\":9,\"text\":\" a\",\"p\":0.25}]}",
                JsonLinesPrinter.token(new GenerationEvent.TokenInfo(5, " the", Phase.THINKING, 0.75f, 1.25f,
                        List.of(new TokenAlternative(5, " the", 0.75f), new TokenAlternative(9, " a", 0.25f)))).toString());
        assertEquals("{\"type\":\"done\",\"reason\":\"eos\",\"thinking\":\"ab\",\"answer\":\"X\",\"stats\":{"
                        + "\"prompt_tokens\":7,\"thinking_tokens\":2,\"answer_tokens\":1,\"generated_tokens\":3,"
                        + "\"time_to_first_token_s\":0.5,\"prefill_tokens_per_s\":100.0,\"decode_tokens_per_s\":20.0,"
                        + "\"thinking_s\":1.5,\"total_s\":2.0}}",
                JsonLinesPrinter.done(DONE).toString());
    }
}
