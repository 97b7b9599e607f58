package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerStylerTest {

    private static final String B = AnswerStyler.BOLD;
    private static final String NB = AnswerStyler.NOT_BOLD;
    private static final String C = AnswerStyler.CODE;
    private static final String NC = AnswerStyler.NOT_CODE;

    /** The whole text at once, and cut at every position into two pieces: the same output. */
    private static String styled(String text) {
        AnswerStyler whole = new AnswerStyler();
        String expected = whole.feed(text) + whole.finish();
        for (int cut = 0; cut <= text.length(); cut++) {
            AnswerStyler pieces = new AnswerStyler();
            String out = pieces.feed(text.substring(0, cut)) + pieces.feed(text.substring(cut)) + pieces.finish();
            assertEquals(expected, out, "cut at " + cut);
        }
        return expected;
    }

    @Test
    void boldAndInlineCodeLoseTheirMarkers() {
        assertEquals("The answer is " + B + "391" + NB + "; see " + C + "x * y" + NC + ".",
                styled("The answer is **391**; see `x * y`."));
    }

    @Test
    void arithmeticStarsStayText() {
        assertEquals("17 * 23 = 391", styled("17 * 23 = 391"));
    }

    @Test
    void fencedBlocksAreColouredWithTheirFences() {
        assertEquals("Code:\n" + C + "```java\nint **x** = `1`;\n```" + NC + "\nDone.",
                styled("Code:\n```java\nint **x** = `1`;\n```\nDone."));
    }

    @Test
    void unclosedStylesAreClosedAtTheEnd() {
        assertEquals(B + "cut short" + NB, styled("**cut short"));
        assertEquals(C + "a" + NC + "\nb", styled("`a\nb"));
    }
}
