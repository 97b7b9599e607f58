package org.thinktrace.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BranchOriginTest {

    @Test
    void theLabelQuotesBothTexts() {
        assertEquals("branched at token 12: \"+\" → \"=\"", new BranchOrigin(0, 12, " +", " =", false).label());
    }

    @Test
    void aLongEditedTextIsNotCutInsideAnEmoji() {
        String inserted = "x".repeat(38) + "\uD83D\uDE00 then more of what the user wrote";
        String label = new BranchOrigin(0, 3, "Wait", inserted, true).label();
        assertTrue(label.contains("…"), label);
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < label.length() && Character.isLowSurrogate(label.charAt(i + 1)), "half an emoji: " + label);
            } else if (Character.isLowSurrogate(c)) {
                assertTrue(i > 0 && Character.isHighSurrogate(label.charAt(i - 1)), "half an emoji: " + label);
            }
        }
    }
}
