package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CombiningMarks#cap} against a naive reference: which UTF-16 units of the text are shown (a mark is hidden
 * when more than {@link CombiningMarks#MAX_RUN} marks come right before it), and offsets mapped by counting them.
 */
class CombiningMarksTest {

    /** Base letters, marks of the BMP (acute, enclosing circle, Devanagari vowel sign), a mark beyond it (U+1D167). */
    private static final String[] PIECES = {"a", "z", " ", "\n", "é", "\u0301", "\u20DD", "\u093F", "\uD834\uDD67",
            "\uD83D\uDE00"};

    /** Which UTF-16 units of {@code text} are shown, by the rule itself, a code point at a time. */
    private static boolean[] shownUnits(String text) {
        boolean[] shown = new boolean[text.length()];
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            run = CombiningMarks.isMark(c) ? run + 1 : 0;
            for (int k = 0; k < Character.charCount(c); k++) shown[i + k] = run <= CombiningMarks.MAX_RUN;
            i += Character.charCount(c);
        }
        return shown;
    }

    @Test
    void capMatchesTheNaiveRuleAndMapsEveryOffsetBothWays() {
        Random random = new Random(42);
        int cutTexts = 0;
        for (int t = 0; t < 2_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                String piece = PIECES[random.nextInt(PIECES.length)];
                int repeat = random.nextInt(5) == 0 ? 1 + random.nextInt(30) : 1;
                text.append(piece.repeat(repeat));
            }
            String s = text.toString();
            boolean[] shown = shownUnits(s);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < s.length(); i++) if (shown[i]) expected.append(s.charAt(i));
            CombiningMarks.Capped capped = CombiningMarks.cap(s);
            assertEquals(expected.toString(), capped.shown(), "text " + t);
            assertEquals(CombiningMarks.capped(s), capped.shown(), "the same as capped, text " + t);
            if (!expected.toString().equals(s)) cutTexts++;

            // toShown: the shown units before the offset. toText: where the shown unit at that offset is.
            int before = 0;
            for (int o = 0; o <= s.length(); o++) {
                assertEquals(before, capped.toShown(o), "text " + t + " offset " + o);
                if (o < s.length() && shown[o]) {
                    assertEquals(o, capped.toText(before), "text " + t + " shown offset " + before);
                    before++;
                }
            }
            assertEquals(s.length(), capped.toText(capped.shown().length()), "the end, text " + t);
        }
        assertTrue(cutTexts > 100, "texts with cuts: " + cutTexts);
    }

    @Test
    void aTextWithoutLongRunsIsShownAsItIs() {
        String text = "Tiếng Việt e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308";
        CombiningMarks.Capped capped = CombiningMarks.cap(text);
        assertSame(text, capped.shown());
        for (int o = 0; o <= text.length(); o++) {
            assertEquals(o, capped.toShown(o));
            assertEquals(o, capped.toText(o));
        }
    }
}
