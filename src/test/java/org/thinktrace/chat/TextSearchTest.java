package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSearchTest {

    /** Naive reference for ASCII text: lower-case both, then indexOf from after each match. */
    private static List<Integer> reference(String text, String needle) {
        List<Integer> out = new ArrayList<>();
        String t = text.toLowerCase(Locale.ROOT);
        String n = needle.toLowerCase(Locale.ROOT);
        for (int at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + n.length())) out.add(at);
        return out;
    }

    @Test
    void findsEveryMatchIgnoringCaseWithoutOverlaps() {
        assertEquals(List.of(0, 2), TextSearch.starts("aaaaa", "aa"));
        assertEquals(List.of(4, 19), TextSearch.starts("The Wait, and then wait again", "wait"));
        assertEquals(List.of(4, 14), TextSearch.starts("The Wait, and wait", "WAIT"));
        assertEquals(List.of(), TextSearch.starts("abc", " "), "a blank needle finds nothing");
        assertEquals(List.of(), TextSearch.starts("ab", "abc"));
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 80; i++) text.append("abAB ".charAt(random.nextInt(5)));
            StringBuilder needle = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) needle.append("abAB".charAt(random.nextInt(4)));
            assertEquals(reference(text.toString(), needle.toString()), TextSearch.starts(text.toString(), needle.toString()),
                    text + " / " + needle);
            List<Integer> all = TextSearch.starts(text.toString(), needle.toString());
            assertEquals(all.isEmpty() ? -1 : all.getFirst(), TextSearch.first(text.toString(), needle.toString()));
        }
    }

    @Test
    void aSnippetKeepsWholeWordsEitherSide() {
        String text = "one two three four five six seven EIGHT nine ten eleven twelve thirteen";
        int at = text.indexOf("EIGHT");
        TextSearch.Snippet s = TextSearch.snippet(text, at, at + 5, 5);
        assertEquals("three four five six seven ", s.before());
        assertEquals("EIGHT", s.match());
        assertEquals(" nine ten eleven twelve thirteen", s.after());
        assertTrue(s.cutBefore());
        assertFalse(s.cutAfter());
        assertEquals("…three four five six seven EIGHT nine ten eleven twelve thirteen", s.toString());
    }

    @Test
    void aMatchInsideAWordKeepsTheRestOfThatWord() {
        String text = "we concatenate\n\nthe   strings";
        int at = text.indexOf("cat");
        TextSearch.Snippet s = TextSearch.snippet(text, at, at + 3, 1);
        assertEquals("we con", s.before());
        assertEquals("enate the", s.after(), "whitespace and line breaks collapse to one space");
        assertFalse(s.cutBefore());
        assertTrue(s.cutAfter());
    }

    @Test
    void longWordsAreCutToTheSideLimit() {
        String text = "x".repeat(200) + " needle " + "y".repeat(200);
        int at = text.indexOf("needle");
        TextSearch.Snippet s = TextSearch.snippet(text, at, at + 6, 5);
        assertEquals(TextSearch.SNIPPET_MAX_SIDE, s.before().length());
        assertEquals(TextSearch.SNIPPET_MAX_SIDE, s.after().length());
        assertTrue(s.cutBefore() && s.cutAfter());
    }

    @Test
    void aSideCutInsideACharacterOutsideTheBasicPlaneKeepsItWholeOrLeavesItOut() {
        for (String pad : List.of("", "a")) {
            String text = pad + "\uD83D\uDE00".repeat(100) + " needle " + "\uD83D\uDE00".repeat(100) + pad;
            int at = text.indexOf("needle");
            TextSearch.Snippet s = TextSearch.snippet(text, at, at + 6, 5);
            for (String side : List.of(s.before(), s.after())) {
                assertTrue(side.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE),
                        "no half character in '" + side + "'");
                assertTrue(side.length() >= TextSearch.SNIPPET_MAX_SIDE - 1 && side.length() <= TextSearch.SNIPPET_MAX_SIDE);
            }
        }
    }

    @Test
    void aConversationsSnippetIsItsFirstMatchInMessageOrder() {
        Conversation c = Samples.twoTurns(2_000L); // "What is 2+2?", then the selected version "Two and two." / \boxed{4}
        Optional<TextSearch.Snippet> inThinking = ConversationSearch.snippet(c, "TWO");
        assertEquals("Two", inThinking.orElseThrow().match());
        assertEquals(" and two.", inThinking.orElseThrow().after());
        assertEquals("2+2?", ConversationSearch.snippet(c, "2+2").orElseThrow().toString().substring(8));
        assertEquals("boxed", ConversationSearch.snippet(c, "boxed").orElseThrow().match());
        assertTrue(ConversationSearch.snippet(c, "Arithmetic").isEmpty(), "only the title matches");
        assertTrue(ConversationSearch.snippet(c, "Let me add").isEmpty(), "versions not shown are not searched");
        assertEquals(c.contains("two"), ConversationSearch.snippet(c, "two").isPresent());
    }
}
