package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoxedResultsTest {

    private static String marked(String content) {
        return BoxedResults.START + content + BoxedResults.END;
    }

    @Test
    void plainBoxedIsMarked() {
        assertEquals("The answer is " + marked("42") + ".", BoxedResults.mark("The answer is \\boxed{42}."));
    }

    @Test
    void nestedBracesStayInside() {
        assertEquals(marked("\\frac{1}{2}"), BoxedResults.mark("\\boxed{\\frac{1}{2}}"));
    }

    @Test
    void mathDelimitersAroundItGoAway() {
        assertEquals("So " + marked("7") + " done", BoxedResults.mark("So $\\boxed{7}$ done"));
        assertEquals(marked("7"), BoxedResults.mark("\\[ \\boxed{7} \\]"));
        assertEquals(marked("x"), BoxedResults.mark("$$\\boxed{x}$$"));
        assertEquals("a " + marked("1") + " b " + marked("2"), BoxedResults.mark("a \\(\\boxed{1}\\) b \\boxed{2}"));
    }

    @Test
    void unclosedBoxedIsLeftAsWritten() {
        assertEquals("\\boxed{oops", BoxedResults.mark("\\boxed{oops"));
    }

    @Test
    void textWithoutBoxedIsUnchanged() {
        assertEquals("# Title\n\n* item", BoxedResults.mark("# Title\n\n* item"));
    }
}
