package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeLeftTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRestIsEstimatedAtThePaceOfWhatIsDone() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        TimeLeft left = new TimeLeft(now::get);
        now.addAndGet(8 * SECOND);
        assertEquals(", about 12 s left", left.suffix(4, 10), "4 units took 8 s: 6 more take 12 s");
        now.addAndGet(292 * SECOND);
        assertEquals(", about 6 min left", left.suffix(100, 220), "100 units took 300 s: 120 more take 360 s");
        assertEquals(", about 1 h 40 min left", left.suffix(5, 105), "5 units took 300 s: 100 more take 6000 s");
    }

    @Test
    void nothingIsSaidTooEarlyOrOnceDone() {
        AtomicLong now = new AtomicLong();
        TimeLeft left = new TimeLeft(now::get);
        now.set(TimeLeft.MIN_ELAPSED_NANOS - 1);
        assertEquals("", left.suffix(3, 10), "under two seconds");
        now.set(10 * SECOND);
        assertEquals("", left.suffix(0, 10), "nothing done yet");
        assertEquals("", left.suffix(10, 10), "all done");
        assertEquals(", about 10 s left", left.suffix(5, 10));
    }
}
