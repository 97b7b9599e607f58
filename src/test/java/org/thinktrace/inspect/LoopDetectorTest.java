package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoopDetectorTest {

    private static List<TraceLoop> loops(String thinking) {
        return LoopDetector.find(thinking, new StepTagger("").steps(thinking));
    }

    @Test
    void aStepRepeatedThreeTimesIsALoopWithItsOccurrences() {
        String thinking = "Let me add the tens.\nSo the total is 42.\nWait, let me add again.\nSo the total is 42!\n"
                + "Check once more.\n  so THE total is 42  ";
        List<TraceLoop> found = loops(thinking);
        assertEquals(1, found.size());
        TraceLoop loop = found.getFirst();
        assertEquals(TraceLoop.Kind.STEP, loop.kind());
        assertEquals("So the total is 42.", loop.text());
        assertEquals(List.of(1, 3, 5), loop.occurrences().stream().map(TraceLoop.Occurrence::step).toList());
        for (TraceLoop.Occurrence o : loop.occurrences()) {
            String text = thinking.substring(o.chars().from(), o.chars().to());
            assertEquals("so the total is 42", LoopDetector.normalise(text));
        }
    }

    @Test
    void twiceIsNotALoopAndSignsAreNotPunctuation() {
        assertEquals(List.of(), loops("So the total is 42.\nSo the total is 42.\nThen stop here now."));
        assertEquals(List.of(), loops("Number is -1 mod 2.\nNumber is 1 mod 2.\nNumber is -1 mod 2."));
    }

    @Test
    void aRunOfTwelveWordsRepeatedInsideLongerStepsIsOneLoopCoveringTheWholeRun() {
        String run = "the smaller square has a perimeter of four so each side is one centimetre long";
        String thinking = "First, " + run + ", fine.\nWait, " + run + " again.\nHmm, so " + run + " as said.";
        List<TraceLoop> found = loops(thinking);
        assertEquals(1, found.size(), found.toString());
        TraceLoop loop = found.getFirst();
        assertEquals(TraceLoop.Kind.NGRAM, loop.kind());
        assertEquals(run, loop.text());
        assertEquals(List.of(0, 1, 2), loop.occurrences().stream().map(TraceLoop.Occurrence::step).toList());
        int from = 0;
        for (TraceLoop.Occurrence o : loop.occurrences()) {
            int at = thinking.indexOf(run, from);
            assertEquals(new Span(at, at + run.length()), o.chars());
            from = at + 1;
        }
    }

    @Test
    void elevenRepeatedWordsAreNotALoop() {
        String run = "one two three four five six seven eight nine ten eleven";
        assertEquals(List.of(), loops("A " + run + " b.\nC " + run + " d.\nE " + run + " f."));
    }

    @Test
    void aDegenerateRepetitionIsReportedOnceWithNonOverlappingOccurrences() {
        String thinking = "the ".repeat(60).strip();
        List<TraceLoop> found = loops(thinking);
        assertEquals(1, found.size());
        List<TraceLoop.Occurrence> occ = found.getFirst().occurrences();
        assertEquals(60 / LoopDetector.NGRAM_WORDS, occ.size());
        for (int i = 1; i < occ.size(); i++) assertTrue(occ.get(i).chars().from() >= occ.get(i - 1).chars().to());
    }

    @Test
    void aRepetitionShorterThanTheWindowHasOccurrencesThatDoNotOverlap() {
        // five words repeated: the 12-word windows repeat every 5 words, the run grows past the next occurrence
        String thinking = "Wait, that is not right. ".repeat(10).strip();
        List<TraceLoop> found = loops(thinking);
        assertEquals(1, found.size(), found.toString());
        List<TraceLoop.Occurrence> occ = found.getFirst().occurrences();
        assertTrue(occ.size() >= LoopDetector.MIN_REPEATS, occ.toString());
        for (int i = 1; i < occ.size(); i++) {
            assertTrue(occ.get(i).chars().from() >= occ.get(i - 1).chars().to(), "overlapping occurrences " + occ);
        }
    }

    @Test
    void trace04RepeatsItsVerdictOnFiftyNine() {
        String thinking = TestTraces.r1("04-qwen1.5b-remainders.json").thinking();
        long lines = thinking.lines().filter(l -> l.strip().equals("Therefore, 59 is correct.")).count();
        assertEquals(3, lines, "the trace says it three times");
        List<TraceLoop> found = LoopDetector.find(thinking, new StepTagger("").steps(thinking));
        assertTrue(found.stream().anyMatch(l -> l.kind() == TraceLoop.Kind.STEP
                && l.text().equals("Therefore, 59 is correct.") && l.occurrences().size() == 3), found.toString());
    }

    @Test
    void reportedWordLoopsOnARealTraceDoNotOverlapAndReallyRepeat() {
        String thinking = TestTraces.r1("09-qwen14b-squares-distance.json").thinking();
        List<TraceLoop> found = LoopDetector.find(thinking, new StepTagger("").steps(thinking));
        assertTrue(found.size() >= 3, "the trace keeps re-reading the figure: " + found.size());
        for (TraceLoop loop : found) {
            assertTrue(loop.occurrences().size() >= LoopDetector.MIN_REPEATS);
            for (TraceLoop.Occurrence o : loop.occurrences()) {
                String words = LoopDetector.normalise(thinking.substring(o.chars().from(), o.chars().to()))
                        .replaceAll("[^\\p{L}\\p{N}]+", " ");
                assertEquals(LoopDetector.normalise(loop.text()).replaceAll("[^\\p{L}\\p{N}]+", " "), words);
            }
        }
    }
}
