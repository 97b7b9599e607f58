package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMessageTest {

    /** The line breaks a label draws: {@code \r\n} is one. */
    private static final String[] BREAKS = {"\n", "\n", "\n", "\r\n", "\r"};
    private static final java.util.regex.Pattern BREAK = java.util.regex.Pattern.compile("\r\n|\r|\n");

    /** A random text of short and long lines, some of them empty, with letters, spaces and emoji (surrogate pairs). */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(random.nextBoolean() ? 15 : 60);
        for (int line = 0; line < lines; line++) {
            if (line > 0) text.append(BREAKS[random.nextInt(BREAKS.length)]);
            int length = random.nextInt(random.nextInt(8) == 0 ? 600 : 60);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                if (kind == 0) text.append(' ');
                else if (kind == 1) text.appendCodePoint(0x1F600 + random.nextInt(40));
                else text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    @Test
    void aMessageIsLongPastTwelveLinesOrFifteenHundredCharacters() {
        assertFalse(LongMessage.isLong("a\n".repeat(11) + "b"));
        assertTrue(LongMessage.isLong("a\n".repeat(12) + "b"));
        assertFalse(LongMessage.isLong("x".repeat(LongMessage.SHOWN_CHARS)));
        assertTrue(LongMessage.isLong("x".repeat(LongMessage.SHOWN_CHARS + 1)));
        assertEquals(13, LongMessage.lines("a\n".repeat(12) + "b"));
        assertEquals(2, LongMessage.lines("a\n"));
        assertEquals(4, LongMessage.lines("a\r\nb\rc\n"), "CRLF is one break, a lone CR one too");
        assertTrue(LongMessage.isLong("a\r".repeat(12) + "b"));
        assertEquals("a\r\n".repeat(11) + "a", LongMessage.beginning("a\r\n".repeat(20)), "cut before the \\r");
    }

    @Test
    void theBeginningIsTheFirstTwelveLinesOrFifteenHundredCharactersNeverHalfACharacter() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            String text = randomText(random);
            assertEquals(BREAK.split(text, -1).length, LongMessage.lines(text));
            String beginning = LongMessage.beginning(text);
            // naive reference: up to the twelfth break, cut at 1,500 characters, one back inside a pair
            java.util.regex.Matcher breaks = BREAK.matcher(text);
            int end = text.length();
            for (int found = 0; breaks.find(); ) {
                if (++found == 12) {
                    end = breaks.start();
                    break;
                }
            }
            end = Math.min(end, LongMessage.SHOWN_CHARS);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))
                    && Character.isHighSurrogate(text.charAt(end - 1))) end--;
            assertEquals(text.substring(0, end), beginning, "round " + round);
            assertTrue(text.startsWith(beginning));
            if (!LongMessage.isLong(text)) assertEquals(text, beginning, "a short message is its own beginning");
        }
    }

    @Test
    void expandedAMessageShowsAtMostAHundredThousandCharacters() {
        String huge = "🙂".repeat(60_000);                   // 120,000 chars, pairs all the way
        String shown = LongMessage.expanded(huge);
        assertEquals(LongMessage.MOST_SHOWN_CHARS, shown.length());
        assertTrue(huge.startsWith(shown));
        String odd = "a" + huge;                            // the cut falls inside a pair: one fewer
        assertEquals(LongMessage.MOST_SHOWN_CHARS - 1, LongMessage.expanded(odd).length());
        assertEquals("short", LongMessage.expanded("short"));
    }
}
