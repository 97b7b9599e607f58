package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A move counts as a jump only when it is longer than the viewport; a layout pass clears it. */
class ViewportJumpsTest {

    @Test
    void aMoveLongerThanTheViewportEitherWayIsAJumpUntilTheNextLayoutPass() {
        ViewportJumps jumps = new ViewportJumps();
        jumps.moved(399, 400);
        jumps.moved(-400, 400);
        assertFalse(jumps.pending(), "a move of at most a screen brings part of the screen back: not a jump");
        jumps.moved(-401, 400);
        assertTrue(jumps.pending());
        jumps.moved(10, 400);
        assertTrue(jumps.pending(), "a later small move does not undo the jump before the layout pass");
        jumps.laidOut();
        assertFalse(jumps.pending());
        jumps.moved(1_000, 0);
        assertFalse(jumps.pending(), "a view not laid out yet has no screen to jump from");
        jumps.jumped();
        assertTrue(jumps.pending());
    }
}
