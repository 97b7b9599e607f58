package org.thinktrace.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StopStringFilterTest {

    static String reference(String text, List<String> stops) {
        int first = text.length();
        for (String s : stops) {
            int at = text.indexOf(s);
            if (at >= 0) first = Math.min(first, at);
        }
        return text.substring(0, first);
    }

    static String run(List<String> chunks, List<String> stops) {
        StopStringFilter filter = new StopStringFilter(stops);
        StringBuilder out = new StringBuilder();
        for (String c : chunks) out.append(filter.push(c));
        return out.append(filter.flush()).toString();
    }

    @Test
    void everyChunkingStopsAtTheFirstStopString() {
        SplittableRandom random = new SplittableRandom(4);
        List<String> stops = List.of("\nUser:", "###", "ab");
        String alphabet = "ab#\nUser: x";
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(25);
            for (int i = 0; i < n; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            List<String> chunks = ThinkStreamParserTest.randomChunks(text.toString(), random);
            assertEquals(reference(text.toString(), stops), run(chunks, stops), "text '" + text + "' chunks " + chunks);
        }
    }

    @Test
    void aPossibleStopPrefixIsHeldBackThenReleased() {
        StopStringFilter filter = new StopStringFilter(List.of("END"));
        assertEquals("The ", filter.push("The EN"));
        assertEquals("ENough", filter.push("ough"));
        assertEquals(" said ", filter.push(" said E"));
        assertFalse(filter.stopped());
        assertEquals("", filter.push("ND more"));
        assertTrue(filter.stopped());
        assertEquals("", filter.push("ignored"));
        assertEquals("", filter.flush());
    }

    @Test
    void withoutStopStringsEverythingPassesAtOnce() {
        StopStringFilter filter = new StopStringFilter(List.of());
        assertEquals("anything", filter.push("anything"));
    }
}
