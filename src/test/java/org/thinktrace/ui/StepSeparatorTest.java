package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.thinktrace.inspect.Span;

/** The whitespace an edited step keeps after it ({@link InspectorViewModel#separatorAfter}). */
class StepSeparatorTest {

    private static final String THINKING = "First step.\nSecond step.\n\nThird step.";

    @Test
    void theLineBreaksAfterAStepAreKept() {
        assertEquals("\n", InspectorViewModel.separatorAfter(THINKING, new Span(0, 11)));
        assertEquals("\n\n", InspectorViewModel.separatorAfter(THINKING, new Span(12, 24)));
    }

    @Test
    void whitespaceInsideTheStepsEndCountsOnceAndTheLastStepHasNone() {
        assertEquals("\n\n", InspectorViewModel.separatorAfter(THINKING, new Span(12, 25)), "a step that holds its break");
        assertEquals("", InspectorViewModel.separatorAfter(THINKING, new Span(26, 37)), "the last step");
    }
}
