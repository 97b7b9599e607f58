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

    @Test
    void boxedInFencedCodeIsLeftAsWritten() {
        assertEquals("```latex\n$\\boxed{x}$\n```\nSo " + marked("y"), BoxedResults.mark("```latex\n$\\boxed{x}$\n```\nSo \\boxed{y}"));
        assertEquals("~~~\n\\boxed{x}\n~~~\n" + marked("y"), BoxedResults.mark("~~~\n\\boxed{x}\n~~~\n\\boxed{y}"));
        // A closing fence is at least as long as the opening one, of the same character.
        String notClosed = "````\n```\n~~~~\n\\boxed{x}\n";
        assertEquals(notClosed, BoxedResults.mark(notClosed));
    }

    @Test
    void anUnclosedFenceIsCodeToTheEndOfTheText() {
        // As CommonMark reads it, and as an answer streams: the fence is closed only later.
        assertEquals("Code:\n```\n\\boxed{x}\n", BoxedResults.mark("Code:\n```\n\\boxed{x}\n"));
        assertEquals("  ```\n\\boxed{x}", BoxedResults.mark("  ```\n\\boxed{x}"));
    }

    @Test
    void aFenceInAQuoteOrListItemEndsWithIt() {
        assertEquals("> ```\n> \\boxed{x}\n\n" + marked("y"), BoxedResults.mark("> ```\n> \\boxed{x}\n\n\\boxed{y}"));
        assertEquals("1. Code:\n   ```\n   \\boxed{x}\n\nSo " + marked("y"),
                BoxedResults.mark("1. Code:\n   ```\n   \\boxed{x}\n\nSo \\boxed{y}"));
        assertEquals("- ```\n  \\boxed{x}\n  ```\n\n  So " + marked("y"),
                BoxedResults.mark("- ```\n  \\boxed{x}\n  ```\n\n  So \\boxed{y}"));
    }

    @Test
    void boxedInIndentedCodeIsLeftAsWritten() {
        assertEquals("Text\n\n    \\boxed{x}\n\nSo " + marked("y"), BoxedResults.mark("Text\n\n    \\boxed{x}\n\nSo \\boxed{y}"));
        assertEquals("- item\n\n      \\boxed{x}", BoxedResults.mark("- item\n\n      \\boxed{x}"));
        // Not code: a paragraph's next line, and a list item's paragraph indented as its item.
        assertEquals("So\n    " + marked("5"), BoxedResults.mark("So\n    \\boxed{5}"));
        assertEquals("- Outer\n  - Inner\n\n    So " + marked("5"), BoxedResults.mark("- Outer\n  - Inner\n\n    So \\boxed{5}"));
    }

    @Test
    void boxedInInlineCodeIsLeftAsWritten() {
        assertEquals("`\\boxed{x}` and " + marked("y"), BoxedResults.mark("`\\boxed{x}` and \\boxed{y}"));
        assertEquals("`` a ` $\\boxed{x}$ `` " + marked("y"), BoxedResults.mark("`` a ` $\\boxed{x}$ `` \\boxed{y}"));
        assertEquals("`a\n\\boxed{x}`", BoxedResults.mark("`a\n\\boxed{x}`"));
        // Backticks that open no code span are text; so is an escaped one, and a code span ends with its paragraph.
        assertEquals("` " + marked("x"), BoxedResults.mark("` \\boxed{x}"));
        assertEquals("\\` " + marked("x") + " `", BoxedResults.mark("\\` \\boxed{x} `"));
        assertEquals("`a\n\n" + marked("x") + "`", BoxedResults.mark("`a\n\n\\boxed{x}`"));
        // Backticks inside a result are its content.
        assertEquals(marked("`n`") + " and `code`", BoxedResults.mark("\\boxed{`n`} and `code`"));
    }
}
