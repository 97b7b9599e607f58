package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    private static String answer(String text) {
        return AnswerExtractor.find(text).orElse(null);
    }

    @Test
    void boxedBeatsBoldBeatsTheLastNumberBeatsTheLastWord() {
        assertEquals("59", answer("**61** was wrong; the answer is \\boxed{59}. Also 60."));
        assertEquals("9.11", answer("**9.11** is larger than 9.9."));
        assertEquals("1194", answer("738 + 456 = 1194"));
        assertEquals("no", answer("The answer is no."));
        assertEquals(Optional.empty(), AnswerExtractor.find("…"));
        assertEquals(Optional.empty(), AnswerExtractor.find(null));
        assertEquals("", AnswerExtractor.extract("…"), "the function form gives \"\" for no answer");
    }

    @Test
    void theFirstBoldThatIsNotALabelAndTheFirstLinesNumberComeFirst() {
        assertEquals("9.9", answer("**9.9** is larger than **9.11**."));
        assertEquals("59", answer("**Answer:** **59**"));
        assertEquals("1194", answer("738 + 456 = 1194\n\nCheck: 1194 - 456 = 738."));
        assertEquals("738", answer("The sum checks out.\n\nCheck: 1194 - 456 = 738."));
        assertEquals("prime", answer("It is prime.\nBecause no divisor works."));
    }

    @Test
    void boxedTakesTheLastBalancedOneAndUnwrapsText() {
        assertEquals("\\frac{1}{2}", answer("\\boxed{3} first, then \\boxed{\\frac{1}{2}}"));
        assertEquals("not prime", answer("\\boxed{\\text{Not prime}}"));
        assertEquals("5", answer("\\boxed{5} and an unclosed \\boxed{6"));
    }

    @Test
    void normalisationStripsFormattingCommasZerosAndTrailingPunctuation() {
        assertEquals("1194.5", AnswerExtractor.normalise("$1,194.50$."));
        assertEquals("9.9", AnswerExtractor.normalise(" 9.90 "));
        assertEquals("0", AnswerExtractor.normalise("-0.0"));
        assertEquals("-2", AnswerExtractor.normalise("(-2)"));
        assertEquals("not prime", AnswerExtractor.normalise("\"Not  prime!\""));
        assertEquals("3", answer("There are **3** r's in \"strawberry\"."));
        assertEquals("1194", answer("The sum is 1,194."));
        assertTrue(AnswerExtractor.same("**9.9**", "9.90"));
        assertFalse(AnswerExtractor.same("9.11", "9.9"));
    }

    @Test
    void onlyTextAfterTheThinkingCountsWhenTheTagIsPresent() {
        assertEquals("59", answer("<think>maybe 61</think>\n\nIt is 59."));
    }

    @Test
    void theRealTracesAnswersMatchTheirRecordedBoxedAnswers() {
        for (String file : TestTraces.R1_FILES) {
            JsonNode n = TestTraces.r1Json(file);
            String expected = AnswerExtractor.normalise(n.get("extracted_answer").asText());
            assertEquals(expected, answer(n.get("answer").asText()), file);
        }
    }

    @Test
    void theBundledModelsAnswers() {
        assertEquals("9.11", TraceInspector.inspect(TestTraces.bundled("decimal-compare-greedy.jsonl")).answer());
        assertEquals("9.9", TraceInspector.inspect(TestTraces.bundled("decimal-compare-t1-seed4.jsonl")).answer());
        assertEquals("1194", TraceInspector.inspect(TestTraces.bundled("addition-greedy.jsonl")).answer());
        assertEquals("not prime", TraceInspector.inspect(TestTraces.bundled("prime-91-greedy.jsonl")).answer());
        assertEquals("408", TraceInspector.inspect(TestTraces.bundled("multiplication-greedy.jsonl")).answer());
    }

    @Test
    void anAnswerHeadingIsNotTheAnswer() {
        // R1 heads its answer with "**Final Answer**"; the word fallback must not read the heading's "Answer"
        assertEquals("paris", answer("**Final Answer**\nThe capital of France is Paris."));
        assertEquals("paris", answer("**Answer:**\n\nParis"));
        assertEquals("paris", answer("## Final Answer\nParis"));
        assertEquals(Optional.empty(), AnswerExtractor.find("**Final Answer**"));
        assertEquals("3", answer("We have 3 cases:\nall fine"), "only answer headings are skipped");
    }

    @Test
    void fractionsAndSignsAreReadWhole() {
        assertEquals("3/4", answer("The answer is 3/4."));
        assertEquals("-3/4", answer("So x = -3/4"));
        assertEquals("\\frac{1}{2}", answer("The probability is $\\frac{1}{2}$."), "as a boxed \\frac reads");
        assertTrue(AnswerExtractor.same("\\dfrac{1}{2}", "\\frac{1}{2}"));
        assertEquals("-5", answer("The answer is \u22125."), "a Unicode minus sign is a minus");
        assertTrue(AnswerExtractor.same("\u22125", "-5"));
        assertEquals("1000", answer("\\boxed{1{,}000}"), "LaTeX's {,} thousands separator");
    }

    @Test
    void anInterimAnswerIsReadPastALineThatOnlyHeadsIt() {
        assertEquals("42", ConvergenceProbe.FIRST_LINE_ANSWER.apply("**Final Answer**\n\\boxed{42}\nWait, 43?"));
        assertEquals("42", ConvergenceProbe.FIRST_LINE_ANSWER.apply("\n\nAnswer:\n\n42 apples.\nThen 17 more"));
        assertEquals("17", ConvergenceProbe.FIRST_LINE_ANSWER.apply("17.\nWait, 17 + 25 = 42"), "drifting on: the first line");
        assertEquals("", ConvergenceProbe.FIRST_LINE_ANSWER.apply("**Final Answer**"));
    }
}
