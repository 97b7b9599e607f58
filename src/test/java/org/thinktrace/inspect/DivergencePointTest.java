package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivergencePointTest {

    /** A response whose tokens are the given pieces (ids from the text), the first {@code thinking} of them thinking. */
    private static InspectedResponse response(List<String> pieces, int thinking) {
        List<InspectedToken> tokens = new ArrayList<>();
        for (String piece : pieces) tokens.add(new InspectedToken(piece.hashCode(), piece, 0.5f, 0.5f, List.of()));
        String thinkingText = String.join("", pieces.subList(0, thinking)).strip();
        String answerText = String.join("", pieces.subList(thinking, pieces.size()));
        return new InspectedResponse("", thinkingText, answerText, new TraceTokens(tokens, thinking));
    }

    @Test
    void withTokensThePlaceIsTheDivergingTokenInEachText() {
        InspectedResponse a = response(List.of("Add ", "two ", "and ", "two.\n\n", "So ", "four.", "It is ", "4"), 6);
        InspectedResponse b = response(List.of("Add ", "two ", "and ", "three.\n\n", "So ", "five.", "It is ", "5"), 6);
        TraceComparison comparison = TraceComparer.compare(a, b);
        assertEquals(3, comparison.divergence().token());
        DivergencePoint point = DivergencePoint.locate(a, b, comparison.divergence());
        assertTrue(point.tokenLevel());
        assertEquals(DivergencePoint.Part.THINKING, point.a().part());
        assertEquals("two.", a.thinking().substring(point.a().chars().from(), point.a().chars().to()).strip());
        assertEquals("three.", b.thinking().substring(point.b().chars().from(), point.b().chars().to()).strip());
    }

    @Test
    void aDivergenceInTheAnswerIsPlacedInTheAnswer() {
        InspectedResponse a = response(List.of("Add.", "It is ", "4"), 1);
        InspectedResponse b = response(List.of("Add.", "It is ", "5", " surely"), 1);
        DivergencePoint point = DivergencePoint.locate(a, b, TraceComparer.divergence(a.tokens(), b.tokens()));
        assertEquals(DivergencePoint.Part.ANSWER, point.a().part());
        assertEquals("4", a.answer().substring(point.a().chars().from(), point.a().chars().to()));
        assertEquals("5", b.answer().substring(point.b().chars().from(), point.b().chars().to()));
    }

    @Test
    void aVersionThatEndedFirstIsPlacedAtTheEndOfItsAnswer() {
        InspectedResponse a = response(List.of("Add.", "It is ", "4"), 1);
        InspectedResponse b = response(List.of("Add.", "It is ", "4", " surely"), 1);
        DivergencePoint point = DivergencePoint.locate(a, b, TraceComparer.divergence(a.tokens(), b.tokens()));
        assertEquals(new Span(a.answer().length(), a.answer().length()), point.a().chars());
        assertEquals(" surely", b.answer().substring(point.b().chars().from(), point.b().chars().to()));
    }

    @Test
    void identicalTokensHaveNoDivergence() {
        InspectedResponse a = response(List.of("Add.", "4"), 1);
        assertNull(DivergencePoint.locate(a, a, TraceComparer.divergence(a.tokens(), a.tokens())));
    }

    @Test
    void withoutTokensThePlaceIsTheFirstDifferingWord() {
        InspectedResponse a = new InspectedResponse("", "Add two and two. So four.", "4", null);
        InspectedResponse b = new InspectedResponse("", "Add two and twelve. So fourteen.", "14", a.tokens());
        DivergencePoint point = DivergencePoint.locate(a, b, null);
        assertFalse(point.tokenLevel());
        assertEquals("two", a.thinking().substring(point.a().chars().from(), point.a().chars().to()));
        assertEquals("twelve", b.thinking().substring(point.b().chars().from(), point.b().chars().to()));

        InspectedResponse c = new InspectedResponse("", "Same.", "It is 4.", null);
        InspectedResponse d = new InspectedResponse("", "Same.", "It is 5.", null);
        DivergencePoint inAnswer = DivergencePoint.locate(c, d, null);
        assertEquals(DivergencePoint.Part.ANSWER, inAnswer.a().part());
        assertEquals(new Span(6, 7), inAnswer.a().chars());
        assertNull(DivergencePoint.locate(c, c, null));
    }
}
