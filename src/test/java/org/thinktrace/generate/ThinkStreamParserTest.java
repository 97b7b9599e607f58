package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThinkStreamParserTest {

    /** What a whole response splits into, computed at once from the full text (the naive reference). */
    record Split(String thinking, String answer, boolean unfinished) {
    }

    static Split reference(String text, boolean startsInThinking) {
        String body;
        if (startsInThinking) {
            body = text;
        } else {
            String s = text.stripLeading();
            if (!s.startsWith("<think>")) return new Split("", s, false);
            body = s.substring("<think>".length());
        }
        int close = body.indexOf("</think>");
        if (close < 0) return new Split(body.strip(), "", true);
        return new Split(body.substring(0, close).strip(), body.substring(close + "</think>".length()).stripLeading(), false);
    }

    /** Runs the parser over the chunks and joins the segments per phase, checking thinking never follows answer. */
    static Split parse(List<String> chunks, boolean startsInThinking) {
        ThinkStreamParser parser = new ThinkStreamParser(startsInThinking);
        List<ThinkStreamParser.Segment> segments = new ArrayList<>();
        for (String chunk : chunks) segments.addAll(parser.push(chunk));
        segments.addAll(parser.finish());
        StringBuilder thinking = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (ThinkStreamParser.Segment s : segments) {
            assertFalse(s.text().isEmpty(), "empty segment");
            if (s.phase() == Phase.THINKING) {
                assertEquals(0, answer.length(), "thinking after answer in " + chunks);
                thinking.append(s.text());
            } else {
                answer.append(s.text());
            }
        }
        return new Split(thinking.toString(), answer.toString(), parser.thinkingUnfinished());
    }

    static List<String> randomChunks(String text, SplittableRandom random) {
        List<String> chunks = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int n = 1 + random.nextInt(Math.min(9, text.length() - i));
            chunks.add(text.substring(i, i + n));
            i += n;
        }
        return chunks;
    }

    static List<String> singleChars(String text) {
        return text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    static final List<String> SAMPLES = List.of(
            "<think>\nLet me add 2 and 2.\nThat is 4.\n</think>\n\nThe answer is **4**.",
            "  \n<think>x</think>y",
            "<think>\n\n</think>\n\nHi!",
            "Just an answer, no thinking.",
            "\n\nAnswer after blank lines <think> is text here </think> too",
            "<think>unfinished thoughts \n",
            "<think>a </thin b </think  c </think>\n\n\n  d",
            "<thinking>not a tag</thinking>",
            "<thi",
            "   ",
            "",
            "<think></think>",
            "<<think>>",
            "Wait, </think> appears before any opening tag");

    @Test
    void everyChunkingGivesTheSameSplitAsTheWholeText() {
        SplittableRandom random = new SplittableRandom(7);
        for (boolean startsInThinking : new boolean[] {false, true}) {
            for (String text : SAMPLES) {
                Split expected = reference(text, startsInThinking);
                assertEquals(expected, parse(List.of(text), startsInThinking), text);
                assertEquals(expected, parse(singleChars(text), startsInThinking), text);
                for (int round = 0; round < 200; round++) {
                    List<String> chunks = randomChunks(text, random);
                    assertEquals(expected, parse(chunks, startsInThinking), "chunks " + chunks);
                }
            }
        }
    }

    @Test
    void randomTextsBuiltFromTagFragmentsSplitLikeTheReference() {
        String[] pieces = {"<think>", "</think>", "<", "</", "think", ">", " ", "\n", "a", "b c", "<th", "/think>", "\t"};
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) text.append(pieces[random.nextInt(pieces.length)]);
            boolean startsInThinking = random.nextBoolean();
            Split expected = reference(text.toString(), startsInThinking);
            assertEquals(expected, parse(randomChunks(text.toString(), random), startsInThinking), "text '" + text + "'");
            assertEquals(expected, parse(singleChars(text.toString()), startsInThinking), "text '" + text + "'");
        }
    }

    @Test
    void thinkingOpenedByThePromptClosesOnTheEndTag() {
        Split split = parse(List.of("Let me think.\n</th", "ink>\n\n", "Yes."), true);
        assertEquals(new Split("Let me think.", "Yes.", false), split);
    }

    @Test
    void thinkingLeftOpenIsKeptAndFlaggedUnfinished() {
        ThinkStreamParser parser = new ThinkStreamParser(false);
        parser.push("<think>still going </th");
        assertTrue(parser.thinkingUnfinished());
        List<ThinkStreamParser.Segment> rest = parser.finish();
        assertEquals(List.of(new ThinkStreamParser.Segment(Phase.THINKING, " </th")), rest);
        assertTrue(parser.thinkingUnfinished());
    }

    @Test
    void aPartialCloseTagIsHeldBackUntilItIsDecided() {
        ThinkStreamParser parser = new ThinkStreamParser(true);
        assertEquals(List.of(new ThinkStreamParser.Segment(Phase.THINKING, "abc")), parser.push("abc</thi"));
        assertEquals(Phase.THINKING, parser.phase());
        assertEquals(List.of(), parser.push("nk>"));
        assertEquals(Phase.ANSWER, parser.phase());
        assertTrue(parser.thinkingClosed());
        assertEquals(List.of(), parser.push("\n\n"));
        assertEquals(List.of(new ThinkStreamParser.Segment(Phase.ANSWER, "Done")), parser.push("Done"));
    }

    @Test
    void aResponseWithoutThinkingIsAllAnswer() {
        ThinkStreamParser parser = new ThinkStreamParser(false);
        assertEquals(List.of(new ThinkStreamParser.Segment(Phase.ANSWER, "Hello")), parser.push("\nHello"));
        assertFalse(parser.sawThinking());
        assertFalse(parser.thinkingUnfinished());
    }

    @Test
    void partialTagLengthFindsTheLongestTagPrefixAtTheEnd() {
        assertEquals(0, ThinkStreamParser.partialTagLength("abc", "</think>"));
        assertEquals(1, ThinkStreamParser.partialTagLength("abc<", "</think>"));
        assertEquals(7, ThinkStreamParser.partialTagLength("x</think", "</think>"));
        assertEquals(0, ThinkStreamParser.partialTagLength("</think>", "</think>"));
    }
}
