package org.thinktrace.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTaggerTest {

    private static final StepTagger NO_QUESTION = new StepTagger("");

    private static StepTag tag(String text) {
        return NO_QUESTION.tag(text, 10);
    }

    @Test
    void tagNamesAreTheDocumentedOnes() {
        assertEquals(List.of("restate", "plan", "compute", "recall", "uncertainty", "check", "backtrack", "conclude"),
                java.util.Arrays.stream(StepTag.values()).map(StepTag::jsonName).toList());
        assertEquals(StepTag.BACKTRACK, StepTag.fromJsonName("backtrack"));
    }

    @Test
    void eachRuleOnItsOwn() {
        assertEquals(StepTag.BACKTRACK, tag("Hmm, that doesn't work either."));
        assertEquals(StepTag.BACKTRACK, tag("Let me try another way."));
        assertEquals(StepTag.CONCLUDE, tag("So the answer is 59."));
        assertEquals(StepTag.CONCLUDE, tag("Therefore, the least positive integer is 59."));
        assertEquals(StepTag.CHECK, tag("Let me verify this."));
        assertEquals(StepTag.CHECK, tag("Check: 1194 - 456 = 738. Correct."));
        assertEquals(StepTag.UNCERTAINTY, tag("Hold on, the tens place might be different."));
        assertEquals(StepTag.UNCERTAINTY, tag("Actually, the hundreds place needs more thought."));
        assertEquals(StepTag.RESTATE, tag("The problem says the book has 488 pages."));
        assertEquals(StepTag.RECALL, tag("The formula for the slope is rise over run."));
        assertEquals(StepTag.RECALL, tag("A prime is defined as a number with exactly two divisors."));
        assertEquals(StepTag.COMPUTE, tag("7 × 13 = 91"));
        assertEquals(StepTag.COMPUTE, tag("So 2 plus 3 is 5."));
        assertEquals(StepTag.PLAN, tag("First, I need to find the tens digit of every page."));
        assertEquals(StepTag.PLAN, tag("I should count the digits place by place."));
        assertEquals(StepTag.COMPUTE, tag("The number of pages is large."), "no cue: compute");
    }

    @Test
    void precedenceFollowsTheDocumentedOrder() {
        assertEquals(StepTag.BACKTRACK, tag("Therefore 61, but that doesn't work."), "backtrack over conclude");
        assertEquals(StepTag.CONCLUDE, tag("So, after double-checking, the answer is 59."), "conclude over check");
        assertEquals(StepTag.CHECK, tag("Wait, let me double-check that."), "check over uncertainty");
        assertEquals(StepTag.UNCERTAINTY, tag("Hmm, the problem says the remainder is 2."), "uncertainty over restate");
        assertEquals(StepTag.RESTATE, NO_QUESTION.tag("I need to find the slope. I remember the formula for slope.",
                0), "restate over recall");
        assertEquals(StepTag.RECALL, tag("I remember that 7 × 13 = 91."), "recall over compute");
        assertEquals(StepTag.COMPUTE, tag("Let me compute 5 + 3 = 8."), "compute over plan");
    }

    @Test
    void aSuspectedMistakeIsNotABacktrackButAnAdmittedOneIs() {
        assertNotEquals(StepTag.BACKTRACK, tag("Wait, perhaps I made a mistake in finding the LCM."));
        assertEquals(StepTag.BACKTRACK, tag("Hmm, I must have made a mistake."));
        assertNotEquals(StepTag.BACKTRACK, tag("Let me make sure I didn't make a mistake."));
    }

    @Test
    void overlapWithTheQuestionRestatesOnlyNearTheStart() {
        StepTagger tagger = new StepTagger("Each page number of a 488-page book is printed one time.");
        String restated = "Every page number of the 488 page book gets printed once.";
        assertEquals(StepTag.RESTATE, tagger.tag(restated, 1));
        assertNotEquals(StepTag.RESTATE, tagger.tag(restated, StepTagger.RESTATE_WINDOW));
    }

    @Test
    void fillersAndListMarkersDoNotHideTheOpening() {
        assertEquals(StepTag.UNCERTAINTY, tag("Okay, so wait, the tens place is different."));
        assertEquals(StepTag.CONCLUDE, tag("**Final Answer**"));
        assertEquals(StepTag.PLAN, tag("2. Let me count the hundreds place."));
    }

    private static List<TraceStep> r1Steps(String file) {
        return TraceInspector.steps(TestTraces.r1(file));
    }

    private static TraceStep stepStarting(List<TraceStep> steps, String start) {
        return steps.stream().filter(s -> s.text().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no step starts with " + start));
    }

    @Test
    void trace04MarksTheCorrectionFrom61To59WhereItHappens() {
        List<TraceStep> steps = r1Steps("04-qwen1.5b-remainders.json");
        TraceStep claim = stepStarting(steps, "Therefore, Number = 60 + 1 = 61.");
        TraceStep test = stepStarting(steps, "Let me check if 61 satisfies");
        TraceStep failure = stepStarting(steps, "b) 61 ÷ 3 = 20 with a remainder of 1.");
        TraceStep doubt = stepStarting(steps, "Wait, but earlier I thought Number = 61. Now");
        TraceStep fixed = stepStarting(steps, "Therefore, Number + 1 = 60, so Number = 59.");
        assertEquals(StepTag.CONCLUDE, claim.tag());
        assertEquals(StepTag.CHECK, test.tag());
        assertEquals(StepTag.BACKTRACK, failure.tag());
        assertEquals(StepTag.UNCERTAINTY, doubt.tag());
        assertEquals(StepTag.CONCLUDE, fixed.tag());
        assertTrue(claim.index() < test.index() && test.index() < failure.index() && failure.index() < fixed.index()
                && fixed.index() < doubt.index());
        for (TraceStep s : steps.subList(test.index(), fixed.index())) {
            if (s.text().contains("61") && s.text().matches("(?s).*(Wait|mistake|not right|not correct).*")) {
                assertTrue(EnumSet.of(StepTag.UNCERTAINTY, StepTag.BACKTRACK, StepTag.CHECK).contains(s.tag()),
                        "step " + s.index() + " (" + s.tag() + "): " + s.text());
            }
        }
    }

    @Test
    void everyRealTraceHasAConcludeStepAmongItsLastFour() {
        for (String file : TestTraces.R1_FILES) {
            List<TraceStep> steps = r1Steps(file);
            List<TraceStep> last = steps.subList(Math.max(0, steps.size() - 4), steps.size());
            assertTrue(last.stream().anyMatch(s -> s.tag() == StepTag.CONCLUDE), file + ": " + last);
        }
    }

    @Test
    void waitAndHmmStepsAreDoubtOrOneOfTheRulesThatOutrankIt() {
        EnumSet<StepTag> allowed = EnumSet.of(StepTag.UNCERTAINTY, StepTag.CHECK, StepTag.BACKTRACK,
                StepTag.CONCLUDE);
        int waits = 0;
        int doubts = 0;
        for (String file : TestTraces.R1_FILES) {
            for (TraceStep s : r1Steps(file)) {
                if (!s.text().matches("(?s)^(Wait|Hmm|Hold on|Actually)\\b.*")) continue;
                waits++;
                if (s.tag() == StepTag.UNCERTAINTY) doubts++;
                assertTrue(allowed.contains(s.tag()), file + " step " + s.index() + " (" + s.tag() + "): " + s.text());
                if (s.tag() != StepTag.UNCERTAINTY) {
                    assertTrue(s.text().matches("(?is).*(check|verif|confirm|correct|right|mistake|wrong|work"
                            + "|differently|therefore|thus|answer|indeed).*"), "no outranking cue: " + s.text());
                }
            }
        }
        assertTrue(waits >= 80, "the traces have many Wait steps: " + waits);
        assertTrue(doubts * 2 > waits, doubts + " of " + waits + " Wait steps are uncertainty");
    }

    @Test
    void trace03sDoubleCheckPassesAreChecks() {
        List<TraceStep> steps = r1Steps("03-qwen1.5b-slope.json");
        assertEquals(StepTag.RESTATE, steps.getFirst().tag());
        assertEquals(StepTag.CHECK, stepStarting(steps, "Wait, that seems a bit steep").tag());
        assertEquals(StepTag.CHECK, stepStarting(steps, "Starting with the numerator:").tag());
        assertEquals(StepTag.CHECK, stepStarting(steps, "Denominator: x2 is 2").tag());
        assertEquals(StepTag.CONCLUDE, steps.getLast().tag());
        // a short "So" step that names the question's terms and computes states a result
        assertEquals(StepTag.CONCLUDE, stepStarting(steps, "So now, the slope is -10 divided by 5").tag());
        assertEquals(StepTag.COMPUTE, stepStarting(steps, "Let me compute the numerator first.").tag());
        // a sentence opening "Therefore" consolidates a result, even an intermediate one
        assertEquals(StepTag.CONCLUDE, stepStarting(steps, "Now, the denominator is 2 minus (-3).").tag());
    }

    @Test
    void handLabelledStepsOfOtherTraces() {
        assertEquals(StepTag.RESTATE, r1Steps("01-r1-decimal-compare.json").getFirst().tag());
        assertEquals(StepTag.CONCLUDE, stepStarting(r1Steps("01-r1-decimal-compare.json"), "**Final Answer**").tag());
        List<TraceStep> sine = r1Steps("05-llama8b-sin-intercepts.json");
        assertEquals(StepTag.RECALL, stepStarting(sine, "First, I remember that the x-intercepts").tag());
        assertEquals(StepTag.CHECK, stepStarting(sine, "6. Number of integers is").tag());
        assertEquals(StepTag.CHECK, stepStarting(sine, "Wait a second, let me double-check my steps").tag());
        List<TraceStep> squares = r1Steps("09-qwen14b-squares-distance.json");
        assertEquals(StepTag.BACKTRACK, stepStarting(squares, "Wait, maybe I'm overcomplicating.").tag());
        assertEquals(StepTag.UNCERTAINTY,
                stepStarting(squares, "Wait, maybe I need to figure out the positions").tag());
        List<TraceStep> letters = r1Steps("02-r1-gsm8k-letters.json");
        assertEquals(StepTag.CHECK, stepStarting(letters, "But let me check again.").tag());
        assertEquals(StepTag.PLAN, stepStarting(letters, "First, I need to figure out how many letters").tag());
    }

    @Test
    void theBundledModelsTracesGetRestateWorkConclusionAndCheck() {
        List<TraceStep> steps = TraceInspector.steps(TestTraces.bundled("decimal-compare-greedy.jsonl"));
        assertEquals(List.of(StepTag.RESTATE, StepTag.COMPUTE, StepTag.COMPUTE, StepTag.COMPUTE, StepTag.CONCLUDE,
                StepTag.CHECK), steps.stream().map(TraceStep::tag).toList());
        List<TraceStep> corrected = TraceInspector.steps(TestTraces.bundled("decimal-compare-t1-seed1.jsonl"));
        assertEquals(StepTag.UNCERTAINTY, stepStarting(corrected, "Wait, 9 is larger than 1.").tag());
        for (String file : TestTraces.BUNDLED_FILES) {
            List<TraceStep> s = TraceInspector.steps(TestTraces.bundled(file));
            assertEquals(StepTag.CHECK, s.getLast().tag(), file);
            assertFalse(s.stream().anyMatch(x -> x.tag() == StepTag.BACKTRACK), file);
        }
    }

    @Test
    void taggingAStreamingTextIncrementallyGivesTheStepsOfTheWholeText() {
        for (String file : List.of("04-qwen1.5b-remainders.json", "09-qwen14b-squares-distance.json")) {
            InspectedResponse r = TestTraces.r1(file);
            StepTagger tagger = new StepTagger(r.question());
            String previous = "";
            List<TraceStep> steps = tagger.steps(previous);
            for (int cut = 0; cut <= r.thinking().length(); cut = cut == r.thinking().length() ? cut + 1
                    : Math.min(r.thinking().length(), cut + 1 + cut % 173)) {
                String now = r.thinking().substring(0, cut);
                steps = tagger.steps(now, previous, steps);
                assertEquals(tagger.steps(now), steps, file + " at " + cut);
                previous = now;
            }
            assertEquals(tagger.steps(r.thinking()), steps);
        }
    }
}
