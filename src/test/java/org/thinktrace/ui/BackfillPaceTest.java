package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackfillPaceTest {

    private static final long MS = 1_000_000L;

    @Test
    void aFrameBuildsAtLeastOneViewHoweverLongItTakes() {
        assertTrue(BackfillPace.buildsAnother(0, 0));
        assertTrue(BackfillPace.buildsAnother(0, 500 * MS), "the time of an earlier frame does not count");
    }

    @Test
    void aQuestionAndAnOrdinaryAnswerAreBuiltInOneFrameButNoThird() {
        assertTrue(BackfillPace.buildsAnother(1, MS / 2));
        assertFalse(BackfillPace.buildsAnother(BackfillPace.MOST, MS / 2));
    }

    @Test
    void aViewThatTookTheBudgetToConstructIsBuiltAloneInItsFrame() {
        assertFalse(BackfillPace.buildsAnother(1, BackfillPace.BUILD_BUDGET_NANOS));
        assertFalse(BackfillPace.buildsAnother(1, 80 * MS));
        assertTrue(BackfillPace.buildsAnother(1, BackfillPace.BUILD_BUDGET_NANOS - 1));
    }
}
