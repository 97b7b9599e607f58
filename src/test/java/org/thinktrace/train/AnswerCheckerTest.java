package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCheckerTest {

    @Test
    void takesTheLastBoldSpanAfterTheThinking() {
        String r = "<think>\nMaybe **12**? No.\n</think>\n\nThe sum is **13**.";
        assertEquals(Optional.of("13"), AnswerChecker.extract(r));
        assertTrue(AnswerChecker.isCorrect(r, "13"));
        assertFalse(AnswerChecker.isCorrect(r, "12"));
    }

    @Test
    void prefersBoxedAnswersAndHandlesNestedBraces() {
        assertEquals(Optional.of("\\frac{1}{2}"), AnswerChecker.extract("</think>\n\n**x** so \\boxed{\\frac{1}{2}}"));
        assertTrue(AnswerChecker.isCorrect("</think>\n\n\\boxed{42}", "42"));
    }

    @Test
    void responseWithoutAStatedAnswerIsWrong() {
        assertEquals(Optional.empty(), AnswerChecker.extract("<think>\n**7**\n</think>\n\nseven"));
        assertFalse(AnswerChecker.isCorrect("<think>\nstill thinking", "7"));
        assertFalse(AnswerChecker.isCorrect("</think>\n\n\\boxed{42", "42"));
    }

    @Test
    void comparesNumbersByValueAndListsAndWordsLoosely() {
        assertTrue(AnswerChecker.sameAnswer("9.90", "9.9"));
        assertTrue(AnswerChecker.sameAnswer("4,12 ,32", "4, 12, 32"));
        assertTrue(AnswerChecker.sameAnswer("\"Not Prime\".", "not prime"));
        assertFalse(AnswerChecker.sameAnswer("prime", "not prime"));
        assertFalse(AnswerChecker.sameAnswer("9.11", "9.9"));
        assertFalse(AnswerChecker.sameAnswer("-5", "5"));
    }
}
