package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.TokenAlternative;

class OutlinePrinterTest {

    @Test
    void theOutlineHasALinePerStepWithTagTokensSurprisalAndFirstWords() {
        TraceInspection inspection = TraceInspector.inspect(TestTraces.bundled("decimal-compare-greedy.jsonl"));
        String text = OutlinePrinter.render(inspection);
        List<String> lines = text.lines().toList();
        assertEquals("Steps (6)", lines.get(0));
        TraceStep check = inspection.steps().get(5);
        String line = lines.get(2 + 5);
        assertTrue(line.contains("check"), line);
        assertTrue(line.contains(check.tokens().from() + "-" + check.tokens().to()), line);
        assertTrue(line.contains(String.format(java.util.Locale.ROOT, "%.2f", check.surprisalMean())), line);
        assertTrue(line.endsWith("…") && line.contains("Check: in hundredths"), line);
        int forks = lines.indexOf("Forks (10 highest-entropy tokens)");
        assertTrue(forks > 0, text);
        assertTrue(lines.get(forks + 1).startsWith("  token 117    \"1\""), lines.get(forks + 1));
        assertTrue(text.contains("Loops: none"));
        assertTrue(OutlinePrinter.forks(List.of()).startsWith("Forks: none"));
    }

    @Test
    void forksAndLoopsAreListedWithEscapedTokenText() {
        Fork fork = new Fork(42, "\n\n", 0.5f, 1.25f, List.of(new TokenAlternative(1, " Wait", 0.3f)));
        String forks = OutlinePrinter.forks(List.of(fork));
        assertTrue(forks.contains("token 42") && forks.contains("\"\\n\\n\"") && forks.contains("\" Wait\" 0.300")
                && forks.contains("entropy 1.250"), forks);
        TraceLoop loop = new TraceLoop(TraceLoop.Kind.NGRAM, "the smaller square has a perimeter",
                List.of(new TraceLoop.Occurrence(3, new Span(0, 5)), new TraceLoop.Occurrence(9, new Span(50, 55)),
                        new TraceLoop.Occurrence(12, new Span(90, 95))));
        String loops = OutlinePrinter.loops(List.of(loop));
        assertTrue(loops.contains("ngram repeated 3 times (steps 3, 9, 12): the smaller square"), loops);
        String noTokens = OutlinePrinter.outline(TraceInspector.steps(TestTraces.r1("03-qwen1.5b-slope.json")));
        assertTrue(noTokens.lines().skip(2).allMatch(l -> l.matches("\\s*\\d+\\s+\\w+\\s+-\\s+-\\s+.*")), noTokens);
    }

    @Test
    void aPreviewIsNotCutInsideAnEmoji() {
        String step = "a".repeat(OutlinePrinter.PREVIEW_CHARS - 2) + "\uD83D\uDE00 and more words after it";
        String shown = OutlinePrinter.preview(step);
        assertTrue(shown.endsWith("…"), shown);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < shown.length()
                    && Character.isLowSurrogate(shown.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(shown.charAt(i - 1));
            assertTrue(paired, "half a surrogate pair at " + i + " of " + shown);
        }
    }
}
