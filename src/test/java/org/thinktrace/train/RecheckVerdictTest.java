package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.thinktrace.text.R1Response;

/** A re-check is judged by its verdict as well as its answer; other problems by their answer alone. */
class RecheckVerdictTest {

    private static final Teacher SEVENTEENTH = Teacher.of(TeacherEdition.SEVENTEENTH);

    @Test
    void theTeachersOwnRecheckAnswersAgreeAndTheOppositeVerdictDoesNot() {
        int kept = 0;
        int corrected = 0;
        for (Problem p : SEVENTEENTH.followUpSet(60, 3)) {
            String answer = R1Response.parse(p.response()).answer();
            assertTrue(RecheckVerdict.agrees(p, answer), p.response());
            if (!FollowUps.isRecheck(p)) {
                continue;
            }
            Problem.Exchange before = p.context().get(p.context().size() - 1);
            boolean shownRight = AnswerChecker.sameAnswer(AnswerChecker.extract(before.response()).orElseThrow(), p.answer());
            RecheckVerdict verdict = RecheckVerdict.of(answer).orElseThrow(() -> new AssertionError(answer));
            assertEquals(shownRight ? RecheckVerdict.KEPT : RecheckVerdict.CORRECTED, verdict, p.response());
            String flipped = (verdict == RecheckVerdict.KEPT ? RecheckVerdict.CORRECTED : RecheckVerdict.KEPT).opening()
                    + answer.substring(verdict.opening().length());
            assertFalse(RecheckVerdict.agrees(p, flipped), flipped);
            assertTrue(AnswerChecker.isCorrect(flipped, p.answer()), "the answer alone would pass: " + flipped);
            assertFalse(RecheckVerdict.agrees(p, answer.substring(verdict.opening().length())), "no verdict at all");
            if (verdict == RecheckVerdict.KEPT) kept++;
            else corrected++;
        }
        assertTrue(kept > 0 && corrected > 0, kept + " kept, " + corrected + " corrected");
    }

    @Test
    void answersThatMerelyStartWithYesOrNoAreNoVerdicts() {
        assertEquals(Optional.empty(), RecheckVerdict.of("Yes, 179 is **prime**."));
        assertEquals(Optional.empty(), RecheckVerdict.of("No, 91 is **not prime** (91 = 7 × 13)."));
        assertEquals(Optional.of(RecheckVerdict.KEPT), RecheckVerdict.of("Yes. 25 + 17 = **42**"));
        assertEquals(Optional.of(RecheckVerdict.CORRECTED), RecheckVerdict.of("No, I made a mistake. 25 + 17 = **42**"));
    }
}
