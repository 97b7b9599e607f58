package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAlignmentTest {

    @Test
    void tagsAndTrimmedWhitespaceAreUnmappedAndTheRestMatchesTheText() {
        String thinking = "Add 8 + 6.\nSo 14.";
        List<String> tokens = List.of("\n", "Add", " 8", " +", " 6", ".\n", "So", " 14", ".\n", "</think>");
        TokenAlignment a = TokenAlignment.align(thinking, tokens);
        assertNull(a.chars(0));
        assertEquals(new Span(0, 3), a.chars(1));
        assertEquals(new Span(3, 5), a.chars(2));
        assertEquals(new Span(9, 11), a.chars(5));
        assertEquals(new Span(16, 17), a.chars(8), "the trailing newline was trimmed: only the full stop");
        assertNull(a.chars(9));
        assertEquals(8, a.mappedCount());
    }

    @Test
    void piecesOfACharacterThatDoNotDecodeAreSkippedAndMatchingResumes() {
        String thinking = "91 ÷ 7 = 13";
        List<String> tokens = List.of("91", " \uFFFD", "\uFFFD", " 7", " =", " 13");
        TokenAlignment a = TokenAlignment.align(thinking, tokens);
        assertNull(a.chars(1));
        assertNull(a.chars(2));
        assertEquals(new Span(4, 6), a.chars(3));
        assertEquals(new Span(8, 11), a.chars(5));
    }

    @Test
    void tokensFromAnotherTextNeverThrowAndNeverOverlap() {
        String thinking = "Compare 9.11 and 9.9.";
        List<String> tokens = List.of("Totally", " different", " text", "", "Compare", " 9", ".", "11", "zzz", " and");
        TokenAlignment a = TokenAlignment.align(thinking, tokens);
        assertNoOverlap(a, thinking, tokens);
        assertEquals(new Span(0, 7), a.chars(4));
        assertEquals(List.of(), TokenAlignment.align("", tokens).stepTokens(List.of()));
        assertNull(TokenAlignment.align("abc", List.of("x", "y")).stepTokens(List.of(new Span(0, 3))).getFirst());
    }

    private static void assertNoOverlap(TokenAlignment a, String thinking, List<String> tokens) {
        int end = 0;
        for (int i = 0; i < a.size(); i++) {
            Span s = a.chars(i);
            if (s == null) continue;
            assertTrue(s.from() >= end, "token " + i + " overlaps the one before");
            String piece = thinking.substring(s.from(), s.to());
            assertTrue(piece.equals(tokens.get(i)) || piece.equals(tokens.get(i).strip()), "token " + i);
            end = s.to();
        }
    }

    @Test
    void onTheBundledModelsTracesEveryVisibleTokenIsMappedWithoutOverlap() {
        for (String file : TestTraces.BUNDLED_FILES) {
            InspectedResponse r = TestTraces.bundled(file);
            List<String> texts = r.tokens().thinkingTexts();
            TokenAlignment a = TokenAlignment.align(r.thinking(), texts);
            assertNoOverlap(a, r.thinking(), texts);
            // naive reference: the thinking is the joined token texts minus the closing tag and trimmed
            String joined = String.join("", texts);
            int close = joined.indexOf("</think>");
            assertEquals(r.thinking(), (close < 0 ? joined : joined.substring(0, close)).strip(), file);
            for (int i = 0; i < texts.size(); i++) {
                boolean visible = !texts.get(i).isBlank() && !texts.get(i).equals("</think>");
                if (visible) assertNotNull(a.chars(i), file + ": token " + i + " " + texts.get(i));
            }
            StringBuilder covered = new StringBuilder();
            for (int i = 0; i < a.size(); i++) {
                if (a.chars(i) != null) covered.append(r.thinking(), a.chars(i).from(), a.chars(i).to());
            }
            assertEquals(r.thinking().replaceAll("\\s", ""), covered.toString().replaceAll("\\s", ""), file);
        }
    }

    @Test
    void stepTokenRangesAreContiguousAndHoldTheTokensOfTheirStep() {
        for (String file : TestTraces.BUNDLED_FILES) {
            InspectedResponse r = TestTraces.bundled(file);
            List<TraceStep> steps = TraceInspector.steps(r);
            TokenAlignment a = TokenAlignment.align(r.thinking(), r.tokens().thinkingTexts());
            int expectedStart = 0;
            for (TraceStep s : steps) {
                assertNotNull(s.tokens(), file + " step " + s.index());
                assertEquals(expectedStart, s.tokens().from(), file + " step " + s.index());
                assertTrue(s.tokens().length() > 0);
                expectedStart = s.tokens().to();
                StringBuilder text = new StringBuilder();
                for (int t = s.tokens().from(); t < s.tokens().to(); t++) {
                    Span c = a.chars(t);
                    if (c != null) {
                        assertTrue(c.from() < s.chars().to() || c.from() >= s.chars().to()
                                && r.thinking().substring(s.chars().to(), c.from()).isBlank());
                        text.append(r.thinking(), c.from(), c.to());
                    }
                }
                assertEquals(s.text(), text.toString().strip(), file + " step " + s.index());
            }
            assertEquals(r.tokens().thinkingTokens() - 1, expectedStart, file + ": all but </think>");
        }
    }
}
