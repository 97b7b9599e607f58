package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepSegmenterTest {

    private static List<String> texts(String text) {
        return StepSegmenter.segment(text).stream().map(s -> text.substring(s.from(), s.to())).toList();
    }

    @Test
    void everyNonBlankLineIsAStepWithoutItsSurroundingWhitespace() {
        String text = "First, add.\n\n  8 + 6 = 14.  \nCheck: 14 - 6 = 8.\n\n\n";
        assertEquals(List.of("First, add.", "8 + 6 = 14.", "Check: 14 - 6 = 8."), texts(text));
        assertEquals(List.of(), texts(" \n\n "));
        assertEquals(List.of(), texts(""));
    }

    @Test
    void aLongLineIsSplitIntoSentencesAndShortSentencesJoinTheNextOne() {
        String a = "The tens digit cycles through every value once in each block of one hundred pages here.";
        String b = "The units digit cycles ten times as often as the tens digit in the same block of pages.";
        String c = "So each block of a hundred pages holds twenty fours in the two lower places in total.";
        String d = "The last block is shorter, so it needs a separate count of its own before adding up.";
        String e = "That gives the count for the units and the tens places of every page in the whole book.";
        String line = "Wait. " + a + " " + b + " " + c + " " + d + " " + e;
        assertTrue(line.length() > StepSegmenter.LONG_LINE);
        assertEquals(List.of("Wait. " + a, b, c, d, e), texts(line));
    }

    @Test
    void abbreviationsDecimalsAndLowerCaseContinuationsDoNotEndASentence() {
        String a = "Take a number e.g. 9.11 and compare it with 9.9, i.e. the one with more digits vs. fewer digits.";
        String b = "Both have 9 as the whole part... so the decimals decide which of the two is larger in the end.";
        String c = "The tenths digit is 1 in the first and 9 in the second, and that settles the comparison here.";
        String d = "Nothing after the tenths can change that, because the tenths outweigh all later places at once.";
        String e = "So the second number is the larger one, whatever the hundredths digit of the first one says.";
        String line = a + " " + b + " " + c + " " + d + " " + e;
        assertEquals(List.of(a, b, c, d, e), texts(line));
    }

    @Test
    void aShortLastSentenceJoinsTheOneBefore() {
        String a = "X" + "x".repeat(149) + ".";
        String b = "Y" + "y".repeat(149) + ".";
        String c = "Z" + "z".repeat(149) + ".";
        String line = a + " " + b + " " + c + " Done.";
        assertEquals(List.of(a, b, c + " Done."), texts(line));
    }

    @Test
    void onRealTracesStepsAreDisjointOrderedAndCoverEveryNonBlankCharacter() {
        for (String file : TestTraces.R1_FILES) {
            String thinking = TestTraces.r1(file).thinking();
            List<Span> steps = StepSegmenter.segment(thinking);
            int previousEnd = 0;
            for (Span s : steps) {
                assertTrue(s.from() >= previousEnd && s.to() > s.from(), file + ": " + s);
                assertTrue(thinking.substring(previousEnd, s.from()).isBlank(), file + ": text between steps");
                String text = thinking.substring(s.from(), s.to());
                assertEquals(text.strip(), text, file + ": step with surrounding whitespace");
                previousEnd = s.to();
            }
            assertTrue(thinking.substring(previousEnd).isBlank(), file + ": text after the last step");
        }
    }

    @Test
    void onRealTracesNoStepIsLongerThanALongLineUnlessItIsOneSentence() {
        for (String file : TestTraces.R1_FILES) {
            String thinking = TestTraces.r1(file).thinking();
            for (Span s : StepSegmenter.segment(thinking)) {
                String text = thinking.substring(s.from(), s.to());
                if (text.length() > StepSegmenter.LONG_LINE) {
                    assertTrue(!text.contains("\n") && !text.matches("(?s).*[.!?] [A-Z].*"),
                            file + ": a long step with several sentences: " + text);
                }
            }
        }
    }

    @Test
    void stepsOfAPrefixUpToItsLastLineBreakAreTheFirstStepsOfTheWholeText() {
        String thinking = TestTraces.r1("09-qwen14b-squares-distance.json").thinking();
        List<Span> whole = StepSegmenter.segment(thinking);
        for (int cut = 0; cut <= thinking.length(); cut += 97) {
            String prefix = thinking.substring(0, cut);
            int lastBreak = prefix.lastIndexOf('\n');
            for (Span s : StepSegmenter.segment(prefix)) {
                if (s.to() <= lastBreak) assertTrue(whole.contains(s), "prefix of " + cut + " chars: " + s);
            }
        }
    }
}
